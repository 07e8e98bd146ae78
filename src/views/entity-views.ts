import type { EntityType } from '../types.js';

export interface Occurrence {
  article: string;
  start: number;
  end: number;
  text: string;
}

/** What the views keep in memory of one canonical entity while the corpus goes by: counts, no occurrences. */
export interface EntitySummary {
  /** Small integer naming the entity in the scratch tables. */
  key: number;
  type: EntityType;
  id: string;
  /** The name the first document naming it gave. */
  name: string;
  /** Articles with at least one mention of it, and its mentions in all. */
  articles: number;
  mentions: number;
}

export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order of organisations.json, people.json and products.json: most articles, then most mentions, then id. */
export const byProminence = (a: EntitySummary, b: EntitySummary) => b.articles - a.articles || b.mentions - a.mentions || cmp(a.id, b.id);
