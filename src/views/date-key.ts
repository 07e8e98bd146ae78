// A sortable YYYY-MM-DD for every facts/v1 date value, so years, quarters, weeks and days interleave in
// calendar order (a plain string sort puts "2011-Q1" after "2011-12").

export function dateKey(value: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) return value;
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) return `${m[1]}-${m[2]}-00`;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(value))) return `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-00`;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(value))) {
    // ISO week w starts near day 7w - 6 of the year; month/day precision is enough to order it.
    const day = Math.min(365, Math.max(1, Number(m[2]) * 7 - 6));
    const month = Math.min(12, Math.floor((day - 1) / 30.44) + 1);
    const dom = Math.max(1, Math.min(28, Math.round(day - (month - 1) * 30.44)));
    return `${m[1]}-${String(month).padStart(2, '0')}-${String(dom).padStart(2, '0')}`;
  }
  if ((m = /^(\d{4})\/(\d{4})$/.exec(value))) return `${m[1]}-00-01`;
  if ((m = /^(\d{4})$/.exec(value))) return `${m[1]}-00-00`;
  return value;
}
