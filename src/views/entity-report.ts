import { renderedDocs } from '../runner/publish.js';
import type { FactStore } from '../store/fact-store.js';
import type { EntityType } from '../types.js';

const fold = (s: string) => s.normalize('NFKC').replace(/[’‘]/g, "'").replace(/'s$/i, '').replace(/^the\s+/i, '').trim().toLowerCase();

/**
 * Everything the store knows about one entity across the corpus: where it is mentioned and every fact that
 * names it, each with its article, offsets and evidence sentence. The entity is found by id, canonical
 * name or any alias (case-insensitive); null when nothing matches.
 */
export function entityReport(store: FactStore, type: EntityType, query: string) {
  const q = fold(query);
  const docs = [...renderedDocs(store)];
  let target: string | undefined;
  let name = '';
  const aliases = new Set<string>();
  const candidates = new Map<string, number>();
  for (const doc of docs) {
    for (const e of doc.entities) {
      if (e.type !== type) continue;
      if (e.id === query || fold(e.name) === q || e.aliases.some((a) => fold(a) === q)) {
        candidates.set(e.id, (candidates.get(e.id) ?? 0) + e.mentions.length);
      }
    }
  }
  // The best-attested entity wins when an alias is shared (two "Smith"s): most mentions, then id order.
  target = [...candidates.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  if (!target) return null;
  const articles: { article: string; mentions: { start: number; end: number; text: string }[] }[] = [];
  const facts: unknown[] = [];
  for (const doc of docs) {
    const e = doc.entities.find((x) => x.id === target);
    if (!e) continue;
    name = e.name;
    for (const a of e.aliases) aliases.add(a);
    articles.push({ article: doc.article.id, mentions: e.mentions });
    for (const f of doc.facts) {
      if (!f.organisations.includes(target) && !f.products.includes(target)) continue;
      const evidence = { ...f.evidence, text: doc.article.text.slice(f.evidence.start, f.evidence.end) };
      if (f.kind === 'money') {
        const m = doc.money[f.money];
        facts.push({ article: doc.article.id, kind: 'money', role: f.role, money: m, organisations: f.organisations, products: f.products, dates: f.dates.map((i) => doc.dates[i]), evidence });
      } else {
        facts.push({ article: doc.article.id, kind: 'event', date: doc.dates[f.date], organisations: f.organisations, products: f.products, evidence });
      }
    }
  }
  aliases.delete(name);
  return { entity: { id: target, type, name, aliases: [...aliases].sort() }, articles, facts };
}
