// Named entities of an article: organisations, people, products, places, programmes.
// find candidates (candidates.ts) -> type each (classify.ts) -> merge the forms of one thing (merge.ts).
import type { Entity, ExtractContext } from '../../types.js';
import { splitSentences } from '../sentences.js';
import { findCandidates } from './candidates.js';
import { classify } from './classify.js';
import { loadLexicon, type Lexicon } from './lexicon.js';
import { mergeMentions, type Typedmention } from './merge.js';

export { loadLexicon, buildLexicon, lookup } from './lexicon.js';
export type { Lexicon, LexiconEntry } from './lexicon.js';

/** Every named organisation, person, product, place and programme in ctx.text, one Entity per thing,
 * in order of first mention, each mention with exact offsets. */
export function extractEntities(ctx: ExtractContext, lexicon: Lexicon = loadLexicon()): Entity[] {
  const sentences = ctx.sentences.length || !ctx.text ? ctx.sentences : splitSentences(ctx.text);
  const cands = findCandidates(ctx.text, sentences, lexicon);
  const typed: Typedmention[] = [];
  for (const c of cands) {
    const t = classify(c, lexicon);
    if (t) typed.push({ cand: c, typed: t });
  }
  shareListTypes(ctx.text, typed);
  return mergeMentions(typed);
}

const LIST_GAP = /^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+)$/;

/** Names in one list are of one kind ("iSoft, IDX or McKesson systems"; "South Birmingham, Morecambe
 * Bay and Bradford"): a guessed type gives way to the list's well-evidenced type when that is unanimous. */
function shareListTypes(text: string, typed: Typedmention[]): void {
  let i = 0;
  while (i < typed.length) {
    let j = i + 1;
    while (j < typed.length && LIST_GAP.test(text.slice(typed[j - 1]!.cand.end, typed[j]!.cand.start))) j++;
    if (j - i >= 2) {
      const chain = typed.slice(i, j);
      const strong = new Set(chain.filter(m => m.typed.strength >= 2).map(m => m.typed.type));
      if (strong.size === 1) {
        const type = [...strong][0]!;
        for (const m of chain) {
          if (m.typed.strength <= 1 && m.typed.type !== type) m.typed = { type, strength: 1.5, rule: 'list of ' + type };
        }
      }
    }
    i = j;
  }
}
