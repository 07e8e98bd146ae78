import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
import { articleIdOf } from '../ingest/formats.js';
import type { ArticleInput } from '../pipeline.js';
import type { FactStore, PendingArticle } from '../store/fact-store.js';
import type { Warning } from '../types.js';
import { ArticleFailure } from './executor.js';
import type { Executor } from './executor.js';
import type { CorpusFile } from './corpus.js';

/** Articles stored per transaction, and the longest a finished article waits to be stored. */
const STORE_GROUP = 64;
const STORE_GROUP_MS = 250;

/** Largest article file read; bigger ones are refused so one file cannot exhaust memory. */
export const MAX_ARTICLE_BYTES = 64 * 1024 * 1024;

/** Bytes of article files waiting or in work at once (one article is always let through, however large). */
const IN_FLIGHT_BYTES = 64 * 1024 * 1024;

export interface BatchCounts {
  processed: number;
  unchanged: number;
  failed: number;
}

export interface BatchEvents {
  onFailure(relPath: string, reason: string): void;
  onWarnings(relPath: string, warnings: Warning[]): void;
  onProgress(counts: BatchCounts, seen: number, total: number): void;
}

export interface BatchOptions {
  files: CorpusFile[];
  /** How article.source names a file: the corpus folder as the user gave it, joined with the relative path. */
  sourceOf(relPath: string): string;
  store: FactStore;
  executor: Executor;
  events: BatchEvents;
  signal?: AbortSignal;
  /** Milliseconds since the epoch, recorded as stored_at (the runner's clock, never the core's). */
  now(): number;
  /** Called after each commit with the bytes of document JSON it stored (the runner checkpoints the store's WAL off this thread). */
  onCommit?(bytes: number): void;
}

type Read = { ok: true; bytes: Buffer; mtimeMs: number } | { ok: false; reason: string };

/**
 * Reads one article file through a single descriptor, checked after opening: a file swapped between the
 * scan and the read for a symbolic link (possibly pointing out of the corpus) is not followed, and one
 * swapped for a FIFO or device is refused rather than blocking the batch forever on its read.
 */
function readArticleFile(absPath: string): Read {
  // Synchronous on purpose: an article file is small and local, and the promise versions cost the main thread
  // (which also hands the threads their work and stores their results) several times the CPU per file.
  let fd: number;
  try {
    fd = openSync(absPath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { ok: false, reason: 'now a symbolic link (not followed)' };
    return { ok: false, reason: `cannot read: ${code ?? (err as Error).message}` };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { ok: false, reason: 'no longer a regular file' };
    if (info.size > MAX_ARTICLE_BYTES) return { ok: false, reason: tooLarge(info.size) };
    const bytes = readFileSync(fd);
    // It may have grown while read: the limit holds for what was read.
    if (bytes.length > MAX_ARTICLE_BYTES) return { ok: false, reason: tooLarge(bytes.length) };
    return { ok: true, bytes, mtimeMs: info.mtimeMs };
  } catch (err) {
    return { ok: false, reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  } finally {
    try { closeSync(fd); } catch { /* already closed */ }
  }
}

const tooLarge = (size: number) => `too large (${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_ARTICLE_BYTES / 1048576} MB)`;

/**
 * Feeds every new or changed article to the executor and stores the results as they arrive, up to
 * STORE_GROUP per commit, each article whole or not at all (its own savepoint). At most `executor.capacity`
 * articles, and IN_FLIGHT_BYTES of them, are in flight (and in memory) at once. Stops taking new articles
 * when the signal aborts; what is in flight is finished and stored.
 */
export async function runBatch(opts: BatchOptions): Promise<BatchCounts> {
  const { store, executor, events } = opts;
  const counts: BatchCounts = { processed: 0, unchanged: 0, failed: 0 };
  const stamps = store.stamps();
  const ids = new Map<string, string>();
  const inFlight = new Set<Promise<void>>();
  let inFlightBytes = 0;
  // Results are stored here, on the main thread, one article at a time inside a transaction that is
  // committed every STORE_GROUP articles or STORE_GROUP_MS (one commit per group: the store's main cost).
  // Between two articles the event loop turns, so the threads get their next article at once instead of
  // waiting for a whole group to be written (a thread is handed work only by this thread).
  const buffer: { relPath: string; item: PendingArticle }[] = [];
  let wake: (() => void) | undefined;
  let finishing = false;
  let writerError: Error | undefined;
  const storeOne = (g: { relPath: string; item: PendingArticle }) => {
    try {
      store.put(g.item.doc, g.item.warnings, g.item.file, g.item.storedAt, g.item.docJson);
    } catch (err) {
      return fail(g.relPath, `cannot store: ${(err as Error).message}`);
    }
    counts.processed++;
    if (g.item.warnings.length) events.onWarnings(g.relPath, g.item.warnings);
  };
  const nextResult = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(() => { wake = undefined; resolve(); }, ms);
    wake = () => { clearTimeout(timer); wake = undefined; resolve(); };
  });
  const writer = (async () => {
    while (!finishing || buffer.length) {
      if (writerError) { buffer.length = 0; if (finishing) break; await nextResult(1_000); continue; }
      if (!buffer.length) { await nextResult(1_000); continue; }
      const opened = Date.now();
      let bytes = 0;
      store.begin();
      try {
        for (let n = 0; n < STORE_GROUP; n++) {
          if (!buffer.length) {
            const left = STORE_GROUP_MS - (Date.now() - opened);
            if (finishing || left <= 0) break;
            await nextResult(left);
            if (!buffer.length) break;
          }
          const next = buffer.shift()!;
          bytes += next.item.docJson?.length ?? 0;
          storeOne(next);
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } catch (err) {
        writerError ??= err as Error;
      } finally {
        try { store.commit(); opts.onCommit?.(bytes); } catch (err) { writerError ??= err as Error; }
      }
    }
  })();
  let seen = 0;

  const fail = (relPath: string, reason: string) => {
    counts.failed++;
    events.onFailure(relPath, reason);
  };

  try {
    for (const file of opts.files) {
      if (opts.signal?.aborted) break;
      seen++;
      // The reads are synchronous: let signals (Ctrl-C) and the writer in now and then, even when a long run
      // of unchanged files never waits for a thread.
      if (seen % 256 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const id = articleIdOf(file.relPath);
      const clash = ids.get(id);
      if (clash) {
        fail(file.relPath, `same article id "${id}" as ${clash}; rename one of them`);
        continue;
      }
      ids.set(id, file.relPath);
      let info;
      try {
        info = lstatSync(file.absPath);
      } catch (err) {
        fail(file.relPath, `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        continue;
      }
      if (!info.isFile()) {
        fail(file.relPath, 'no longer a regular file');
        continue;
      }
      const stamp = stamps.get(id);
      if (stamp && stamp.size === info.size && stamp.mtimeMs === info.mtimeMs) {
        counts.unchanged++;
        continue;
      }
      if (info.size > MAX_ARTICLE_BYTES) {
        fail(file.relPath, tooLarge(info.size));
        continue;
      }
      const read = readArticleFile(file.absPath);
      if (!read.ok) {
        fail(file.relPath, read.reason);
        continue;
      }
      const bytes = read.bytes;
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const fileInfo = { size: bytes.length, mtimeMs: read.mtimeMs };
      if (stamp && stamp.sha256 === sha256) {
        store.touch(id, fileInfo);
        counts.unchanged++;
        continue;
      }
      while (inFlight.size >= executor.capacity || (inFlight.size > 0 && inFlightBytes + bytes.length > IN_FLIGHT_BYTES)) await Promise.race(inFlight);
      const size = bytes.length;
      inFlightBytes += size;
      const input: ArticleInput = { bytes, relPath: file.relPath, source: opts.sourceOf(file.relPath) };
      const job: Promise<void> = executor.process(input).then(
        (result) => {
          buffer.push({ relPath: file.relPath, item: { doc: result.doc, docJson: result.docJson, warnings: result.warnings, file: fileInfo, storedAt: opts.now() } });
          wake?.();
        },
        (err: unknown) => fail(file.relPath, err instanceof ArticleFailure ? err.message : `internal error: ${(err as Error)?.message ?? err}`),
      ).finally(() => {
        inFlight.delete(job);
        inFlightBytes -= size; // (an executor may have moved the bytes to its thread: their length is now 0)
        events.onProgress(counts, seen, opts.files.length);
      });
      inFlight.add(job);
    }
    await Promise.all(inFlight);
  } finally {
    finishing = true;
    wake?.();
    await writer;
  }
  if (writerError) throw new Error(`the fact store could not be written: ${writerError.message}`);
  events.onProgress(counts, seen, opts.files.length);
  return counts;
}
