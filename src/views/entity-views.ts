import type { EntityType, FactsDoc } from '../types.js';

export interface Occurrence {
  article: string;
  start: number;
  end: number;
  text: string;
}

export interface EntityViewEntry {
  id: string;
  name: string;
  aliases: string[];
  articles: string[];
  mentions: number;
  occurrences: Occurrence[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Accumulates one entity type across the corpus: every canonical entity with its articles and offsets. */
export class EntityViewBuilder {
  private readonly byId = new Map<string, { name: string; aliases: Set<string>; occurrences: Occurrence[] }>();

  constructor(private readonly type: EntityType) {}

  add(doc: FactsDoc): void {
    for (const e of doc.entities) {
      if (e.type !== this.type) continue;
      let acc = this.byId.get(e.id);
      if (!acc) {
        acc = { name: e.name, aliases: new Set(), occurrences: [] };
        this.byId.set(e.id, acc);
      }
      for (const a of e.aliases) acc.aliases.add(a);
      for (const m of e.mentions) acc.occurrences.push({ article: doc.article.id, start: m.start, end: m.end, text: m.text });
    }
  }

  build(): EntityViewEntry[] {
    return [...this.byId.entries()]
      .map(([id, acc]) => {
        const occurrences = acc.occurrences.sort((a, b) => cmp(a.article, b.article) || a.start - b.start);
        const aliases = [...acc.aliases].filter((a) => a !== acc.name).sort(cmp);
        return { id, name: acc.name, aliases, articles: [...new Set(occurrences.map((o) => o.article))], mentions: occurrences.length, occurrences };
      })
      .sort((a, b) => b.articles.length - a.articles.length || b.mentions - a.mentions || cmp(a.id, b.id));
  }
}
