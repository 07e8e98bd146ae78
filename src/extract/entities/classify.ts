// Typing one candidate from what it is made of and what stands around it. Each rule returns a type
// with a strength, so merging can let the strongest evidence of a group decide ("Bacon" alone is a
// guess; "Richard Bacon" after "MP" is a person).
import type { EntityType } from '../../types.js';
import type { Candidate } from './candidates.js';
import { BELIEF_WORDS, COMPASS, CONNECTORS, TITLE_MODIFIERS, ORG_FIRST, ORG_HEADS, PLACE_HEADS, PLACE_PREPOSITIONS, PROGRAMME_HEADS, PRODUCT_NEXT } from './cues.js';
import { lookup, type Lexicon, type LexiconEntry } from './lexicon.js';
import { compromiseType, isDemonym, isDictionaryWord, isFirstName, isLastName } from './words.js';

export interface Typed {
  type: EntityType;
  /** 4 lexicon, 3 explicit cue (title, head word), 2 library lexicon, 1 context guess, 0 default. */
  strength: number;
  /** Which rule decided, for tracing. */
  rule: string;
  entry: LexiconEntry | undefined;
}

const acronymCache = new Map<string, boolean>();
/** Answered once per word form (asked many times per candidate and per merge). */
export const isAcronym = (w: string): boolean => {
  let r = acronymCache.get(w);
  if (r === undefined) {
    r = isAcronymRaw(w);
    if (acronymCache.size > 100_000) acronymCache.clear();
    acronymCache.set(w, r);
  }
  return r;
};
const isAcronymRaw = (w: string) => /^(?:\p{Lu}\.){2,}$/u.test(w)
  || (/^[\p{Lu}\p{N}&][\p{L}\p{N}&/-]*$/u.test(w) && (w.match(/\p{Lu}/gu)?.length ?? 0) >= 2 && !/\p{Ll}{3}/u.test(w));

const EVENT_HEADS = new Set(['war', 'cup', 'championship', 'championships', 'olympics', 'games', 'festival', 'awards',
  'award', 'prize', 'election', 'elections', 'summit', 'conference', 'marathon', 'tournament', 'derby', 'revolution',
  'crisis', 'pandemic', 'epidemic', 'massacre', 'bombing', 'attack', 'attacks', 'earthquake', 'day', 'eve', 'week']);
// First words of place and other names that are never given names ("Cape Canaveral", "Las Vegas", "County Mayo").
const NOT_GIVEN_NAMES = new Set(['cape', 'mount', 'mt', 'fort', 'county', 'saint', 'st', 'port', 'lake', 'las', 'los', 'el', 'la',
  'le', 'les', 'rue', 'place', 'san', 'santa', 'santo', 'sao', 'são', 'al', 'team', 'morning', 'black', 'white', 'red', 'green',
  'blue', 'creative', 'deutsche', 'grand', 'great', 'little', 'old', 'upper', 'lower', 'mini', 'international', 'sports']);
const MONTH_BEFORE = new Set(['last', 'next', 'this', 'early', 'late', 'mid', 'in', 'since', 'until', 'by', 'of', 'from', 'during', 'before', 'after', 'on', 'till', 'through']);
const PROGRAMME_WORDS_AFTER = new Set(['programme', 'program', 'scheme', 'initiative', 'strategy', 'agreement', 'project']);
// Endings common in place names of many languages (Magnitogorsk, Koszalin-less; Gainesville, Bradford,
// Islamabad, Kazakhstan, Johannesburg, Düsseldorf, Stockholm, Portsmouth, Manchester).
const PLACE_SUFFIX = /(?:sk|grad|burg|bourg|berg|ville|ton|shire|stan|land|pur|abad|polis|ham|ford|mouth|chester|cester|dorf|holm|stadt|haven|port|ovo|evo|ino|ice|ow|yn|ia)$/;
const PLACE_OF_HEADS = new Set(['gulf', 'bay', 'sea', 'isle', 'isles', 'island', 'islands', 'strait', 'straits', 'cape', 'lake',
  'mount', 'river', 'republic', 'kingdom', 'principality', 'duchy', 'emirate', 'sultanate', 'city', 'port', 'county', 'province']);
const PLURAL_VERBS = new Set(['are', 'were', 'have', 'do', "don't", 'say', 'tend', 'often']);
const LATIN_EPITHET = /^[a-z]{4,}(?:us|a|is|um|ae|ii|i|ensis|oides|icus|ica|atum|ata|atus)$/;
const INITIAL = /^\p{Lu}\.?$/u;
const hasInitial = (ws: string[]) => ws.some(w => /^\p{Lu}\.$/u.test(w));

/** The type of a candidate, or null when it should not be an entity at all (a demonym, a title). */
export function classify(c: Candidate, lex: Lexicon): Typed | null {
  const t = classifyRaw(c, lex);
  // One object shape for every answer (entry present even when undefined), for the code that reads them.
  return t && typed(t.type, t.strength, t.rule, t.entry);
}

export const typed = (type: EntityType, strength: number, rule: string, entry?: LexiconEntry): Typed => ({ type, strength, rule, entry });

function classifyRaw(c: Candidate, lex: Lexicon): (Omit<Typed, 'entry'> & { entry?: LexiconEntry }) | null {
  if (c.lexEntry) return { type: c.lexEntry.type, strength: 4, rule: 'lexicon phrase', entry: c.lexEntry };
  const entry = lookup(lex, c.text);
  if (entry) return { type: entry.type, strength: 4, rule: 'lexicon', entry };
  if (c.programmeTitle) return { type: 'programme', strength: 3, rule: 'quoted title' };

  const words = c.tokens.map(t => t.text);
  const lw = words.map(w => w.toLowerCase());
  const content = lw.filter(w => !CONNECTORS.has(w));
  const first = lw[0]!;
  const last = lw[lw.length - 1]!;
  const ofAt = lw.findIndex((w, k) => k > 0 && (w === 'of' || w === 'for'));
  const head = ofAt > 0 ? lw[ofAt - 1]! : last;
  const single = words.length === 1;

  if (single && isDemonym(words[0]!) && compromiseType(first) === null) return null;
  // A lone letter ("E. coli", "Plan B") names nothing by itself.
  if (single && first.replace(/\.$/, '').length === 1) return null;
  // "Catalonian", "Martian": adjectives of place, not places.
  if (single && /(?:ians?|eans?|ese)$/.test(first) && compromiseType(first) === null && !isFirstName(words[0]!) && !isLastName(words[0]!)) return null;
  // "Roman Catholic", "Native American", "Muslim": adjectives of faith or origin.
  if (lw.every(w => BELIEF_WORDS.has(w) || isDemonym(w) || /-american$/.test(w) || (!single && COMPASS.has(w)))) return null;
  // Formulas and short codes ("CO2", "H2", "K-12") are not names; longer codes ("IMS3") may be.
  if (single && /[0-9]/.test(first) && (first.match(/\p{L}/gu)?.length ?? 0) <= 2) return null;
  // Events are not among the types: "Second World War", "World Cup", "2019 Winter Olympics".
  // "International Women's Day Celebration": a possessive before "Day" makes a named day, whatever follows.
  if (!single && c.tokens.some((t, k) => t.possessive && k + 1 < lw.length && (lw[k + 1] === 'day' || lw[k + 1] === 'eve'))) return null;
  if (!single && (EVENT_HEADS.has(last) || lw.includes('war') || /^(?:hurricane|typhoon|cyclone|storm|tropical)$/.test(first))) return null;
  // Honours are not among the types: "Order of the Sun", "Order of Merit", "Medal of Honor".
  if (!single && ofAt > 0 && (head === 'order' || head === 'medal' || head === 'cross') && lw[ofAt] === 'of') return null;
  // "NGOs", "MPs": a plural acronym names a kind of body, not one.
  if (single && /^\p{Lu}{2,}s$/u.test(words[0]!)) return null;
  // "last May", "in May 2011": the month, not Theresa May.
  if (single && first === 'may' && (MONTH_BEFORE.has(c.prev) || /^\d/.test(c.next))) return null;

  // Head words: the last word (or the word before "of") says what kind of thing it is.
  if (!single) {
    if (PROGRAMME_HEADS.has(head) || (PROGRAMME_HEADS.has(last) && !ORG_HEADS.has(last)))
      return { type: 'programme', strength: 3, rule: 'programme head' };
    if (ORG_HEADS.has(last) || ORG_HEADS.has(head) || (ofAt > 0 && ORG_FIRST.has(first) && !COMPASS.has(first)))
      return { type: 'organisation', strength: 3, rule: 'organisation head' };
    if (COMPASS.has(head) && ofAt > 0) return { type: 'place', strength: 3, rule: 'compass of place' };
    // "Gulf of Mexico", "Bay of Bengal", "Isle of Man", "Republic of Ireland": a geographic or state head
    // before "of" names a place whatever follows.
    if (ofAt > 0 && lw[ofAt] === 'of' && PLACE_OF_HEADS.has(head)) return { type: 'place', strength: 3, rule: 'place head of' };
    if (PLACE_HEADS.has(last)) return { type: 'place', strength: 3, rule: 'place head' };
  }

  // A title or honorific before it: a person ("Dr Saroj Patel", "minister Francis Maude").
  if (c.titleCue && !words.some(isAcronym) && compromiseType(c.text) !== 'place')
    return { type: 'person', strength: 3, rule: `${c.titleCue} before` };

  // compromise's lexicon knows the whole phrase ("new york", "microsoft").
  const ct = compromiseType(c.text);
  // "in Sydney", "from Victoria": a word compromise knows as a given name is a place after "in".
  if (ct === 'person' && single && PLACE_PREPOSITIONS.has(c.prev) && c.prev !== 'at')
    return { type: 'place', strength: 1.5, rule: 'place preposition over name' };
  if (ct) return { type: ct, strength: 2, rule: 'compromise lexicon' };

  if (!single) {
    if (COMPASS.has(first) && content.slice(1).every(w => compromiseType(w) === 'place' || COMPASS.has(w)))
      return { type: 'place', strength: 2, rule: 'compass + place' };
    const personish = content.length <= 4 && !words.some(isAcronym) && ofAt < 0 && !words.some(w => /[0-9]/.test(w));
    if (personish && (isFirstName(words[0]!) || compromiseType(words[0]!) === 'person' || INITIAL.test(words[0]!) || hasInitial(words)))
      return { type: 'person', strength: 2, rule: 'first name' };
    if (personish && isLastName(words[words.length - 1]!))
      return { type: 'person', strength: 2, rule: 'last name' };
    if (PRODUCT_NEXT.has(c.next)) return { type: 'product', strength: 1, rule: 'product word after' };
    // "in Maidan Shahr", "in Karol Bagh": unknown words after a place preposition (not "in Science Advances").
    if (PLACE_PREPOSITIONS.has(c.prev) && c.prev !== 'at' && content.every(w => !isDictionaryWord(w)))
      return { type: 'place', strength: 1, rule: 'place preposition' };
    if (personish && content.every(w => !isDictionaryWord(w) && compromiseType(w) === null))
      return { type: 'person', strength: 1, rule: 'unknown words' };
    // "Christian Keysers", "Akram Pasha", "Rich Bowen": a given name that is also a word, then a
    // surname no dictionary knows.
    if (personish && content.length <= 3 && !isDictionaryWord(words[words.length - 1]!) && compromiseType(words[words.length - 1]!) === null
      && /^\p{Lu}\p{Ll}+$/u.test(words[0]!) && /^\p{Lu}\p{Ll}/u.test(words[words.length - 1]!) && !/[0-9]/.test(c.text)
      && !NOT_GIVEN_NAMES.has(first) && !COMPASS.has(first) && !BELIEF_WORDS.has(first) && !isDemonym(words[0]!)
      && !TITLE_MODIFIERS.has(first) && compromiseType(words[0]!) === null)
      return { type: 'person', strength: 0.5, rule: 'word then unknown surname' };
    if (content.some(w => compromiseType(w) === 'place') && content.every(w => compromiseType(w) === 'place' || COMPASS.has(w) || w === 'new' || w === 'saint' || w === 'st' || w === 'st.'))
      return { type: 'place', strength: 1, rule: 'place words' };
    return { type: 'organisation', strength: 0, rule: 'multi-word default' };
  }

  const w = words[0]!;
  // "the Penfield delivery strategy", "the Spine programme": a lone name before a programme word.
  if (!isAcronym(w) && c.next2.split(' ').some(x => PROGRAMME_WORDS_AFTER.has(x)))
    return { type: 'programme', strength: 1, rule: 'programme word after' };
  // Codes of letters and digits ("IMS3", "CCN3") name contracts, models and schemes more than bodies.
  if (/\p{L}/u.test(w) && /\p{N}/u.test(w) && !/^\p{N}+\p{Lu}+$/u.test(w))
    return { type: 'programme', strength: 0, rule: 'alphanumeric code' };
  if (COMPASS.has(first) && /^(?:north|south|east|west|midlands)$/.test(first))
    return { type: 'place', strength: 2, rule: 'compass area' };
  if (isAcronym(w)) return { type: 'organisation', strength: 1, rule: 'acronym' };
  if (isFirstName(w) || isLastName(w)) return { type: 'person', strength: 1, rule: 'name word' };
  if (PLACE_PREPOSITIONS.has(c.prev) && c.prev !== 'at') return { type: 'place', strength: 1, rule: 'place preposition' };
  if (PLACE_HEADS.has(c.next)) return { type: 'place', strength: 1, rule: 'place word after' };
  if (PRODUCT_NEXT.has(c.next)) return { type: 'product', strength: 1, rule: 'product word after' };
  if (PLACE_SUFFIX.test(w)) return { type: 'place', strength: 0, rule: 'place-like ending' };
  // With no evidence at all, two shapes of an unknown word are no name: a plural noun opening its
  // sentence before a plural verb ("Exoplanets are …", "Seismologists have …"), and the genus of a
  // Latin species name ("Carcharodon carcharias", "Threskiornis aethiopicus").
  if (c.tokens[0]!.initial && /[^su]s$/.test(first) && PLURAL_VERBS.has(c.next)) return null;
  if (LATIN_EPITHET.test(c.next) && !isDictionaryWord(c.next) && compromiseType(c.next) === null) return null;
  return { type: 'organisation', strength: 0, rule: 'single-word default' };
}
