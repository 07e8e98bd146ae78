import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FactStore } from '../store/fact-store.js';
import { renderDoc } from '../store/render.js';
import type { FactsDoc } from '../types.js';
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
  /** Reused for every file: a new string (JSON + newline) and a new Buffer per file was fresh memory each time. */
  private buf = Buffer.allocUnsafe(256 * 1024);
  written = 0;

  /** Writes `value` as toJson prints it (two-space indent, trailing newline). */
  writeJson(file: string, value: unknown): void {
    const json = JSON.stringify(value, null, 2);
    // UTF-8 takes at most 3 bytes per UTF-16 unit, and the newline one.
    if (this.buf.length < 3 * json.length + 1) this.buf = Buffer.allocUnsafe(2 * (3 * json.length + 1));
    let n = this.buf.write(json, 0);
    this.buf[n++] = 0x0a;
    this.put(file, this.buf.subarray(0, n));
  }

  private put(file: string, bytes: Buffer): void {
    const dir = dirname(file);
    let fresh = this.dirs.get(dir);
    if (fresh === undefined) {
      fresh = mkdirSync(dir, { recursive: true }) !== undefined;
      this.dirs.set(dir, fresh);
    }
    if (!fresh) {
      try {
        if (readFileSync(file).equals(bytes)) return;
      } catch { /* missing: write it */ }
    }
    writeFileSync(file, bytes);
    this.written++;
  }
}

/**
 * Who checkpoints the store's WAL once publishing has begun (the batch left up to ~75 MB of it, which closing the
 * store would otherwise copy back on the main thread, after everything else): whichever writer of the output
 * is done first, so the copy overlaps what the others still have to do. A flag in memory shared by the threads.
 */
export class CheckpointTurn {
  private readonly cell: Int32Array;
  constructor(readonly memory = new SharedArrayBuffer(4)) {
    this.cell = new Int32Array(memory);
  }

  /** True for the first caller only. */
  take(): boolean {
    return Atomics.compareExchange(this.cell, 0, 0, 1) === 0;
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
  /**
   * The store's WAL checkpoint (see FactStore.checkpoint), shared with the other writers (see CheckpointTurn): the
   * first of them done with the rest of its work does it, while the others still work.
   */
  checkpoint?: SharedArrayBuffer;
}

/** Documents of a share read ahead (parsed, not yet rendered): those up to row `after`. */
export interface ReadAhead {
  docs: FactsDoc[];
  after: number;
}

/** Most document JSON a publishing thread reads ahead (~6x that in parsed documents). */
const READ_AHEAD_CHARS = 8 * 1024 * 1024;

/**
 * Reads a share's first documents while the corpus-wide ids its files need are still being worked out (on
 * another thread): parsing them is ~1/3 of writing the files, and the thread would only wait meanwhile. Stops
 * at READ_AHEAD_CHARS, or as soon as `go()` says the ids are there (it is asked every few documents, between
 * which the event loop turns). Its read transaction ends with it: the ids are read afterwards, as stored.
 */
export async function readAhead(share: ArticleShare, go: () => boolean): Promise<ReadAhead> {
  const out: ReadAhead = { docs: [], after: 0 };
  if (go()) return out;
  const store = FactStore.open(share.storeFile, { readonly: true });
  try {
    let chars = 0;
    for (const row of store.rawDocShareRows(share.part, share.parts)) {
      out.docs.push(row.doc);
      out.after = row.rowid;
      chars += row.chars;
      if (chars >= READ_AHEAD_CHARS) break;
      if (out.docs.length % 4 === 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (go()) break;
      }
    }
  } finally {
    store.close();
  }
  return out;
}

/**
 * Writes <outDir>/articles/<id>.json for one share of the stored articles, from its own read-only connection
 * (corpus-wide ids from the store's entity map, as publish's own pass renders them), and the timeline view
 * when asked; returns files written. `ahead`: the share's documents already read (readAhead).
 */
export function writeArticleShare(share: ArticleShare, ahead: ReadAhead = { docs: [], after: 0 }): number {
  if (share.timeline && share.parts !== 1) throw new Error('the timeline needs every article: a share of 1 part');
  const store = FactStore.open(share.storeFile, { readonly: true });
  const files = new ArticleFiles();
  const timeline = share.timeline ? new TimelineScratch() : null;
  try {
    const map = store.canonicalMap();
    const write = (raw: FactsDoc) => {
      const doc = renderDoc(raw, map);
      files.writeJson(join(share.outDir, 'articles', `${doc.article.id}.json`), doc);
      timeline?.add(doc);
    };
    for (const raw of ahead.docs.splice(0)) write(raw);
    for (const row of store.rawDocShareRows(share.part, share.parts, ahead.after)) write(row.doc);
    if (timeline) files.written += writeViews(timeline, join(share.outDir, 'views'));
  } finally {
    timeline?.close();
    store.close();
  }
  if (share.checkpoint && new CheckpointTurn(share.checkpoint).take()) FactStore.checkpoint(share.storeFile);
  return files.written;
}
