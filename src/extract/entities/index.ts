// Named entities of an article: organisations, people, products, places, programmes.
// find candidates (candidates.ts) -> type each (classify.ts) -> merge the forms of one thing (merge.ts).
import type { Entity, ExtractContext } from '../../types.js';
import { splitSentences } from '../sentences.js';
import { findCandidates, type Candidate } from './candidates.js';
import { EPONYM_NEXT, STORM_WORDS } from './cues.js';
import { classify, isAcronym, typed as typedAs } from './classify.js';
import { loadLexicon, type Lexicon } from './lexicon.js';
import { mergeMentions, type Typedmention } from './merge.js';

export { loadLexicon, buildLexicon, lookup } from './lexicon.js';
export type { Lexicon, LexiconEntry } from './lexicon.js';

/** Every named organisation, person, product, place and programme in ctx.text, one Entity per thing,
 * in order of first mention, each mention with exact offsets. */
export function extractEntities(ctx: ExtractContext, lexicon: Lexicon = loadLexicon()): Entity[] {
  const sentences = ctx.sentences.length || !ctx.text ? ctx.sentences : splitSentences(ctx.text);
  const cands = findCandidates(ctx.text, sentences, lexicon);
  const storms = stormNames(cands);
  const typed: Typedmention[] = [];
  for (const c of cands) {
    const t = classify(c, lexicon);
    if (t && !(t.strength < 4 && notAName(ctx.text, c, storms))) typed.push({ cand: c, typed: t });
  }
  shareListTypes(ctx.text, typed);
  return mergeMentions(typed);
}

/** The names of storms in the article ("Hurricane Humberto", "tropical storm Barry" -> "Humberto",
 * "Barry"): a storm is none of the types, and its name alone later on is the storm, not a person. */
export function stormNames(cands: Candidate[]): Set<string> {
  const out = new Set<string>();
  for (const c of cands) {
    let k = 0;
    while (k < c.tokens.length && STORM_WORDS.has(c.tokens[k]!.lower)) k++;
    if (k > 0 && k < c.tokens.length) out.add(c.tokens.slice(k).map(t => t.text).join(' '));
    else if (k === 0 && STORM_WORDS.has(c.prev) && c.prev !== 'tropical') out.add(c.text);
  }
  return out;
}

// After a name: an optional possessive, more names joined by dashes ("Saffir–Simpson"), one lower-case word.
const EPONYM_AFTER = /^(?:['’]s?)?(?:[–-]\p{Lu}[\p{L}'’]*)*\s+(\p{Ll}+)/u;
// A clock time right before ("10 a.m. AST", "0900 UTC", "15:00 CEST", "(11:00 IST)").
const CLOCK_BEFORE = /\d(?:\s?[ap]\.?m\.?)?\s*\(?$/i;

/** Capitalised words that name no organisation, person, place or product however they are typed:
 * a storm's name, a term named after someone ("Richter scale", "Parkinson's disease"), a time zone
 * after a clock time. */
export function notAName(text: string, c: Candidate, storms: Set<string>): boolean {
  if (storms.has(c.text)) return true;
  const after = EPONYM_AFTER.exec(text.slice(c.end, c.end + 60));
  if (after && EPONYM_NEXT.has(after[1]!)) return true;
  if (/^\p{Lu}{2,4}T$/u.test(c.text) && CLOCK_BEFORE.test(text.slice(Math.max(0, c.start - 12), c.start))) return true;
  return false;
}

const LIST_GAP = /^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+)$/;

/** Names in one list are of one kind ("iSoft, IDX or McKesson systems"; "South Birmingham, Morecambe
 * Bay and Bradford"): a guessed type gives way to the list's well-evidenced type when that is unanimous. */
function shareListTypes(text: string, typed: Typedmention[]): void {
  let i = 0;
  while (i < typed.length) {
    let j = i + 1;
    while (j < typed.length && LIST_GAP.test(text.slice(typed[j - 1]!.cand.end, typed[j]!.cand.start))) j++;
    // Two names joined by a comma alone are as often an apposition ("president of Namibia, Hage
    // Geingob") as a list; only "and"/"or" or three members make a list, except "City, Region".
    const gaps = [];
    for (let k = i + 1; k < j; k++) gaps.push(text.slice(typed[k - 1]!.cand.end, typed[k]!.cand.start));
    if (j - i === 2 && !/\b(?:and|or)\b|&/.test(gaps[0]!)) {
      const [a, b] = [typed[i]!, typed[i + 1]!];
      // "South Bend, Indiana": an unknown name before ", <region>" is a town in it.
      if (b.typed.type === 'place' && b.typed.strength >= 2 && a.typed.strength <= 1 && a.typed.type !== 'person' && !isAcronym(a.cand.text)
        && /^,\s$/.test(gaps[0]!)) a.typed = typedAs('place', 1.5, 'town, region');
      if (a.typed.type === 'place' && a.typed.strength >= 2 && b.cand.tokens.length === 1 && b.typed.type !== 'place'
        && b.typed.strength <= 2 && !b.cand.titleCue && /^,\s$/.test(gaps[0]!)) b.typed = typedAs('place', 1.5, 'city, region');
    } else if (j - i >= 2) {
      const chain = typed.slice(i, j);
      const counts = new Map<string, number>();
      for (const m of chain) if (m.typed.strength >= 2) counts.set(m.typed.type, (counts.get(m.typed.type) ?? 0) + 1);
      const ranked = [...counts].sort((a, b) => b[1] - a[1]);
      if (!ranked.length) {
        // No strong evidence at all: one guessed type (e.g. "between Baracoa and Guantanamo") still
        // beats bare defaults.
        const guessed = new Set(chain.filter(m => m.typed.strength >= 1).map(m => m.typed.type));
        if (guessed.size === 1) {
          const type = [...guessed][0]!;
          for (const m of chain) if (m.typed.strength === 0 && !isAcronym(m.cand.text)) m.typed = typedAs(type, 1, 'list of ' + type);
        }
      } else {
        const [type, n] = ranked[0]! as [Entity['type'], number];
        const second = ranked[1]?.[1] ?? 0;
        // Unanimous strong evidence overrides guesses; a clear majority (Maine, …, Virginia, …) also
        // overrides a library-lexicon reading of one member, never a lexicon entry or a title.
        for (const m of chain) {
          // A guess the list agrees with is no longer a guess ("in Reading, Berkshire, UK").
          if (m.typed.type === type) { if (m.typed.strength < 1.5 && (n >= 2 || chain.length >= 3)) m.typed = { ...m.typed, strength: 1.5 }; continue; }
          // In a pair ("ISIS and Turkey would …") "and" may join clauses, not names: only bare
          // defaults give way there, and an acronym never.
          if (chain.length === 2 && (m.typed.strength > 0 || isAcronym(m.cand.text))) continue;
          const weak = m.typed.strength <= 1 && second === 0;
          const outvoted = n >= 3 && n >= 3 * second && m.typed.strength <= 2 && !m.cand.titleCue;
          if (weak || outvoted) m.typed = typedAs(type, 1.5, 'list of ' + type);
        }
      }
    }
    i = j;
  }
}
