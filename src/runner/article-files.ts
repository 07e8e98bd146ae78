import { mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FactStore } from '../store/fact-store.js';
import { renderDoc, toJson } from '../store/render.js';

/**
 * Article files: each folder is created once, and a file in a folder this run created cannot exist yet,
 * so it is written without first trying to read it; elsewhere a file is rewritten only when its bytes
 * change. Up to WRITES_IN_FLIGHT files are written at once (the disk works while the next article is
 * rendered), so at most that many documents' bytes wait in memory.
 */
export class ArticleFiles {
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

/** Which articles one publishing thread writes: share `part` of `parts` (by the store's row number). */
export interface ArticleShare {
  storeFile: string;
  outDir: string;
  part: number;
  parts: number;
  /** Then also checkpoint the store's WAL (see FactStore.checkpoint): one share does it, on its thread. */
  checkpoint?: boolean;
}

/**
 * Writes <outDir>/articles/<id>.json for one share of the stored articles, from its own read-only connection
 * (corpus-wide ids from the store's entity map, as publish's own pass renders them); returns files written.
 */
export async function writeArticleShare(share: ArticleShare): Promise<number> {
  const store = FactStore.open(share.storeFile, { readonly: true });
  const files = new ArticleFiles();
  try {
    const map = store.canonicalMap();
    for (const raw of store.rawDocShare(share.part, share.parts)) {
      const doc = renderDoc(raw, map);
      await files.write(join(share.outDir, 'articles', `${doc.article.id}.json`), toJson(doc));
    }
    await files.done();
  } finally {
    await files.settled();
    store.close();
  }
  if (share.checkpoint) FactStore.checkpoint(share.storeFile);
  return files.written;
}
