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
import { CONNECTORS } from './cues.js';

export interface Typedmention { cand: Candidate; typed: Typed }

interface Group {
  key: string;
  members: Typedmention[];
  entry?: LexiconEntry;
  first: number;
  /** Merged in as a surname or by a title cue: the group is a person. */
  person: boolean;
}

const COMPANY_SUFFIX = new Set(['group', 'plc', 'inc', 'inc.', 'ltd', 'ltd.', 'limited', 'corporation', 'corp', 'corp.',
  'company', 'co', 'co.', 'llc', 'holdings', 'sa', 'ag', 'gmbh']);

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
      g = { key, members: [], first: m.cand.start, person: false, ...(m.typed.entry ? { entry: m.typed.entry } : {}) };
      groups.set(key, g);
      parent.set(key, key);
    }
    g.members.push(m);
  }
  const keyOf = (m: Typedmention) => m.typed.entry ? `lex:${m.typed.entry.type}:${m.typed.entry.name}` : `txt:${lexKey(m.cand.text)}`;

  // 1. Parenthesised definitions: "Computer Sciences Corporation (CSC)", "FSB (Federal Security Service)".
  for (let k = 1; k < mentions.length; k++) {
    const b = mentions[k]!;
    if (!b.cand.parenthesised) continue;
    const a = mentions.find(m => m.cand.index === b.cand.index - 1);
    if (!a) continue;
    const [long, short] = acronymLike(b.cand) ? [a, b] : acronymLike(a.cand) ? [b, a] : [null, null];
    if (!long || !short || long.cand.tokens.length < 2) continue;
    if (long.typed.type === 'person') continue;
    union(keyOf(long), keyOf(short));
  }

  // 2. Acronyms spelling the initials of exactly one longer name in the article.
  const longNames = [...groups.values()].filter(g => find(g.key) === g.key || true)
    .flatMap(g => g.members.filter(m => m.cand.tokens.length >= 2 && m.typed.type !== 'person').map(m => ({ g, m })));
  for (const g of groups.values()) {
    const m = g.members[0]!;
    if (!acronymLike(m.cand)) continue;
    const hits = new Set<string>();
    for (const { g: lg, m: lm } of longNames) {
      if (initialsMatch(m.cand.text, contentWords(lm.cand))) hits.add(find(lg.key));
    }
    hits.delete(find(g.key));
    if (hits.size === 1) union([...hits][0]!, g.key);
  }

  // 3. A name plus a company suffix is the name ("BT Group" ~ "BT").
  for (const g of groups.values()) {
    const c = g.members[0]!.cand;
    const n = c.tokens.length;
    if (n < 2 || !COMPANY_SUFFIX.has(c.tokens[n - 1]!.text.toLowerCase())) continue;
    const base = groups.get(`txt:${lexKey(c.tokens.slice(0, -1).map(t => t.text).join(' '))}`)
      ?? [...groups.values()].find(o => o.entry && lexKey(o.entry.name) === lexKey(c.tokens.slice(0, -1).map(t => t.text).join(' ')));
    if (base) union(base.key, g.key);
  }

  // 4. Surnames (and "Mr Hain" for "Guy Hains") after a full name.
  const persons = [...groups.values()].filter(g => {
    const best = strongest(g.members);
    return best.type === 'person' && g.members.some(m => m.cand.tokens.length >= 2);
  });
  for (const g of groups.values()) {
    const m = g.members[0]!;
    if (m.cand.tokens.length !== 1 || acronymLike(m.cand) || g.entry) continue;
    const w = m.cand.text;
    const titled = g.members.some(x => x.cand.titleCue === 'honorific');
    const hits = new Set<string>();
    for (const p of persons) {
      for (const pm of p.members) {
        const toks = pm.cand.tokens.filter(t => !CONNECTORS.has(t.text.toLowerCase()));
        if (toks.length < 2) continue;
        const last = toks[toks.length - 1]!.text;
        if (last === w || (titled && closeSurname(w, last))) hits.add(find(p.key));
      }
    }
    hits.delete(find(g.key));
    if (hits.size === 1) { union([...hits][0]!, g.key); groups.get(find(g.key))!.person = true; }
  }

  // Build the entities.
  const roots = [...new Set([...groups.keys()].map(find))].map(k => groups.get(k)!);
  const entities: (Entity & { first: number })[] = [];
  for (const g of roots) {
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

/** "Hain" and "Hains": one letter apart at the end, same start. */
function closeSurname(a: string, b: string): boolean {
  if (a.length < 3 || b.length < 3) return false;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  return l.length - s.length <= 1 && l.startsWith(s);
}
