import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FactsDoc } from '../types.js';
import { entryJson, entryValue, ViewFile } from './json-stream.js';
import { ViewScratch, type ViewName } from './scratch.js';

export const VIEW_NAMES = ['organisations', 'people', 'products', 'money', 'timeline'] as const satisfies readonly ViewName[];
export type { ViewName };
export { ViewScratch };

/**
 * Writes <dir>/<view>.json for every view from a loaded scratch, entry by entry (see ViewScratch for the
 * views' contents and order). A view whose bytes did not change is left as it was; returns how many files
 * were written. Closes nothing: the caller owns the scratch.
 */
export function writeViews(scratch: ViewScratch, dir: string): number {
  mkdirSync(dir, { recursive: true });
  const files = new Map<ViewName, ViewFile>();
  try {
    for (const name of VIEW_NAMES) files.set(name, new ViewFile(join(dir, `${name}.json`)));
    scratch.emit((view, entry) => files.get(view)!.add(entryJson(entry)));
    let changed = 0;
    for (const f of files.values()) if (f.close()) changed++;
    return changed;
  } finally {
    for (const f of files.values()) f.abort();
  }
}

/**
 * The corpus-wide views of a few documents, in memory (tests, small corpora). Each entry names its
 * canonical entity id and the article ids and offsets that support it. organisations.json joins what the
 * other views know of each organisation: its money by role (totals per currency), the products it sells or
 * is named with, its people (from their titles), first and last dates. Same assembly as writeViews.
 */
export class ViewsBuilder {
  private readonly scratch = new ViewScratch();

  add(doc: FactsDoc): void {
    this.scratch.add(doc);
  }

  build(): Record<ViewName, unknown[]> {
    const out: Record<ViewName, unknown[]> = { organisations: [], people: [], products: [], money: [], timeline: [] };
    try {
      this.scratch.emit((view, entry) => out[view].push(entryValue(entry)));
    } finally {
      this.scratch.close();
    }
    return out;
  }
}

export function buildViews(docs: Iterable<FactsDoc>): Record<ViewName, unknown[]> {
  const b = new ViewsBuilder();
  for (const d of docs) b.add(d);
  return b.build();
}
