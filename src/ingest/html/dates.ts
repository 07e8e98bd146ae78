// Turns the date strings pages put in their metadata into YYYY-MM-DD. The date is the one written
// (no time-zone shift): "2019-03-05T23:30:00-05:00" was published on the 5th where it was written.

/** Month names and abbreviations (English; the metadata formats that spell months out are English). */
export const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

const MONTH_WORD = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

const ISO = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/;
const COMPACT = /^\s*(\d{4})(\d{2})(\d{2})(?:T|\s|$)/;
const DAY_MONTH_YEAR = new RegExp(`(?:^|[^\\w])(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_WORD},?\\s+(\\d{4})(?!\\d)`, 'i');
const MONTH_DAY_YEAR = new RegExp(`(?:^|[^\\w])${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'i');

function ymd(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return null;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (d > days[m - 1]!) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function monthNumber(word: string): number {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')] ?? MONTHS[word.toLowerCase().slice(0, 3)] ?? 0;
}

/**
 * A metadata date string ("2019-03-05T10:00:00Z", "2019/03/05", "20190305", "Tue, 05 Mar 2019 10:00:00 GMT",
 * "March 5, 2019") as YYYY-MM-DD, or null when it is not a full calendar date.
 */
export function parseMetaDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const s = value.trim();
  let m = ISO.exec(s);
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!);
  m = COMPACT.exec(s);
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!);
  return findWrittenDate(s.slice(0, 80));
}

/** The first spelled-out date ("5 March 2019", "March 5, 2019") in a stretch of prose, as YYYY-MM-DD. */
export function findWrittenDate(text: string): string | null {
  const a = DAY_MONTH_YEAR.exec(text);
  const b = MONTH_DAY_YEAR.exec(text);
  const first = a && b ? (a.index <= b.index ? a : b) : (a ?? b);
  if (!first) return null;
  if (first === a) return ymd(+a[3]!, monthNumber(a[2]!), +a[1]!);
  return ymd(+b![3]!, monthNumber(b![1]!), +b![2]!);
}
