import type { Ingested, Warning } from '../types.js';

/** A plain-text article: the text as read (line endings kept); a .txt states no title or date. */
export function ingestText(text: string, warnings: Warning[]): Ingested {
  return { format: 'text', text, title: null, published: null, warnings };
}
