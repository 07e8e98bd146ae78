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
  return mergeMentions(typed);
}
