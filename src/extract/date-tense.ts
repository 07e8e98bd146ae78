// The tense of the clause around a date mention, as a careful reader would use it to place
// "on Monday" or "in March": the nearest tense cue before the mention in its sentence decides;
// failing that, the first one after it.
import { createRequire } from 'node:module';
import type { Tense } from '../normalise/date-resolve.js';

const require = createRequire(import.meta.url);
interface Cues { futureTense: { words: string[] }; pastTense: { words: string[]; edExceptions: string[] } }
const CUES = require('../../../lexicons/values/cues.json') as Cues;
const FUTURE = new Set(CUES.futureTense.words.map((w) => w.toLowerCase()));
const PAST = new Set(CUES.pastTense.words.map((w) => w.toLowerCase()));
const ED_EXCEPTIONS = new Set(CUES.pastTense.edExceptions.map((w) => w.toLowerCase()));
const PAST_AUX = new Set(['was', 'were', 'had', 'been']);
const PRESENT = new Set(['is', 'are', 'am', 'says', 'say']);

function cueOf(word: string): Tense {
  const w = word.toLowerCase().replace(/[’]/g, "'");
  if (FUTURE.has(w)) return 'future';
  if (PAST.has(w)) return 'past';
  if (w.length > 4 && w.endsWith('ed') && !ED_EXCEPTIONS.has(w)) return 'past';
  if (PRESENT.has(w)) return 'present';
  return null;
}

const WORD = /[\p{L}'’]+/gu;

/** Tense around [start, end) within the sentence [sStart, sEnd) of text. */
export function tenseAround(text: string, sStart: number, sEnd: number, start: number, end: number): Tense {
  const before = text.slice(Math.max(sStart, start - 160), start);
  const words = before.match(WORD) ?? [];
  for (let i = words.length - 1; i >= 0; i--) {
    // "ll" of "we'll" arrives as part of the word
    const w = words[i]!;
    if (/['’]ll$/i.test(w)) return 'future';
    const t = cueOf(w);
    // "was expected to end on December 15", "had been scheduled for": a plan reported in the past.
    if (t === 'future' && PAST_AUX.has((words[i - 1] ?? '').toLowerCase())) return 'past';
    if (t) return t;
  }
  const after = text.slice(end, Math.min(sEnd, end + 120)).match(WORD) ?? [];
  for (const w of after) {
    if (/['’]ll$/i.test(w)) return 'future';
    const t = cueOf(w);
    if (t) return t;
  }
  return null;
}
