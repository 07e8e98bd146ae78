// The tense of the clause around a date mention, as a careful reader would use it to place
// "on Monday" or "in March": the nearest tense cue before the mention in its sentence decides;
// failing that, the first verb cue after it.
import { createRequire } from 'node:module';
import type { Tense } from '../normalise/date-resolve.js';

const require = createRequire(import.meta.url);
interface Cues {
  futureTense: { words: string[] };
  pastTense: { words: string[]; edExceptions: string[] };
  governingFuture: { words: string[]; between: string[] };
  prospectiveTense: { words: string[]; predictions: string[] };
  causalDue: { after: string[] };
  afterIgnored: { words: string[] };
}
const CUES = require('../../../lexicons/values/cues.json') as Cues;
const lower = (ws: string[]) => new Set(ws.map((w) => w.toLowerCase()));
const FUTURE = lower(CUES.futureTense.words);
const PAST = lower(CUES.pastTense.words);
const ED_EXCEPTIONS = lower(CUES.pastTense.edExceptions);
const GOVERNING = lower(CUES.governingFuture.words);
const GOVERNING_GAP = lower(CUES.governingFuture.between);
const PROSPECTIVE = lower(CUES.prospectiveTense.words);
const CAUSAL_DUE = lower(CUES.causalDue.after);
const AFTER_IGNORED = lower(CUES.afterIgnored.words);
const PAST_AUX = new Set(['was', 'were', 'had', 'been']);
const PREDICTIVE = lower(CUES.prospectiveTense.predictions);
const PRESENT = new Set(['is', 'are', 'am', 'says', 'say']);
const AUX = new Set(['is', 'are', 'am', 'was', 'were', 'be', 'been', 'being', "it's", "'s", 'has', 'have', 'had', 'will', 'would', 'now', 'also', 'still', 'currently']);

const norm = (w: string | undefined) => (w ?? '').toLowerCase().replace(/[’]/g, "'");

function cueOf(word: string): Tense {
  const w = norm(word);
  if (FUTURE.has(w)) return 'future';
  if (PAST.has(w)) return 'past';
  if (w.length > 4 && w.endsWith('ed') && !ED_EXCEPTIONS.has(w)) return 'past';
  if (PRESENT.has(w)) return 'present';
  return null;
}

/**
 * The cue of words[i] read in its neighbourhood, or null when the word says nothing here.
 * `gapToDate` is true when only words like "the", "next", "end of" stand between it and the date.
 */
function cueAt(words: string[], i: number, gapToDate: boolean, afterDate: boolean): Tense {
  const w = norm(words[i]);
  const next = norm(words[i + 1]);
  const prev = norm(words[i - 1]);
  if (afterDate && AFTER_IGNORED.has(w)) return null;
  // "due to a landslide" is a cause; "due to start", "due on Friday" a schedule.
  if (w === 'due') {
    if (next === 'to' && (CAUSAL_DUE.has(norm(words[i + 2])) || /^\p{Lu}/u.test(words[i + 2] ?? ''))) return null;
    return PAST_AUX.has(prev) ? 'past-plan' : 'future';
  }
  // "until March", "before Friday": a bound ahead only when the preposition governs the date.
  if (GOVERNING.has(w)) return gapToDate && !afterDate ? 'future' : null;
  // "set to", "set for" plan ahead; "set himself on fire" is the past tense.
  if (w === 'set') {
    if (next === 'to' || next === 'for') return PAST_AUX.has(prev) ? 'past-plan' : 'future';
    return 'past';
  }
  // "is to leave office", "are to hold", "Super Tuesday is to include": a plan.
  if (w === 'to' && (prev === 'is' || prev === 'are')) return 'future';
  if ((w === 'is' || w === 'are') && next === 'to') return 'future';
  // "back in February": the past.
  if (w === 'in' && prev === 'back') return 'past';
  if (PROSPECTIVE.has(w)) return 'prospective';
  // Modals written in lower case ("may be ready by late August"); "May" capitalised is the month.
  // After the date they mostly open another clause ("on Saturday, the virus may have killed").
  if (words[i] === 'may' || w === 'might') return afterDate ? null : 'future';
  const t = cueOf(w);
  // "was expected to end on December 15", "had been scheduled for": a plan reported in the past.
  // "has been scheduled for November" is a plan that still stands.
  // A forecast reported in the past ("was forecast to reach the coast late on Monday") still looks
  // ahead from when it was made: the nearest such day.
  if (t === 'future' && PAST_AUX.has(prev)) {
    if (prev === 'been' && (norm(words[i - 2]) === 'has' || norm(words[i - 2]) === 'have')) return 'future';
    return PREDICTIVE.has(w) ? 'prospective' : 'past-plan';
  }
  // A participle after "be" is passive, not past: "is to be sentenced in June", "will be held on Monday".
  // After the date such a passive belongs to a relative clause ("the election to be held on August 9").
  if (t === 'past' && prev === 'be' && w !== 'was' && w !== 'were') return afterDate ? null : norm(words[i - 2]) === 'would' ? 'prospective' : 'future';
  return t;
}

const WORD = /[\p{L}'’]+/gu;

/** Index of the quotation mark the end of `before` sits inside, or -1. */
function insideQuoteFrom(before: string): number {
  const curlyOpen = before.lastIndexOf('“');
  if (curlyOpen >= 0 && before.indexOf('”', curlyOpen) < 0) return curlyOpen;
  let count = 0;
  let last = -1;
  for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) === 34) { count++; last = i; }
  return count % 2 === 1 ? last : -1;
}

/** Tense around [start, end) within the sentence [sStart, sEnd) of text. */
export function tenseAround(text: string, sStart: number, sEnd: number, start: number, end: number): Tense {
  let before = text.slice(Math.max(sStart, start - 160), start);
  // Inside a quotation the speaker's own verbs decide, not the reporting verb outside it:
  // 'he said, "this weekend, I'm resting"'.
  const open = insideQuoteFrom(before);
  if (open >= 0) before = before.slice(open + 1);
  const words = before.match(WORD) ?? [];
  let gap = true;
  for (let i = words.length - 1; i >= 0; i--) {
    // "ll" of "we'll" arrives as part of the word
    const w = words[i]!;
    if (/['’]ll$/i.test(w)) return 'future';
    const t = cueAt(words, i, gap, false);
    // "Other games scheduled for Wednesday were still held", "the planned launch on Wednesday was
    // scrubbed": a plan named by a bare participle; the clause's own verb after the date decides.
    if (t === 'future' && /(?:ed|set)$/.test(norm(w)) && !AUX.has(norm(words[i - 1]))) {
      if (afterCue(text, end, sEnd) === 'past') return 'past';
    }
    if (t) return t;
    if (!GOVERNING_GAP.has(norm(w))) gap = false;
  }
  return afterCue(text, end, sEnd);
}

/** The first verb cue after the date in its sentence. */
function afterCue(text: string, end: number, sEnd: number): Tense {
  const after = text.slice(end, Math.min(sEnd, end + 120)).match(WORD) ?? [];
  for (let i = 0; i < after.length; i++) {
    if (/['’]ll$/i.test(after[i]!)) return 'future';
    const t = cueAt(after, i, false, true);
    if (t) return t;
  }
  return null;
}
