// Entity ids and corpus-wide canonicalisation: one id per real thing across every stored article.
// Merges only on evidence that cannot mean two things: the same lexicon entry, or an acronym that the
// corpus defines one way only. An acronym two articles expand differently stays apart from both.
import type { Entity, EntityType } from '../types.js';
import { initialsMatch } from '../extract/entities/acronyms.js';
import { loadLexicon, lookup, type Lexicon, type LexiconEntry } from '../extract/entities/lexicon.js';

/** Lower-case, accents stripped, apostrophes dropped, "&" as "and", words joined by "-". */
const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = { 'ł': 'l', 'ø': 'o', 'đ': 'd', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'þ': 'th', 'ı': 'i', 'ħ': 'h' };

// The same names recur across a batch: each is slugged once (seven regex passes per name otherwise).
const slugCache = new Map<string, string>();
export function slug(name: string): string {
  let r = slugCache.get(name);
  if (r === undefined) {
    r = slugRaw(name);
    if (slugCache.size > 100_000) slugCache.clear();
    slugCache.set(name, r);
  }
  return r;
}

function slugRaw(name: string): string {
  return name.toLowerCase().replace(/[łøđßæœþıħ]/g, c => LETTERS_WITHOUT_DECOMPOSITION[c]!).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/['’‘`]/g, '').replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
}

export function entityId(type: EntityType, name: string): string {
  return `${type}/${slug(name)}`;
}

const isAcronymForm = (s: string) => /^[\p{Lu}\p{N}&][\p{L}\p{N}&./-]{1,9}$/u.test(s)
  && (s.match(/\p{Lu}/gu)?.length ?? 0) >= 2 && !/\p{Ll}{3}/u.test(s);

interface Node { id: string; type: EntityType; name: string; fromLexicon: boolean }

/**
 * Maps each local entity id (as the extractor wrote it) to the corpus-wide id and canonical name.
 * Order-independent and deterministic: the result depends only on the set of (id, name, aliases).
 * Linear in the number of entities: union-find over integer indices, one lexicon look-up per
 * distinct form, and only when the form could be in the lexicon at all.
 */
export function canonicalise(
  articles: Iterable<{ articleId: string; entities: Iterable<LocalEntity> }>,
  lexicon: Lexicon = loadLexicon(),
): Map<string, { id: string; name: string }> {
  return canonicaliseEntities((function* () { for (const a of articles) yield* a.entities; })(), lexicon);
}

/** What canonicalisation reads of a local entity (an Entity without its mentions will do). */
export type LocalEntity = Pick<Entity, 'id' | 'type' | 'name' | 'aliases'>;

/**
 * canonicalise over a stream of local entities, every article's one after the other (the same local id
 * recurs across articles; the first occurrence gives its type and name, the aliases of all are pooled).
 * Holds only the distinct entities, so the rows can come straight from the store.
 */
export function canonicaliseEntities(
  entities: Iterable<LocalEntity>,
  lexicon: Lexicon = loadLexicon(),
): Map<string, { id: string; name: string }> {
  const index = new Map<string, number>();
  const nodes: Node[] = [];
  const parent: number[] = [];
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[x] !== r) { const n = parent[x]!; parent[x] = r; x = n; }
    return r;
  };
  // Union by a fixed order on ids so the root never depends on input order.
  const union = (a: number, b: number) => {
    const ra = find(a), rb = find(b);
    if (ra === rb) return;
    if (nodes[ra]!.id < nodes[rb]!.id) parent[rb] = ra; else parent[ra] = rb;
  };
  const addNode = (id: string, type: EntityType, name: string, fromLexicon: boolean): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = nodes.length;
      index.set(id, i);
      nodes.push({ id, type, name, fromLexicon });
      parent.push(i);
    } else if (fromLexicon) nodes[i]!.fromLexicon = true;
    return i;
  };

  // The lexicon can only know a form whose first three letters (lower-cased) start one of its forms.
  const prefixes = lexPrefixes(lexicon);
  const lexCache = new Map<string, LexiconEntry | null>();
  const lexEntry = (form: string): LexiconEntry | null => {
    if (!prefixes.has(form.slice(0, 3).toLowerCase())) return null;
    let entry = lexCache.get(form);
    if (entry === undefined) { entry = lookup(lexicon, form) ?? null; lexCache.set(form, entry); }
    return entry;
  };

  // Work once per distinct local id: the same thing recurs across many articles.
  const distinct = new Map<string, { type: EntityType; name: string; aliases: Set<string> }>();
  for (const e of entities) {
    let d = distinct.get(e.id);
    if (!d) { d = { type: e.type, name: e.name, aliases: new Set() }; distinct.set(e.id, d); }
    for (const al of e.aliases) d.aliases.add(al);
  }

  // Acronym -> the distinct long-form nodes the corpus defines it as.
  const definitions = new Map<string, number[]>();
  const acronymNamed = new Map<string, number[]>();
  for (const [id, e] of distinct) {
    const i = addNode(id, e.type, e.name, false);
    for (const form of [e.name, ...e.aliases]) {
      const entry = lexEntry(form);
      if (entry && entry.type === e.type) {
        union(i, addNode(entityId(entry.type, entry.name), entry.type, entry.name, true));
        break;
      }
    }
    if (e.type === 'person') continue;
    if (isAcronymForm(e.name)) {
      const l = acronymNamed.get(e.name);
      if (l) l.push(i); else acronymNamed.set(e.name, [i]);
    } else if (e.aliases.size) {
      const words = e.name.split(/\s+/);
      for (const al of e.aliases) {
        if (!isAcronymForm(al) || !initialsMatch(al, words)) continue;
        const l = definitions.get(al);
        if (l) l.push(i); else definitions.set(al, [i]);
      }
    }
  }
  // An acronym defined one way only joins its definition; two definitions: neither. Every acronym is
  // decided on the groups as they stood before any of these merges, so the order cannot matter.
  const joins: [number, number][] = [];
  for (const [acr, defs] of definitions) {
    const named = acronymNamed.get(acr);
    if (!named) continue;
    const root = find(defs[0]!);
    if (defs.some(d => find(d) !== root)) continue;
    for (const n of named) joins.push([n, defs[0]!]);
  }
  for (const [a, b] of joins) union(a, b);

  // Canonical name per group: the lexicon's name, else the fullest non-acronym name.
  const best = new Map<number, number>();
  for (let i = 0; i < nodes.length; i++) {
    const r = find(i);
    const cur = best.get(r);
    if (cur === undefined || better(nodes[i]!, nodes[cur]!)) best.set(r, i);
  }
  const out = new Map<string, { id: string; name: string }>();
  for (const id of distinct.keys()) {
    const b = nodes[best.get(find(index.get(id)!))!]!;
    out.set(id, { id: b.id, name: b.name });
  }
  return out;
}

function better(a: Node, b: Node): boolean {
  if (a.fromLexicon !== b.fromLexicon) return a.fromLexicon;
  const aa = isAcronymForm(a.name), ba = isAcronymForm(b.name);
  if (aa !== ba) return !aa;
  const aw = a.name.split(/\s+/).length, bw = b.name.split(/\s+/).length;
  if (aw !== bw) return aw > bw;
  if (a.name.length !== b.name.length) return a.name.length > b.name.length;
  return a.id < b.id;
}

const prefixCache = new WeakMap<Lexicon, Set<string>>();
function lexPrefixes(lexicon: Lexicon): Set<string> {
  let s = prefixCache.get(lexicon);
  if (!s) {
    s = new Set();
    for (const e of lexicon.entries) for (const f of [e.name, ...e.aliases]) {
      const g = f.replace(/^the\s+/i, '');
      s.add(g.slice(0, 3).toLowerCase());
      s.add(f.slice(0, 3).toLowerCase());
    }
    prefixCache.set(lexicon, s);
  }
  return s;
}
