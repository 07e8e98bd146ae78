// Entity ids and corpus-wide canonicalisation: one id per real thing across every stored article.
// Merges only on evidence that cannot mean two things: the same lexicon entry, or an acronym that the
// corpus defines one way only. An acronym two articles expand differently stays apart from both.
import type { Entity, EntityType } from '../types.js';
import { initialsMatch } from '../extract/entities/acronyms.js';
import { loadLexicon, lookup, type Lexicon, type LexiconEntry } from '../extract/entities/lexicon.js';

/** Lower-case, accents stripped, apostrophes dropped, "&" as "and", words joined by "-". */
export function slug(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
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
 */
export function canonicalise(
  articles: { articleId: string; entities: Entity[] }[],
  lexicon: Lexicon = loadLexicon(),
): Map<string, { id: string; name: string }> {
  const nodes = new Map<string, Node>();
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let y = x;
    while (parent.get(y) !== r) { const n = parent.get(y)!; parent.set(y, r); y = n; }
    return r;
  };
  // Union by a fixed order on ids so the root never depends on input order.
  const union = (a: string, b: string) => {
    const ra = find(a), rb = find(b);
    if (ra === rb) return;
    if (ra < rb) parent.set(rb, ra); else parent.set(ra, rb);
  };
  const addNode = (id: string, type: EntityType, name: string, fromLexicon: boolean) => {
    if (!nodes.has(id)) { nodes.set(id, { id, type, name, fromLexicon }); parent.set(id, id); }
    else if (fromLexicon) nodes.get(id)!.fromLexicon = true;
  };

  // Acronym -> the distinct long-form nodes the corpus defines it as.
  const definitions = new Map<string, Set<string>>();
  const acronymNamed = new Map<string, Set<string>>();
  const localIds: string[] = [];
  const seen = new Set<string>();
  const lexCache = new Map<string, LexiconEntry | null>();

  for (const a of articles) {
    for (const e of a.entities) {
      if (!seen.has(e.id)) { seen.add(e.id); localIds.push(e.id); }
      addNode(e.id, e.type, e.name, false);
      // The lexicon entry any of its forms names, when of the same type.
      for (const form of [e.name, ...e.aliases]) {
        let entry = lexCache.get(form);
        if (entry === undefined) { entry = lookup(lexicon, form) ?? null; lexCache.set(form, entry); }
        if (entry && entry.type === e.type) {
          const lid = entityId(entry.type, entry.name);
          addNode(lid, entry.type, entry.name, true);
          union(e.id, lid);
          break;
        }
      }
      if (e.type === 'person') continue;
      if (isAcronymForm(e.name)) {
        const s = acronymNamed.get(e.name) ?? new Set();
        s.add(e.id);
        acronymNamed.set(e.name, s);
      } else {
        const words = e.name.split(/\s+/);
        for (const al of e.aliases) {
          if (!isAcronymForm(al) || !initialsMatch(al, words)) continue;
          const s = definitions.get(al) ?? new Set();
          s.add(e.id);
          definitions.set(al, s);
        }
      }
    }
  }
  // An acronym defined one way only joins its definition; two definitions: neither.
  // Decide every acronym on the groups as they stood before any of these merges, so the outcome
  // cannot depend on which acronym is looked at first.
  const joins: [string, string][] = [];
  for (const [acr, defs] of definitions) {
    const roots = new Set([...defs].map(find));
    if (roots.size !== 1) continue;
    const target = [...defs].sort()[0]!;
    for (const id of acronymNamed.get(acr) ?? []) joins.push([id, target]);
  }
  for (const [a, b] of joins) union(a, b);

  // Canonical name per group: the lexicon's name, else the fullest non-acronym name.
  const best = new Map<string, Node>();
  const better = (a: Node, b: Node): boolean => {
    if (a.fromLexicon !== b.fromLexicon) return a.fromLexicon;
    const aa = isAcronymForm(a.name), ba = isAcronymForm(b.name);
    if (aa !== ba) return !aa;
    const aw = a.name.split(/\s+/).length, bw = b.name.split(/\s+/).length;
    if (aw !== bw) return aw > bw;
    if (a.name.length !== b.name.length) return a.name.length > b.name.length;
    return a.id < b.id;
  };
  for (const n of nodes.values()) {
    const r = find(n.id);
    const cur = best.get(r);
    if (!cur || better(n, cur)) best.set(r, n);
  }
  const out = new Map<string, { id: string; name: string }>();
  for (const id of localIds) {
    const b = best.get(find(id))!;
    out.set(id, { id: entityId(b.type, b.name), name: b.name });
  }
  return out;
}
