import { renderedDocs } from '../runner/publish.js';
import type { FactStore } from '../store/fact-store.js';
import type { EntityType, FactsDoc } from '../types.js';
import { ViewScratch } from './scratch.js';

const fold = (s: string) => s.normalize('NFKC').replace(/[’‘]/g, "'").replace(/'s$/i, '').replace(/^the\s+/i, '').replace(/\s+/g, ' ').trim().toLowerCase();

const VIEW_OF: Record<EntityType, 'organisations' | 'people' | 'products' | null> = {
  organisation: 'organisations', person: 'people', product: 'products', place: null, programme: null,
};

/**
 * The corpus-wide id a name stands for: an exact id, canonical name or alias first (case-insensitive);
 * failing that, a name that starts with or contains the query as whole words ("Computer Sciences").
 * When several match, the one named in most articles wins, then id order.
 */
export function findEntity(store: FactStore, type: EntityType, query: string): string | null {
  const q = fold(query);
  if (!q) return null;
  const map = store.canonicalMap();
  const exact = new Map<string, Set<string>>();
  const partial = new Map<string, Set<string>>();
  const word = new RegExp(`(?:^|[^\\p{L}\\p{N}])${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|[^\\p{L}\\p{N}])`, 'u');
  for (const row of store.localEntityRows()) {
    if (row.type !== type) continue;
    const c = map.get(row.id);
    const id = c?.id ?? row.id;
    const forms = [row.name, c?.name ?? '', ...row.aliases].filter(Boolean).map(fold);
    const hit = id === query || forms.includes(q) ? exact : forms.some((f) => word.test(f)) ? partial : null;
    if (!hit) continue;
    if (!hit.has(id)) hit.set(id, new Set());
    hit.get(id)!.add(row.articleId);
  }
  const pick = (m: Map<string, Set<string>>) => [...m.entries()].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  return pick(exact) ?? pick(partial);
}

function factLines(doc: FactsDoc, target: string, type: EntityType) {
  const text = doc.article.text;
  const person = doc.entities.find((e) => e.id === target && type === 'person');
  const out: unknown[] = [];
  for (const f of doc.facts) {
    // Facts name organisations and products; a person's facts are those of the sentences naming them.
    const about = type === 'person'
      ? !!person?.mentions.some((m) => m.start >= f.evidence.start && m.end <= f.evidence.end)
      : f.organisations.includes(target) || f.products.includes(target);
    if (!about) continue;
    const evidence = { ...f.evidence, text: text.slice(f.evidence.start, f.evidence.end) };
    const names = (ids: string[]) => ids.map((id) => doc.entities.find((e) => e.id === id)?.name ?? id);
    if (f.kind === 'money') {
      out.push({ article: doc.article.id, kind: 'money', role: f.role, money: doc.money[f.money], organisations: f.organisations, organisation_names: names(f.organisations), products: f.products, dates: f.dates.map((i) => doc.dates[i]), evidence });
    } else {
      out.push({ article: doc.article.id, kind: 'event', date: doc.dates[f.date], organisations: f.organisations, organisation_names: names(f.organisations), products: f.products, evidence });
    }
  }
  return out;
}

/**
 * Everything the store knows about one entity across the corpus: its summary as the views give it (for an
 * organisation: money by role with totals per currency, products, people, first and last dates; a product:
 * vendor and organisations; a person: titles and organisations), where it is mentioned, and every fact
 * about it, each with its article, offsets and evidence sentence. Null when nothing matches.
 */
export function entityReport(store: FactStore, type: EntityType, query: string) {
  const target = findEntity(store, type, query);
  if (!target) return null;
  // The views of the articles naming it, assembled as publish assembles them for the whole corpus.
  const scratch = new ViewScratch();
  try {
    const articles: { article: string; mentions: { start: number; end: number; text: string }[] }[] = [];
    const facts: unknown[] = [];
    let name = target;
    const aliases = new Set<string>();
    for (const doc of renderedDocs(store)) {
      const e = doc.entities.find((x) => x.id === target);
      if (!e) continue;
      scratch.add(doc);
      name = e.name;
      for (const a of e.aliases) aliases.add(a);
      articles.push({ article: doc.article.id, mentions: e.mentions });
      facts.push(...factLines(doc, target, type));
    }
    aliases.delete(name);
    const view = VIEW_OF[type];
    // Its entry in its view, without the occurrences (listed by article above).
    let summary = null as Record<string, unknown> | null;
    if (view) scratch.emit((v, entry) => { if (v === view && entry.value?.id === target) summary ??= entry.value; });
    return { entity: { id: target, type, name, aliases: [...aliases].sort() }, summary, articles, facts };
  } finally {
    scratch.close();
  }
}
