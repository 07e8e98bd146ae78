import type { Sentence } from '../types.js';

// Abbreviations after which a full stop does not end a sentence (lower-cased, without the dot).
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sir', 'st', 'rev', 'gen', 'col', 'lt', 'sgt', 'capt', 'gov', 'sen', 'rep',
  'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'plc', 'no', 'vs', 'v', 'etc', 'approx', 'fig', 'dept', 'est',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat', 'sun', 'u.s', 'u.k', 'e.g', 'i.e', 'a.m', 'p.m',
]);

// A candidate boundary: sentence punctuation (with closing quotes/brackets) followed by whitespace, or a
// line break. Scanning with one regex keeps the splitter linear and fast on megabyte-long lines.
const BOUNDARY = /([.!?…]+)["'”’)\]»]*(?=\s|$)|\n/g;
const WORD_BEFORE_DOT = /[\p{L}.]*$/u;
const STARTS_SENTENCE = /^[ \t\r]*(?:$|\n|[\p{Lu}\d"“‘'(\[•])/u;
const NEW_BLOCK = /^[ \t\r]*(?:$|\n|[•\-*·▪●◦])/;
const ENDS_LIKE_SENTENCE = /[.!?…:;”"][ \t\r]*$/;
const SPACE = /\s/;

/**
 * Splits text into sentences with exact offsets. A sentence ends at . ! ? or … followed by whitespace and an
 * upper-case letter, digit or opening quote (not after an abbreviation or a single initial), or at a line break
 * that starts a new block (a blank line, a bullet) or follows a line that ends like a sentence (headlines,
 * datelines). Leading and trailing whitespace is not part of a sentence.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && SPACE.test(text[s]!)) s++;
    while (e > s && SPACE.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
    start = end;
  };
  BOUNDARY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BOUNDARY.exec(text))) {
    const at = m.index;
    const after = m.index + m[0].length;
    const ahead = text.slice(after, after + 8);
    if (m[0] === '\n') {
      if (NEW_BLOCK.test(ahead) || ENDS_LIKE_SENTENCE.test(text.slice(Math.max(start, at - 8), at))) push(after);
      continue;
    }
    if (!STARTS_SENTENCE.test(ahead)) continue;
    if (m[1]!.endsWith('.') && m[1]!.length === 1) {
      const word = WORD_BEFORE_DOT.exec(text.slice(Math.max(0, at - 12), at))![0].toLowerCase();
      if (ABBREVIATIONS.has(word)) continue;
      if (/^\p{L}$/u.test(word) && /\p{Lu}/u.test(text[at - 1]!)) continue;
    }
    push(after);
  }
  push(text.length);
  return out;
}

/** The sentence that contains offset (binary search over sentences in text order), or null. */
export function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | null {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return null;
}
