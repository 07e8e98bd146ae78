import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
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
}

type Read = { ok: true; bytes: Buffer; mtimeMs: number } | { ok: false; reason: string };

/**
 * Reads one article file through a single descriptor, checked after opening: a file swapped between the
 * scan and the read for a symbolic link (possibly pointing out of the corpus) is not followed, and one
 * swapped for a FIFO or device is refused rather than blocking the batch forever on its read.
 */
async function readArticleFile(absPath: string): Promise<Read> {
  let fh;
  try {
    fh = await open(absPath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { ok: false, reason: 'now a symbolic link (not followed)' };
    return { ok: false, reason: `cannot read: ${code ?? (err as Error).message}` };
  }
  try {
    const info = await fh.stat();
    if (!info.isFile()) return { ok: false, reason: 'no longer a regular file' };
    if (info.size > MAX_ARTICLE_BYTES) return { ok: false, reason: tooLarge(info.size) };
    const bytes = await fh.readFile();
    // It may have grown while read: the limit holds for what was read.
    if (bytes.length > MAX_ARTICLE_BYTES) return { ok: false, reason: tooLarge(bytes.length) };
    return { ok: true, bytes, mtimeMs: info.mtimeMs };
  } catch (err) {
    return { ok: false, reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

const tooLarge = (size: number) => `too large (${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_ARTICLE_BYTES / 1048576} MB)`;

/**
 * Feeds every new or changed article to the executor. An executor that stores its results (the in-process
 * thread pool) stores each article where it was computed; otherwise the results are stored here as they
 * arrive, in groups of up to STORE_GROUP per commit, each article whole or not at all (FactStore.putMany). At most
 * `executor.capacity` articles, and IN_FLIGHT_BYTES of them, are in flight (and in memory) at once. Stops taking new articles when the
 * signal aborts; what is in flight is finished and stored.
 */
export async function runBatch(opts: BatchOptions): Promise<BatchCounts> {
  const { store, executor, events } = opts;
  const counts: BatchCounts = { processed: 0, unchanged: 0, failed: 0 };
  const stamps = store.stamps();
  const ids = new Map<string, string>();
  const inFlight = new Set<Promise<void>>();
  let inFlightBytes = 0;
  // Results wait here briefly and are stored in groups, one commit per group (see FactStore.putMany).
  const buffer: { relPath: string; item: PendingArticle }[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    if (!buffer.length) return;
    const group = buffer.splice(0, buffer.length);
    let failures: { index: number; reason: string }[];
    try {
      failures = store.putMany(group.map((g) => g.item));
    } catch (err) {
      failures = group.map((_, index) => ({ index, reason: (err as Error).message }));
    }
    const failed = new Map(failures.map((f) => [f.index, f.reason]));
    group.forEach((g, index) => {
      const reason = failed.get(index);
      if (reason !== undefined) return fail(g.relPath, `cannot store: ${reason}`);
      counts.processed++;
      if (g.item.warnings.length) events.onWarnings(g.relPath, g.item.warnings);
    });
  };
  let seen = 0;

  const fail = (relPath: string, reason: string) => {
    counts.failed++;
    events.onFailure(relPath, reason);
  };

  for (const file of opts.files) {
    if (opts.signal?.aborted) break;
    seen++;
    const id = articleIdOf(file.relPath);
    const clash = ids.get(id);
    if (clash) {
      fail(file.relPath, `same article id "${id}" as ${clash}; rename one of them`);
      continue;
    }
    ids.set(id, file.relPath);
    let info;
    try {
      info = await lstat(file.absPath);
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
    const read = await readArticleFile(file.absPath);
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
    inFlightBytes += bytes.length;
    const input: ArticleInput = { bytes, relPath: file.relPath, source: opts.sourceOf(file.relPath) };
    const work: Promise<void> = executor.storesResults
      ? executor.processAndStore!(input, fileInfo, opts.now()).then((warnings) => {
        counts.processed++;
        if (warnings.length) events.onWarnings(file.relPath, warnings);
      })
      : executor.process(input).then((result) => {
        buffer.push({ relPath: file.relPath, item: { doc: result.doc, warnings: result.warnings, file: fileInfo, storedAt: opts.now() } });
        if (buffer.length >= STORE_GROUP) flush();
        else flushTimer ??= setTimeout(flush, STORE_GROUP_MS);
      });
    const job: Promise<void> = work.then(
      () => undefined,
      (err: unknown) => fail(file.relPath, err instanceof ArticleFailure ? err.message : `internal error: ${(err as Error)?.message ?? err}`),
    ).finally(() => {
      inFlight.delete(job);
      inFlightBytes -= bytes.length;
      events.onProgress(counts, seen, opts.files.length);
    });
    inFlight.add(job);
  }
  await Promise.all(inFlight);
  flush();
  events.onProgress(counts, seen, opts.files.length);
  return counts;
}
