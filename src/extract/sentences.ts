import type { Sentence } from '../types.js';

// Abbreviations after which a full stop does not end a sentence (lower-cased, without the dot).
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sir', 'st', 'rev', 'gen', 'col', 'lt', 'sgt', 'capt', 'gov', 'sen', 'rep',
  'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'plc', 'no', 'vs', 'v', 'etc', 'approx', 'fig', 'dept', 'est',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat', 'sun', 'u.s', 'u.k', 'e.g', 'i.e', 'a.m', 'p.m',
]);

const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»']);

/**
 * Splits text into sentences with exact offsets. A sentence ends at . ! ? or … followed by
 * whitespace and an upper-case letter, digit or opening quote, or at a blank line / line break that
 * starts a new block (headlines, bullet lists). Leading and trailing whitespace is not part of a sentence.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
    start = end;
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    if (c === '\n') {
      // A line break ends a sentence when the next line is a new block: a blank line, a bullet,
      // or a line whose previous line had no closing punctuation but looks like a heading.
      let j = i + 1;
      while (j < n && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
      if (j >= n || text[j] === '\n' || /[•\-*·▪●◦]/.test(text[j]!)) {
        push(i + 1);
      } else {
        // Single line break inside a paragraph: a break if the line so far ends like a sentence.
        let k = i - 1;
        while (k >= start && /[\s\r]/.test(text[k]!)) k--;
        if (k >= start && /[.!?…:;”"]/.test(text[k]!)) push(i + 1);
      }
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?' && c !== '…') continue;
    let j = i + 1;
    while (j < n && (text[j] === '.' || text[j] === '!' || text[j] === '?' || text[j] === '…')) j++;
    while (j < n && CLOSERS.has(text[j]!)) j++;
    if (j < n && !/\s/.test(text[j]!)) continue;
    let k = j;
    while (k < n && /[ \t\r]/.test(text[k]!)) k++;
    if (k < n && text[k] !== '\n' && !/[\p{Lu}\d"“‘'(\[•]/u.test(text[k]!)) continue;
    if (c === '.') {
      // The word before the dot: an abbreviation or a single initial does not end the sentence.
      let w = i - 1;
      while (w >= 0 && /[\p{L}.]/u.test(text[w]!)) w--;
      const word = text.slice(w + 1, i).toLowerCase();
      if (ABBREVIATIONS.has(word)) continue;
      if (/^\p{L}$/u.test(word) && /\p{Lu}/u.test(text[i - 1]!)) continue;
    }
    push(j);
    i = j - 1;
  }
  push(n);
  return out;
}
