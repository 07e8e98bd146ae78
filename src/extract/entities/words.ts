// What the libraries already know about single words, read once as plain data:
// - compromise's lexicon (`nlp.model().one.lexicon`) tags ~35k words and phrases as FirstName, LastName,
//   Country, City, Region, Organization, Demonym, Honorific… — cheap look-ups, no tagger run.
// - natural's Brill lexicon (92k word forms with Penn tags) tells whether a capitalised word at a sentence
//   start is an ordinary English word ("However", "Extra") or only ever a proper noun ("London").
// Neither runs a tagger over the article: the full compromise tagger is ~30x too slow for the batch. Both are
// read from the compiled word data (word-data.ts), on first use.
import { SENTENCE_WORDS } from './cues.js';
import { loadWordData, type Tags } from './word-data.js';

let compromiseLexicon: Record<string, Tags> | null = null;
// Brill lexicon: only two facts are kept: which lower-case forms are ordinary words, and which capitalised
// forms are seen only as proper nouns (NNP).
let ordinary: Set<string> | null = null;
let properOnly: Set<string> | null = null;
function load(): void {
  if (compromiseLexicon) return;
  const data = loadWordData();
  compromiseLexicon = data.lexicon;
  ordinary = new Set(data.ordinary);
  properOnly = new Set(data.properOnly);
}

const NO_TAGS: string[] = [];
const tagCache = new Map<string, string[]>();
function tagsOf(word: string): string[] {
  let r = tagCache.get(word);
  if (r) return r;
  load();
  const t = compromiseLexicon![word.toLowerCase()];
  r = t === undefined ? NO_TAGS : Array.isArray(t) ? t : [t];
  if (tagCache.size > 100_000) tagCache.clear();
  tagCache.set(word, r);
  return r;
}

function memo(fn: (w: string) => boolean): (w: string) => boolean {
  const cache = new Map<string, boolean>();
  return (w: string) => {
    let r = cache.get(w);
    if (r === undefined) {
      r = fn(w);
      if (cache.size > 100_000) cache.clear();
      cache.set(w, r);
    }
    return r;
  };
}

const PLACE_TAGS = new Set(['Country', 'City', 'Region', 'Place']);
const ORG_TAGS = new Set(['Organization', 'SportsTeam']);
const FIRST_NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'ProperNoun',
  'Country', 'City', 'Region', 'Place', 'Organization', 'SportsTeam']);

export type LexType = 'place' | 'organisation' | 'person' | null;

/** The entity type compromise's lexicon gives a word or phrase ("russia" → place, "nasa" → organisation). */
export function compromiseType(phrase: string): LexType {
  const tags = tagsOf(phrase);
  if (tags.some(t => PLACE_TAGS.has(t))) return 'place';
  if (tags.some(t => ORG_TAGS.has(t))) return 'organisation';
  if (tags.includes('Person') || tags.includes('LastName')) return 'person';
  return null;
}

export const isFirstName = (w: string) => tagsOf(w).some(t => FIRST_NAME_TAGS.has(t));
export const isLastName = (w: string) => tagsOf(w).includes('LastName');
export const isDemonym = (w: string) => tagsOf(w).includes('Demonym')
  || tagsOf(w.replace(/s$/, '')).includes('Demonym');

/** True when a capitalised word is most likely an ordinary English word written with a capital only
 * because it starts a sentence ("However", "Extra", "Rescuers", "Termed"). */
export const isOrdinaryWord = memo(isOrdinaryWordRaw);
function isOrdinaryWordRaw(word: string): boolean {
  load();
  const lower = word.toLowerCase();
  if (SENTENCE_WORDS.has(lower)) return true;
  const tags = tagsOf(lower);
  if (tags.some(t => NAME_TAGS.has(t))) return false;
  if (tags.length > 0) return true;
  if (ordinary!.has(lower)) return true;
  if (properOnly!.has(word)) return false;
  // Inflected forms the dictionaries list only as stems.
  if (/ly$/.test(lower) && lower.length > 4) return true;
  return inflectionOfOrdinary(lower);
}

/** True when the lower-case form is a dictionary word (used to judge unknown multi-word names). */
export const isDictionaryWord = memo(isDictionaryWordRaw);
function isDictionaryWordRaw(word: string): boolean {
  load();
  const lower = word.toLowerCase();
  const tags = tagsOf(lower);
  if (tags.length > 0 && !tags.some(t => NAME_TAGS.has(t))) return true;
  if (ordinary!.has(lower)) return true;
  return inflectionOfOrdinary(lower);
}

function inflectionOfOrdinary(lower: string): boolean {
  for (const [suffix, repl] of INFLECTIONS) {
    if (lower.endsWith(suffix) && lower.length > suffix.length + 2) {
      const stem = lower.slice(0, -suffix.length) + repl;
      if (ordinary!.has(stem) || (tagsOf(stem).length > 0 && !tagsOf(stem).some(t => NAME_TAGS.has(t)))) return true;
    }
  }
  return false;
}

const INFLECTIONS = [['ies', 'y'], ['es', ''], ['s', ''], ['ed', ''], ['ed', 'e'], ['ing', ''], ['ing', 'e'], ['ers', ''], ['ers', 'e']] as const;
