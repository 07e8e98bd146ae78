// Numbers as written in news: "3.1", "12,000", "two", "twenty-five", "one hundred and ten".
// Finding is by regex (NUMBER_SOURCE / WORD_NUMBER_SOURCE, used inside the money, percent and date
// patterns); parseNumber turns the matched text into a value. Pure, no context.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
interface NumberWordsLexicon {
  units: Record<string, number>;
  tens: Record<string, number>;
  hundred: Record<string, number>;
}
const LEX = require('../../../lexicons/values/number-words.json') as NumberWordsLexicon;

export const UNITS: ReadonlyMap<string, number> = new Map(Object.entries(LEX.units));
export const TENS: ReadonlyMap<string, number> = new Map(Object.entries(LEX.tens));

const unitWords = [...UNITS.keys()].sort((a, b) => b.length - a.length).join('|');
const tensWords = [...TENS.keys()].join('|');

/** Digits with optional thousands commas and decimals: "3.1", "12,000", "1,500.50", ".5" is not accepted. */
export const NUMBER_SOURCE = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

// One group below a thousand: "twenty-five", "one hundred and ten", "a hundred".
const GROUP = String.raw`(?:(?:${unitWords}|a|an)[\s-]+hundred(?:[\s-]+(?:and[\s-]+)?(?:(?:${tensWords})(?:[\s-]+(?:${unitWords}))?|${unitWords}))?|(?:${tensWords})(?:[\s-]+(?:${unitWords}))?|${unitWords})`;
/** Written-out whole numbers, case-insensitive ("Ten", "twenty-five", "one hundred"). */
export const WORD_NUMBER_SOURCE = String.raw`(?:${GROUP})(?![\p{L}])`;

/** Parses digits ("12,000", "3.1") or number words ("twenty-five", "a hundred"); null when it is neither. */
export function parseNumber(raw: string): number | null {
  const s = raw.trim().toLowerCase();
  if (/^\d/.test(s)) {
    const n = Number(s.replace(/,/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  if (/^half\s+an?$/.test(s)) return 0.5;
  const words = s.split(/[\s-]+/).filter((w) => w && w !== 'and');
  if (words.length === 0) return null;
  let total = 0;
  let seen = false;
  for (const w of words) {
    if (UNITS.has(w)) { total += UNITS.get(w)!; seen = true; }
    else if (TENS.has(w)) { total += TENS.get(w)!; seen = true; }
    else if (w === 'a' || w === 'an') { total += 1; seen = true; }
    else if (w === 'hundred') { total = (seen ? total : 1) * 100; seen = true; }
    else return null;
  }
  return seen ? total : null;
}

/** Multiplies without binary noise: 3.1 * 1e9 is 3100000000, not 3100000000.0000005. */
export function scaleAmount(n: number, scale: number): number {
  return Number((n * scale).toPrecision(15));
}
