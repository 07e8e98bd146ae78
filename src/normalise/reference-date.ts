// The date relative expressions are resolved against. Rule (documented in the contract's terms):
// 1. the publication date from the file's metadata, when it is a valid YYYY-MM-DD → 'published';
// 2. else inferred from the article's own fully specified dates (a day with its year, or a month
//    with its year): the latest one that is not a deadline or plan ("by April 2020", "before",
//    "after", or in a future-tense clause) → 'inferred'. A day gives itself; a month gives its last
//    day (by then the whole month can be reported on);
// 3. else { date: null, source: 'none' } and relative dates keep value null.
// Never the clock.
import type { ReferenceSource } from '../types.js';
import { splitSentences } from '../extract/sentences.js';
import { findDateSpans, spanTense } from '../extract/dates.js';
import { daysFromCivil, daysInMonth, fmtDay, parseIsoDay } from './date-calendar.js';

export function inferReferenceDate(text: string, published: string | null): { date: string | null; source: ReferenceSource } {
  if (published && parseIsoDay(published) !== null) return { date: published, source: 'published' };
  const sentences = splitSentences(text);
  let best: { days: number; date: string } | null = null;
  for (const span of findDateSpans(text, true)) {
    const e = span.expr;
    if ((e.kind !== 'day' && e.kind !== 'month') || e.y === null) continue;
    if (span.modifier === 'before' || span.modifier === 'after') continue;
    if (spanTense({ text, sentences }, span) === 'future') continue;
    const d = e.kind === 'day' ? e.d : daysInMonth(e.y, e.m);
    const days = daysFromCivil(e.y, e.m, d);
    if (!best || days > best.days) best = { days, date: fmtDay({ y: e.y, m: e.m, d }) };
  }
  return best ? { date: best.date, source: 'inferred' } : { date: null, source: 'none' };
}
