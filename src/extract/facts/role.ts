// What an amount of money is for: the cue words English puts next to it ("a deal worth £3bn",
// "cuts £112m", "a £336m write-down", "to free up £12m for"). The cue nearest the amount, inside its
// clause, weighted by how specific it is, names the role; no cue at all leaves `other`.
import type { MoneyRole } from '../../types.js';
import { roleCues } from './lexicon.js';

export interface Range { start: number; end: number }

/** Punctuation that closes a clause for role cues: a cue across a dash or a semicolon is about something else. */
const BOUNDARY = /[;:–—()[\]]|\s-\s/g;

const AFTER_BRACKET = /^\s*\([^()]{0,80}\)/;

/** The stretch of the sentence around [start, end) not crossing a clause boundary. */
export function clauseAround(text: string, sentence: Range, start: number, end: number): Range {
  let cStart = sentence.start;
  const before = text.slice(sentence.start, start);
  for (const m of before.matchAll(BOUNDARY)) cStart = sentence.start + m.index + m[0].length;
  let cEnd = sentence.end;
  // A bracket right after the amount restates it ("€20,000 (£17,500) in compensation"): look past it.
  const skip = AFTER_BRACKET.exec(text.slice(end, Math.min(sentence.end, end + 100)))?.[0].length ?? 0;
  const after = text.slice(end + skip, sentence.end);
  BOUNDARY.lastIndex = 0;
  const m = BOUNDARY.exec(after);
  if (m) cEnd = end + skip + m.index;
  BOUNDARY.lastIndex = 0;
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
  const before = text.slice(clause.start, start).toLowerCase();
  const after = text.slice(end, clause.end).toLowerCase().replace(AFTER_BRACKET, (b) => ' '.repeat(b.length));
  const whole = before + ' ' + after;
  let best: RoleDecision = { role: 'other', cue: null, reason: null };
  let bestScore = 0;
  for (const c of roleCues()) {
    if (c.requires && !c.requires.test(whole)) continue;
    const hay = c.side === 'before' ? before : after;
    c.re.lastIndex = 0;
    for (const m of hay.matchAll(c.re)) {
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
