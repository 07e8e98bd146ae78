import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FactStore } from '../store/fact-store.js';
import { renderDoc, toJson } from '../store/render.js';
import { TimelineScratch, writeViews } from '../views/index.js';

/**
 * Article files: each folder is created once, and a file in a folder this run created cannot exist yet,
 * so it is written without first trying to read it; elsewhere a file is rewritten only when its bytes
 * change. Written synchronously, one at a time: the writer is a publishing thread of its own or the main
 * thread's publish pass, and nothing else waits on either meanwhile. Through fs/promises (up to 32 files
 * at once on libuv's threads) publishing 1,184 articles on one CPU took 4.1-4.6 s against 3.2-3.4 s
 * (interleaved): three thread hand-offs and their promises per file, for no overlap to gain.
 */
export class ArticleFiles {
  /** Folder -> whether this run created it. */
  private readonly dirs = new Map<string, boolean>();
  written = 0;

  write(file: string, content: string): void {
    const dir = dirname(file);
    let fresh = this.dirs.get(dir);
    if (fresh === undefined) {
      fresh = mkdirSync(dir, { recursive: true }) !== undefined;
      this.dirs.set(dir, fresh);
    }
    const bytes = Buffer.from(content);
    if (!fresh) {
      try {
        if (readFileSync(file).equals(bytes)) return;
      } catch { /* missing: write it */ }
    }
    writeFileSync(file, bytes);
    this.written++;
  }
}

/** Which articles one publishing thread writes: share `part` of `parts` (by the store's row number). */
export interface ArticleShare {
  storeFile: string;
  outDir: string;
  part: number;
  parts: number;
  /**
   * Then also build <outDir>/views/timeline.json from the documents it renders (only for a share of every
   * article: parts = 1). The thread building the other views then leaves it out.
   */
  timeline?: boolean;
  /** Then also checkpoint the store's WAL (see FactStore.checkpoint): one share does it, last, on its thread. */
  checkpoint?: boolean;
}

/**
 * Writes <outDir>/articles/<id>.json for one share of the stored articles, from its own read-only connection
 * (corpus-wide ids from the store's entity map, as publish's own pass renders them), and the timeline view
 * when asked; returns files written.
 */
export function writeArticleShare(share: ArticleShare): number {
  if (share.timeline && share.parts !== 1) throw new Error('the timeline needs every article: a share of 1 part');
  const store = FactStore.open(share.storeFile, { readonly: true });
  const files = new ArticleFiles();
  const timeline = share.timeline ? new TimelineScratch() : null;
  try {
    const map = store.canonicalMap();
    for (const raw of store.rawDocShare(share.part, share.parts)) {
      const doc = renderDoc(raw, map);
      files.write(join(share.outDir, 'articles', `${doc.article.id}.json`), toJson(doc));
      timeline?.add(doc);
    }
    if (timeline) files.written += writeViews(timeline, join(share.outDir, 'views'));
  } finally {
    timeline?.close();
    store.close();
  }
  if (share.checkpoint) FactStore.checkpoint(share.storeFile);
  return files.written;
}
