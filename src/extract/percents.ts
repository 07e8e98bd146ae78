// Percentages: "10%", "10 per cent", "10 percent", "ten per cent", "10pc", ranges ("10-15%",
// "between 10 and 15 per cent": one mention per bound). Not "a third", not "percentage points".
import type { ExtractContext, PercentMention } from '../types.js';
import { NUMBER_SOURCE, WORD_NUMBER_SOURCE, parseNumber } from './number-words.js';

export interface PercentSpan {
  start: number;
  end: number;
  text: string;
  /** numbers as written: one, or two for a range */
  nums: string[];
}

const N = `(?:${NUMBER_SOURCE}|${WORD_NUMBER_SOURCE})`;
// "per cent"/"percent" as words; "pc" only touching the digits (British financial press: "10pc").
const PERCENT_RE = new RegExp(
  String.raw`(?<![\p{L}\d.,])(?<n1>${N})(?:(?<p1>\s?%)?\s?(?<sep>-|–|—|to|and)\s?(?<n2>${N}))?(?:\s?%|\s?per\s?cent(?![\p{L}])|\s?percent(?![\p{L}])|(?<=\d)pc(?![\p{L}]))`,
  'gdiu',
);

// Every percentage ends in "%", "per cent"/"percent" or a "pc" touching a digit: a text with none of
// them is not scanned (the full pattern tries a number, in words too, at every position).
const PERCENT_NEEDS = /%|per\s?cent|\dpc/iu;

/** Finds percentage spans in text order. */
export function findPercentSpans(text: string): PercentSpan[] {
  const out: PercentSpan[] = [];
  if (!PERCENT_NEEDS.test(text)) return out;
  // exec on the shared regex, not matchAll (which copies the long pattern on every call).
  PERCENT_RE.lastIndex = 0;
  for (let m = PERCENT_RE.exec(text); m; m = PERCENT_RE.exec(text)) {
    if (m[0] === '') PERCENT_RE.lastIndex += (text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1;
    const g = m.groups!;
    let start = m.index!;
    const nums = [g.n1!];
    if (g.n2 && g.p1 && g.sep === 'and') {
      // "89% and 85%": two percentages, each its own mention.
      const ix = m.indices!.groups!;
      out.push({ start, end: ix.p1![1], text: text.slice(start, ix.p1![1]), nums: [g.n1!] });
      start = ix.n2![0];
      nums[0] = g.n2;
    } else if (g.n2) {
      // "and" joins two bounds only after "between"; otherwise only the second number is a percent.
      const between = /(?:^|[^\p{L}])between\s+$/iu.test(text.slice(Math.max(0, start - 12), start));
      if (g.sep !== 'and' || between) nums.push(g.n2);
      else { start = m.indices!.groups!.n2![0]; nums[0] = g.n2; }
    }
    out.push({ start, end: m.index! + m[0].length, text: text.slice(start, m.index! + m[0].length), nums });
  }
  return out;
}

/** Values of a percentage span, one per bound. */
export function resolvePercent(span: PercentSpan): PercentMention[] {
  const out: PercentMention[] = [];
  for (const n of span.nums) {
    const v = parseNumber(n);
    if (v !== null) out.push({ start: span.start, end: span.end, text: span.text, value: v });
  }
  return out;
}

export function extractPercents(ctx: ExtractContext): PercentMention[] {
  return findPercentSpans(ctx.text).flatMap(resolvePercent);
}
