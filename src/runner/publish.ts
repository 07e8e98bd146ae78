import { existsSync, mkdirSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { canonicaliseEntities } from '../normalise/canonical.js';
import type { FactStore } from '../store/fact-store.js';
import { renderDoc, toJson } from '../store/render.js';
import type { FactsDoc } from '../types.js';
import { VIEW_NAMES, ViewScratch, writeViews } from '../views/index.js';

/**
 * Rebuilds the corpus-wide entity ids from every stored article's entities (order-independent, so the
 * in-process and BullMQ runs agree) and saves them in the store. The rows are streamed: only the distinct
 * entities are held, never every article's list.
 */
export function refreshCanonicalIds(store: FactStore): void {
  store.setCanonicalMap(canonicaliseEntities(store.localEntityRows()));
}

/** Every stored article as the user sees it (corpus-wide ids), one at a time. */
export function* renderedDocs(store: FactStore): Generator<FactsDoc> {
  const map = store.canonicalMap();
  for (const raw of store.rawDocs()) yield renderDoc(raw, map);
}

/**
 * Article files: each folder is created once, and a file in a folder this run created cannot exist yet,
 * so it is written without first trying to read it; elsewhere a file is rewritten only when its bytes
 * change. Up to WRITES_IN_FLIGHT files are written at once (the disk works while the next article is
 * rendered), so at most that many documents' bytes wait in memory.
 */
class ArticleFiles {
  /** Folder -> whether this run created it. */
  private readonly dirs = new Map<string, boolean>();
  private readonly pending = new Set<Promise<void>>();
  written = 0;

  async write(file: string, content: string): Promise<void> {
    while (this.pending.size >= WRITES_IN_FLIGHT) await Promise.race(this.pending);
    const dir = dirname(file);
    let fresh = this.dirs.get(dir);
    if (fresh === undefined) {
      fresh = mkdirSync(dir, { recursive: true }) !== undefined;
      this.dirs.set(dir, fresh);
    }
    const p: Promise<void> = writeIfChanged(file, Buffer.from(content), !fresh)
      .then((changed) => { if (changed) this.written++; })
      .finally(() => this.pending.delete(p));
    p.catch(() => undefined); // a failure surfaces through done() or the next wait, not as an unhandled rejection
    this.pending.add(p);
  }

  async done(): Promise<void> {
    await Promise.all(this.pending);
  }

  /** Waits for the writes under way, whatever their outcome (after a failure elsewhere). */
  async settled(): Promise<void> {
    await Promise.allSettled(this.pending);
  }
}

async function writeIfChanged(file: string, bytes: Buffer, mayExist: boolean): Promise<boolean> {
  if (mayExist) {
    try {
      if ((await readFile(file)).equals(bytes)) return false;
    } catch { /* missing: write it */ }
  }
  await writeFile(file, bytes);
  return true;
}

// Files written at once: enough to keep the disk busy while the next article is rendered.
const WRITES_IN_FLIGHT = 32;

const publishedKey = (outDir: string) => `published:${resolve(outDir)}`;

async function countJson(dir: string): Promise<number> {
  let n = 0;
  try {
    for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.json')) n++;
  } catch { /* no folder: none */ }
  return n;
}

/**
 * True when <out> already holds what the store holds: nothing stored or removed since the last publish to
 * that folder (the store's generation), every view there, and one article file per stored article. An
 * unchanged re-run then skips rendering and writing altogether.
 */
export async function upToDate(store: FactStore, outDir: string): Promise<boolean> {
  if (store.getMeta(publishedKey(outDir)) !== String(store.generation())) return false;
  if (!VIEW_NAMES.every((name) => existsSync(join(outDir, 'views', `${name}.json`)))) return false;
  return (await countJson(join(outDir, 'articles'))) === store.count();
}

/**
 * Writes <out>/articles/<id>.json for every stored article and <out>/views/*.json; returns files written.
 * One pass over the stored documents: each is written and its view contributions go into a scratch
 * database outside the JS heap, from which the views are then streamed to their files.
 */
export async function publish(store: FactStore, outDir: string): Promise<number> {
  const articles = new ArticleFiles();
  const scratch = new ViewScratch();
  let views = 0;
  try {
    // The store's row iterator stays open across these awaits: nothing else uses the connection meanwhile.
    for (const doc of renderedDocs(store)) {
      await articles.write(join(outDir, 'articles', `${doc.article.id}.json`), toJson(doc));
      scratch.add(doc);
    }
    views = writeViews(scratch, join(outDir, 'views'));
    await articles.done();
  } finally {
    scratch.close();
    await articles.settled();
  }
  store.setMeta(publishedKey(outDir), String(store.generation()));
  return articles.written + views;
}
