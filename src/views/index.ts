import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FactsDoc } from '../types.js';
import { entryJson, entryValue, ViewFile } from './json-stream.js';
import { VIEW_NAMES, ViewScratch, TimelineScratch, type ViewName } from './scratch.js';
import type { ViewEntry } from './json-stream.js';

export type { ViewName };
export { VIEW_NAMES, ViewScratch, TimelineScratch };

/** A loaded scratch: the views it holds, and their entries handed out in file order. */
export interface ViewSource {
  readonly views: readonly ViewName[];
  emit(sink: (view: ViewName, entry: ViewEntry) => void): void;
}

/**
 * Writes <dir>/<view>.json for every view a loaded scratch holds, entry by entry (see ViewScratch for the
 * views' contents and order). A view whose bytes did not change is left as it was; returns how many files
 * were written. Closes nothing: the caller owns the scratch.
 */
export function writeViews(scratch: ViewSource, dir: string): number {
  mkdirSync(dir, { recursive: true });
  const files = new Map<ViewName, ViewFile>();
  try {
    for (const name of scratch.views) files.set(name, new ViewFile(join(dir, `${name}.json`)));
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
