// Merging the mentions of one thing within an article: same surface form (possessive and "the"
// dropped), same lexicon entry, an acronym defined in parentheses or spelling the initials of a name
// used in the article, a surname after a full name ("Bacon", "Mr Hain"), a name plus a company
// suffix ("BT Group"). A merge that could go two ways is not made.
import type { Entity, EntityType, Span } from '../../types.js';
import { entityId } from '../../normalise/canonical.js';
import { initialsMatch } from './acronyms.js';
import type { Candidate } from './candidates.js';
import { isAcronym, type Typed } from './classify.js';
import { lexKey, type LexiconEntry } from './lexicon.js';
import { CONNECTORS, ORG_HEADS } from './cues.js';
import { isDictionaryWord } from './words.js';

export interface Typedmention { cand: Candidate; typed: Typed }

interface Group {
  key: string;
  members: Typedmention[];
  entry: LexiconEntry | undefined;
  first: number;
  /** Merged in as a surname or by a title cue: the group is a person. */
  person: boolean;
}

const COMPANY_SUFFIX = new Set(['group', 'plc', 'inc', 'inc.', 'ltd', 'ltd.', 'limited', 'corporation', 'corp', 'corp.',
  'company', 'co', 'co.', 'llc', 'holdings', 'sa', 'ag', 'gmbh']);

// Last words of the names of places people travel from and to, often shortened to their first word.
const FACILITY_HEADS = new Set(['airport', 'airfield', 'aerodrome', 'station', 'stadium', 'arena', 'terminal']);
const GEO_HEADS = new Set(['sea', 'ocean', 'river', 'desert', 'mountains', 'lake', 'island', 'islands', 'peninsula', 'valley', 'strait', 'bay', 'gulf']);

// Words naming a company's trade that sit between its name and "Company"/"Corporation"/"Group".
const TRADE_WORDS = new Set(['motor', 'motors', 'oil', 'gas', 'airlines', 'airways', 'steel', 'chemical', 'chemicals', 'electric',
  'pharmaceutical', 'pharmaceuticals', 'mining', 'energy', 'foods', 'media', 'broadcasting', 'publishing', 'shipping',
  'tobacco', 'trading', 'investment', 'insurance', 'financial', 'software', 'technology', 'technologies', 'communications']);

/** Whether two folded one-word names are one typo apart: same first two letters, both at least seven
 * letters, and one insertion, deletion, substitution or swap of neighbours between them. */
export function isTypoOf(x: string, y: string): boolean {
  if (x === y || x.length < 7 || y.length < 7 || Math.abs(x.length - y.length) > 1 || x.slice(0, 2) !== y.slice(0, 2)) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  let j = 0;
  while (j < x.length - i && j < y.length - i && x[x.length - 1 - j] === y[y.length - 1 - j]) j++;
  const dx = x.length - i - j, dy = y.length - i - j;
  if ((dx === 1 && dy <= 1) || (dy === 1 && dx <= 1) || (dx === 0 && dy === 0)) return true;
  // A swap of two neighbours ("Lousiana" ~ "Louisaina").
  return dx === 2 && dy === 2 && x[i] === y[i + 1] && x[i + 1] === y[i];
}

const contentWords = (c: Candidate) => c.tokens.map(t => t.text);
const acronymLike = (c: Candidate) => c.tokens.length === 1 && isAcronym(c.text);

export function mergeMentions(mentions: Typedmention[]): Entity[] {
  const groups = new Map<string, Group>();
  const parent = new Map<string, string>();
  const find = (x: string): string => { while (parent.get(x) !== x) x = parent.get(x)!; return x; };
  const union = (a: string, b: string) => {
    const ra = find(a), rb = find(b);
    if (ra === rb) return;
    const ga = groups.get(ra)!, gb = groups.get(rb)!;
    if (ga.entry && gb.entry && ga.entry !== gb.entry) return; // two known things stay two
    const [keep, drop] = ga.first <= gb.first ? [ga, gb] : [gb, ga];
    parent.set(drop.key, keep.key);
    keep.members.push(...drop.members);
    keep.entry ??= drop.entry;
    keep.person ||= drop.person;
  };

  for (const m of mentions) {
    const key = m.typed.entry ? `lex:${m.typed.entry.type}:${m.typed.entry.name}` : `txt:${lexKey(m.cand.text)}`;
    let g = groups.get(key);
    if (!g) {
      // One object shape for every group (entry present, maybe undefined): a shape that varies made V8
      // throw away this function's optimised code on almost every article.
      g = { key, members: [], entry: m.typed.entry, first: m.cand.start, person: false };
      groups.set(key, g);
      parent.set(key, key);
    }
    g.members.push(m);
  }
  const keyOf = (m: Typedmention) => m.typed.entry ? `lex:${m.typed.entry.type}:${m.typed.entry.name}` : `txt:${lexKey(m.cand.text)}`;

  // 1. Parenthesised definitions: "Computer Sciences Corporation (CSC)", "FSB (Federal Security Service)".
  const byIndex = new Map(mentions.map(m => [m.cand.index, m]));
  for (let k = 1; k < mentions.length; k++) {
    const b = mentions[k]!;
    if (!b.cand.parenthesised) continue;
    const a = byIndex.get(b.cand.index - 1);
    if (!a) continue;
    const [long, short] = acronymLike(b.cand) ? [a, b] : acronymLike(a.cand) ? [b, a] : [null, null];
    if (!long || !short || long.cand.tokens.length < 2) continue;
    if (long.typed.type === 'person') continue;
    union(keyOf(long), keyOf(short));
  }

  // 2. Acronyms spelling the initials of exactly one longer name in the article.
  // One entry per distinct multi-word form (not per mention), keyed by group.
  const longNames: { g: Group; m: Typedmention }[] = [];
  for (const g of groups.values()) {
    const seenForms = new Set<string>();
    for (const m of g.members) {
      if (m.cand.tokens.length < 2 || m.typed.type === 'person' || seenForms.has(m.cand.text)) continue;
      seenForms.add(m.cand.text);
      longNames.push({ g, m });
    }
  }
  for (const g of groups.values()) {
    const m = g.members[0]!;
    if (!acronymLike(m.cand)) continue;
    const hits = new Set<string>();
    const a0 = m.cand.text[0]!.toLowerCase();
    for (const { g: lg, m: lm } of longNames) {
      const ws = contentWords(lm.cand);
      // Cheap test first: the acronym's first letter opens one of the name's first two words.
      if (ws[0]![0]!.toLowerCase() !== a0 && (ws[1]?.[0] ?? '').toLowerCase() !== a0) continue;
      if (initialsMatch(m.cand.text, ws)) hits.add(find(lg.key));
    }
    hits.delete(find(g.key));
    if (hits.size === 1) union([...hits][0]!, g.key);
  }

  // 3. A name plus a company suffix or a body's head word is the name ("BT Group" ~ "BT", "Thai Raksa
  //    Chart Party" ~ "Thai Raksa Chart"), unless the shorter form is well evidenced as something else
  //    ("Boston" the city is not "Boston University").
  for (const g of groups.values()) {
    const c = g.members[0]!.cand;
    let n = c.tokens.length;
    if (n < 2) continue;
    const suffixOnly = COMPANY_SUFFIX.has(c.tokens[n - 1]!.lower);
    while (n > 1 && (COMPANY_SUFFIX.has(c.tokens[n - 1]!.lower) || ORG_HEADS.has(c.tokens[n - 1]!.lower)
      // "Ford Motor Company" ~ "Ford": a trade word before the suffix goes with it.
      || (n < c.tokens.length && COMPANY_SUFFIX.has(c.tokens[n]!.lower) && TRADE_WORDS.has(c.tokens[n - 1]!.lower)))) n--;
    if (n === c.tokens.length) continue;
    const baseKey = lexKey(c.tokens.slice(0, n).map(t => t.text).join(' '));
    const base = groups.get(`txt:${baseKey}`)
      ?? [...groups.values()].find(o => o.entry && lexKey(o.entry.name) === baseKey);
    if (!base || base === g) continue;
    const bt = base.entry ? { type: base.entry.type, strength: 4 } : strongest(base.members);
    if (!suffixOnly && bt.strength >= 2 && bt.type !== 'organisation') continue;
    union(base.key, g.key);
  }
  //    Likewise a place plus its geographic head ("Mediterranean Sea" ~ "Mediterranean", "Hudson River" ~
  //    "Hudson"), but only when the short form is itself read as a place ("Jefferson Parish" is no
  //    "Jefferson" the president).
  for (const g of groups.values()) {
    const c = g.members[0]!.cand;
    const n = c.tokens.length;
    if (n < 2 || !GEO_HEADS.has(c.tokens[n - 1]!.lower)) continue;
    const baseKey = lexKey(c.tokens.slice(0, n - 1).map(t => t.text).join(' '));
    const base = groups.get(`txt:${baseKey}`) ?? [...groups.values()].find(o => o.entry && lexKey(o.entry.name) === baseKey);
    if (!base || find(base.key) === find(g.key)) continue;
    const bt = base.entry ? { type: base.entry.type, strength: 4 } : strongest(base.members);
    if (bt.type === 'place' && bt.strength >= 1) union(base.key, g.key);
  }

  // Single words that repeat part of a fuller name: the surname (or, for a person named in full, the
  // first name: "Jonna" for "Jonna Mendez"), or the first word of a weakly typed organisation ("Mahan"
  // for "Mahan Air"). When two people share the surname, the one named first in the article wins.
  const parts: { key: string; first: number; folded: string; role: 'last' | 'first' | 'lead'; person: boolean; facility: boolean }[] = [];
  for (const g of groups.values()) {
    const person = strongest(g.members).type === 'person';
    const seenForms = new Set<string>();
    for (const pm of g.members) {
      if (pm.cand.tokens.length < 2 || seenForms.has(pm.cand.text)) continue;
      seenForms.add(pm.cand.text);
      const toks = pm.cand.tokens.filter(t => !CONNECTORS.has(t.lower));
      if (toks.length < 2) continue;
      if (person) {
        parts.push({ key: g.key, first: g.first, folded: fold(toks[toks.length - 1]!.text), role: 'last', person, facility: false });
        // "Ricardo Rosselló Nevares" -> "Rosselló": the first of two surnames.
        if (toks.length >= 3) parts.push({ key: g.key, first: g.first, folded: fold(toks[toks.length - 2]!.text), role: 'last', person, facility: false });
        parts.push({ key: g.key, first: g.first, folded: fold(toks[0]!.text), role: 'first', person, facility: false });
      } else if (!g.entry) {
        parts.push({ key: g.key, first: g.first, folded: fold(toks[0]!.text), role: 'lead', person,
          facility: FACILITY_HEADS.has(toks[toks.length - 1]!.lower) });
      }
    }
  }
  const partsByWord = new Map<string, typeof parts>();
  for (const pt of parts) {
    const l = partsByWord.get(pt.folded);
    if (l) l.push(pt); else partsByWord.set(pt.folded, [pt]);
  }
  if (parts.length) for (const g of groups.values()) {
    const m = g.members[0]!;
    if (m.cand.tokens.length !== 1 || acronymLike(m.cand) || g.entry) continue;
    // "Washington" the city is no surname of George Washington: only guessed or person-typed words.
    const st = strongest(g.members);
    if (st.strength > 1 && st.type !== 'person') continue;
    const w = fold(m.cand.text);
    const titled = g.members.some(x => x.cand.titleCue === 'honorific');
    for (const role of ['last', 'first', 'lead'] as const) {
      // "land at Henderson" after "Henderson Executive Airport": a word guessed a person's name (no
      // title, no given name before it) that opens the name of an airport, station or stadium is that place.
      const facilityOnly = role === 'lead' && st.type === 'person' && st.strength <= 2 && !g.members.some(x => x.cand.titleCue);
      if (role === 'lead' && st.type === 'person' && !facilityOnly) continue;
      const hits = new Map<string, number>();
      const pool = role === 'last' && titled ? parts : partsByWord.get(w) ?? [];
      for (const pt of pool) {
        if (pt.role !== role || (facilityOnly && !pt.facility)) continue;
        if (pt.folded === w || (role === 'last' && titled && closeSurname(w, pt.folded))) {
          const r = find(pt.key);
          if (r !== find(g.key)) hits.set(r, Math.min(hits.get(r) ?? Infinity, pt.first));
        }
      }
      if (!hits.size) continue;
      if (hits.size > 1 && role !== 'last') break;
      const target = [...hits].sort((a, b) => a[1] - b[1])[0]![0];
      union(target, g.key);
      if (role !== 'lead') groups.get(find(g.key))!.person = true;
      break;
    }
  }

  // 5. A misspelt repeat of a one-word name ("Lousiana" after "Louisiana", "Magnitigorsk" after
  //    "Magnitogorsk"): one edit apart, long enough that one edit cannot turn one real name into another
  //    ("Iran"/"Iraq", "Austria"/"Australia" stay apart), and not two different known things.
  const singles = [...groups.values()].filter(g => find(g.key) === g.key && g.members[0]!.cand.text.length >= 7
    && g.members.every(m => m.cand.tokens.length === 1 && !acronymLike(m.cand)));
  const folded = singles.map(g => fold(g.members[0]!.cand.text).toLowerCase().replace(/['’]s$/, ''));
  for (let a = 0; a < singles.length; a++) {
    for (let b = a + 1; b < singles.length; b++) {
      const ga = singles[a]!, gb = singles[b]!;
      if (!isTypoOf(folded[a]!, folded[b]!) || (ga.entry && gb.entry) || find(ga.key) === find(gb.key)) continue;
      union(ga.key, gb.key);
    }
  }

  // Build the entities.
  const roots = [...new Set([...groups.keys()].map(find))].map(k => groups.get(k)!);
  const entities: (Entity & { first: number })[] = [];
  for (const g of roots) {
    // A lone capitalised dictionary word with only a guessed type ("Guardrails", "Senators",
    // "Federal") is more often a stray capital than a name.
    if (!g.entry && !g.person && g.members.every(m => m.cand.tokens.length === 1 && m.typed.strength <= 1
      && !acronymLike(m.cand) && !m.cand.capitalThe) && isDictionaryWord(g.members[0]!.cand.text)) continue;
    const typed = g.entry ? { type: g.entry.type } : strongest(g.members);
    const type: EntityType = g.person && !g.entry ? 'person' : typed.type;
    const mentionsSorted = g.members.map(m => m.cand).sort((a, b) => a.start - b.start);
    const spans: Span[] = [];
    const seen = new Set<number>();
    for (const c of mentionsSorted) {
      if (seen.has(c.start)) continue;
      seen.add(c.start);
      spans.push({ start: c.start, end: c.end, text: c.text });
    }
    const name = g.entry ? g.entry.name : fullestForm(mentionsSorted);
    const aliases: string[] = [];
    for (const s of spans) if (s.text !== name && !aliases.includes(s.text)) aliases.push(s.text);
    entities.push({ id: entityId(type, name), type, name, aliases, mentions: spans, first: spans[0]!.start });
  }
  entities.sort((a, b) => a.first - b.first);
  // Two groups that end up with one id (same name, same type) are one entity.
  const byId = new Map<string, Entity>();
  for (const { first: _first, ...e } of entities) {
    const prev = byId.get(e.id);
    if (!prev) { byId.set(e.id, e); continue; }
    for (const m of e.mentions) if (!prev.mentions.some(p => p.start === m.start)) prev.mentions.push(m);
    prev.mentions.sort((a, b) => a.start - b.start);
    for (const a of [...e.aliases, ...e.mentions.map(x => x.text)]) if (a !== prev.name && !prev.aliases.includes(a)) prev.aliases.push(a);
  }
  return [...byId.values()];
}

function strongest(ms: Typedmention[]): Typed {
  let best = ms[0]!.typed;
  for (const m of ms) if (m.typed.strength > best.strength) best = m.typed;
  return best;
}

/** The name: the form with most words, then the longest, earliest on ties; acronyms last. */
function fullestForm(cs: Candidate[]): string {
  let best = cs[0]!;
  const score = (c: Candidate) => (acronymLike(c) ? 0 : 1000) + c.tokens.length * 100 + c.text.length;
  for (const c of cs) if (score(c) > score(best)) best = c;
  return best.text;
}

/** Accents off, for "Brudzinski" ~ "Brudziński". */
// Folded once per form: the same surnames are folded for every pair of groups compared.
const foldCache = new Map<string, string>();
const fold = (s: string): string => {
  let r = foldCache.get(s);
  if (r === undefined) {
    r = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L');
    if (foldCache.size > 100_000) foldCache.clear();
    foldCache.set(s, r);
  }
  return r;
};

/** "Hain" and "Hains": one letter apart at the end, same start. */
function closeSurname(a: string, b: string): boolean {
  if (a.length < 3 || b.length < 3) return false;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  return l.length - s.length <= 1 && l.startsWith(s);
}
