// Financial years: "2013-14", "2019/20", "2019-2020", "FY2020", "fiscal 2021" → "YYYY/YYYY".

/**
 * The start year of a financial year written as two years, or null when the second is not the
 * year after the first ("2010-2015" is a span of years, not a financial year).
 */
export function financialYearFromPair(first: string, second: string): number | null {
  const a = Number(first);
  if (!/^\d{4}$/.test(first)) return null;
  if (/^\d{2}$/.test(second)) return (a + 1) % 100 === Number(second) ? a : null;
  if (/^\d{4}$/.test(second)) return Number(second) === a + 1 ? a : null;
  return null;
}

/**
 * "FY2020" / "FY20" / "fiscal 2020": the year the financial year ends in, as is usual in both
 * UK ("FY2020" = 2019/20) and US (FY2020 = Oct 2019 – Sep 2020) usage. Returns the start year.
 */
export function financialYearFromEnding(written: string): number | null {
  if (/^\d{4}$/.test(written)) return Number(written) - 1;
  if (/^\d{2}$/.test(written)) return 2000 + Number(written) - 1;
  return null;
}

export const formatFinancialYear = (start: number) => `${start}/${start + 1}`;
