// What an amount of money is for: the cue words English puts next to it ("a deal worth £3bn",
// "cuts £112m", "a £336m write-down", "to free up £12m for"). The cue nearest the amount, inside its
// clause, weighted by how specific it is, names the role; no cue at all leaves `other`.
import type { MoneyRole } from '../../types.js';
import { roleCues } from './lexicon.js';

export interface Range { start: number; end: number }

const AFTER_BRACKET = /^\s*\([^()]{0,80}\)/;

/** Punctuation that closes a clause for role cues (a cue across a dash or a semicolon is about something
 * else): ; : – — ( ) [ ] or a hyphen with space on both sides. */

/** Where a clause boundary can start in one sentence, found once per sentence (not once per amount: a sentence
 * holding thousands of amounts would otherwise be rescanned for each). */
interface Boundaries {
  /** Every position where a match can start, with its length (the first match at or after a point). */
  at: number[];
  len: number[];
  /** End of each match of a left-to-right scan (non-overlapping), ascending. */
  scanEnds: number[];
}

const SPACE = /\s/;

// One text at a time: the cache belongs to the text it was built for (a new text empties it).
let boundText: string | null = null;
let boundCache = new Map<string, Boundaries>();

function boundariesOf(text: string, sentence: Range): Boundaries {
  if (text !== boundText) { boundText = text; boundCache = new Map(); }
  boundText = text; // an equal string in a new object: keep the newest so identity checks stay cheap
  const key = sentence.start + ':' + sentence.end;
  let b = boundCache.get(key);
  if (b) return b;
  const body = text.slice(sentence.start, sentence.end);
  const at: number[] = [];
  const len: number[] = [];
  const scanEnds: number[] = [];
  let scanAt = 0;
  for (let i = 0; i < body.length; i++) {
    // A boundary is one of those characters or whitespace-hyphen-whitespace: whether one starts at i
    // depends on i alone, so the leftmost boundary from any point is the first such position.
    const c = body[i]!;
    let l = 0;
    if (c === ';' || c === ':' || c === '–' || c === '—' || c === '(' || c === ')' || c === '[' || c === ']') l = 1;
    else if (body[i + 1] === '-' && i + 2 < body.length && SPACE.test(c) && SPACE.test(body[i + 2]!)) l = 3;
    if (!l) continue;
    at.push(sentence.start + i);
    len.push(l);
    if (i >= scanAt) { scanEnds.push(sentence.start + i + l); scanAt = i + l; }
  }
  b = { at, len, scanEnds };
  boundCache.set(key, b);
  return b;
}

/** Index of the first value >= x in an ascending list (list.length when none). */
function lowerBound(list: number[], x: number): number {
  let lo = 0, hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid]! < x) lo = mid + 1; else hi = mid; }
  return lo;
}

/** The stretch of the sentence around [start, end) not crossing a clause boundary. */
export function clauseAround(text: string, sentence: Range, start: number, end: number): Range {
  const b = boundariesOf(text, sentence);
  // The last boundary of a scan of the sentence up to the amount: a scan of the part before the amount
  // finds the same matches as the scan of the whole sentence, up to the first one reaching past it.
  let cStart = sentence.start;
  const k = lowerBound(b.scanEnds, start + 1) - 1;
  if (k >= 0 && start >= sentence.start) cStart = b.scanEnds[k]!;
  let cEnd = sentence.end;
  // A bracket right after the amount restates it ("€20,000 (£17,500) in compensation"): look past it.
  const skip = AFTER_BRACKET.exec(text.slice(end, Math.min(sentence.end, end + 100)))?.[0].length ?? 0;
  const from = end + skip;
  const f = lowerBound(b.at, from);
  if (f < b.at.length && from <= sentence.end) {
    const p = b.at[f]!;
    // A three-character match must fit in what follows the amount (it always does: it ends in the sentence).
    if (p + b.len[f]! <= sentence.end) cEnd = p;
  }
  return { start: cStart, end: Math.max(cEnd, end) };
}

const FUNCTION_WORD = /(?<![\p{L}])(?:on|in|of|for|to|with|its|their|his|her|the|a|an|from|by|and|or|but|which|that|as|at|than|is|was|were|are|be|been|has|have|had|will|would)(?![\p{L}])/u;
const WORD = /[\p{L}\p{N}]+/gu;
const words = (s: string) => s.match(WORD)?.length ?? 0;

export interface RoleDecision {
  role: MoneyRole;
  /** The cue text that decided it, null for `other`. */
  cue: string | null;
  reason: string | null;
}

/**
 * The role of the amount at [start, end) given its clause; pure function of the text. `text` may have
 * entity names masked (see maskSpans) so "Internal Revenue Service" is not a revenue cue.
 */
export function moneyRole(text: string, clause: Range, start: number, end: number): RoleDecision {
  const { from, to } = cueReach(text, clause, start, end);
  const before = text.slice(from, start).toLowerCase();
  const after = text.slice(end, to).toLowerCase().replace(AFTER_BRACKET, (b) => ' '.repeat(b.length));
  const whole = before + ' ' + after;
  let best: RoleDecision = { role: 'other', cue: null, reason: null };
  let bestScore = 0;
  for (const c of roleCues()) {
    if (c.requires && !c.requires.test(whole)) continue;
    const hay = c.side === 'before' ? before : after;
    // exec on the shared global regex, not matchAll: matchAll clones the regex on every call, and that
    // clone (thirty cues for each amount) cost more than the matching itself.
    const re = c.re;
    re.lastIndex = 0;
    for (let m = re.exec(hay); m; m = re.exec(hay)) {
      if (m[0] === '') re.lastIndex += (hay.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1;
      // After the amount a partitive "in"/"of" is part of the cue ("$400m in military aid").
      const gap = c.side === 'before' ? hay.slice(m.index + m[0].length) : hay.slice(0, m.index).replace(/^\s*(?:in|of)\s/, ' ');
      const dist = words(gap);
      if (dist > c.window) continue;
      // An amount modifies the noun after it only with nothing but modifiers between ("£3bn IT deal");
      // "£1bn on its contract" is about something else.
      if (c.side === 'after' && FUNCTION_WORD.test(gap)) continue;
      const score = c.weight - dist;
      if (score > bestScore) {
        bestScore = score;
        best = { role: c.role, cue: m[0], reason: c.reason }; // an `other` cue wins as a decision too
      }
    }
  }
  return best;
}

/** How far from the amount cues are looked for. A cue counts only within its window of words (at most
 * eight) and a cue pattern spans a dozen words at most, so a clause is read up to REACH characters on
 * each side of the amount, cut at a space: a run-on "clause" thousands of characters long (a list of
 * amounts with no punctuation) would otherwise be read in full for every amount it holds. */
const REACH = 400;
function cueReach(text: string, clause: Range, start: number, end: number): { from: number; to: number } {
  let from = clause.start;
  if (start - from > REACH) {
    from = start - REACH;
    while (from < start && !SPACE.test(text[from - 1]!)) from++;
  }
  let to = clause.end;
  if (to - end > REACH) {
    to = end + REACH;
    while (to > end && !SPACE.test(text[to]!)) to--;
  }
  return { from, to };
}

/** The text with each span blanked to "x" and spaces (same length, so offsets hold). */
export function maskSpans(text: string, spans: Range[]): string {
  if (!spans.length) return text;
  const parts: string[] = [];
  let at = 0;
  for (const r of [...spans].sort((a, b) => a.start - b.start)) {
    if (r.start < at) continue;
    parts.push(text.slice(at, r.start), 'x', ' '.repeat(Math.max(0, r.end - r.start - 1)));
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** "€20,000 (£17,500; US$22,900)", "US$8000 or €7000": the same sum restated in another currency. */
const RESTATED = /^\s*(?:[(;,/]|\bor\b|\babout\b|\bapproximately\b|\baround\b|\broughly\b|\bsome\b|\bc\.|\s)*$/iu;
export function restates(text: string, prevEnd: number, start: number): boolean {
  return start - prevEnd <= 40 && RESTATED.test(text.slice(prevEnd, start));
}
