#!/usr/bin/env node
import { availableParallelism } from 'node:os';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { reasonOf } from '../errors.js';
import type { BatchCounts } from '../runner/batch.js';
import type { Executor } from '../runner/executor.js';
import { PoolExecutor } from '../runner/in-process.js';
import type { Checkpointer } from '../runner/checkpointer.js';
import { tuneJitForBatch } from '../runner/jit.js';
import type { LocalWorkers } from '../runner/local-workers.js';
import type { FactStore } from '../store/fact-store.js';
import { acquireStoreLock } from '../store/lock.js';
import type { Warning } from '../types.js';
import { isMain, positiveInt, type Io } from './io.js';

const HELP = `usage: npm run extract -- [--corpus DIR] [--out DIR] [--store FILE] [options]

Extracts facts from every article file under DIR (recursive: .txt, .md, .html, .json) that is new or
changed since the last run, stores them in the fact store, then writes <out>/articles/<id>.json and
<out>/views/*.json. Without REDIS_URL it runs in-process on all cores; with REDIS_URL set the articles go
through BullMQ on that Redis (a local worker is started unless --local-workers 0).

options
  --corpus DIR         article folder (default corpus/)
  --out DIR            output folder (default out/)
  --store FILE         fact store, a SQLite file (default data/facts.sqlite)
  --concurrency N      articles processed at once in-process (default: the number of cores, ${availableParallelism()})
  --local-workers N    with REDIS_URL: jobs worked on here at once, by a BullMQ worker in this process with N
                       threads (default: the number of cores; 0: none, workers elsewhere do the work)
  --verbose            stack traces and every warning
  -h, --help           this help

exit status: 0 every article processed; 1 some failed (each named on stderr, the rest stored); 2 bad usage.
The last line on stderr is the summary: "extract: N processed, M unchanged, K failed".
`;

export async function run(argv: string[], io: Io): Promise<number> {
  let opts;
  try {
    opts = parseArgs({
      args: argv,
      options: {
        corpus: { type: 'string', default: 'corpus' },
        out: { type: 'string', default: 'out' },
        store: { type: 'string', default: join('data', 'facts.sqlite') },
        concurrency: { type: 'string' },
        'local-workers': { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    io.stderr.write(`extract: ${reasonOf(err)}\n\n${HELP}`);
    return 2;
  }
  if (opts.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const say = (line: string) => io.stderr.write(`extract: ${line}\n`);
  const cores = availableParallelism();
  let concurrency: number;
  let localWorkers: number;
  try {
    concurrency = opts.concurrency === undefined ? cores : positiveInt('--concurrency', opts.concurrency);
    localWorkers = opts['local-workers'] === undefined ? cores : positiveInt('--local-workers', opts['local-workers'], { allowZero: true });
  } catch (err) {
    say(reasonOf(err));
    return 2;
  }
  const corpus = opts.corpus!;
  try {
    if (!(await stat(corpus)).isDirectory()) throw new Error('not a folder');
  } catch (err) {
    say(`the corpus folder ${corpus} cannot be read (${(err as NodeJS.ErrnoException).code ?? reasonOf(err)}); pass an existing folder with --corpus`);
    return 2;
  }

  const started = Date.now();
  let release: (() => void) | undefined;
  let store: FactStore | undefined;
  let executor: Executor | undefined;
  let workers: LocalWorkers | undefined;
  let checkpointer: Checkpointer | undefined;
  /** The executor while it starts (BullMQ's connects meanwhile); `executor` once it is there. */
  let opening: Promise<Executor> | undefined;
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (sig: string) => {
    interrupts++;
    if (interrupts > 1) {
      say(`${sig} again: stopping now; articles in flight are not stored (run extract again)`);
      release?.();
      process.exit(130);
    }
    say(`${sig}: stopping after the articles in flight are stored (press Ctrl-C again to stop at once)`);
    controller.abort();
  };
  const sigint = () => onSignal('SIGINT');
  const sigterm = () => onSignal('SIGTERM');
  process.on('SIGINT', sigint);
  process.on('SIGTERM', sigterm);
  const counts: BatchCounts = { processed: 0, unchanged: 0, failed: 0 };
  try {
    release = acquireStoreLock(opts.store!);
    // The executor first: its threads (or the local worker's) load the core (~0.5 s) while this thread opens
    // the store and scans the corpus, instead of after.
    const redisUrl = process.env.REDIS_URL;
    // Set before any code of the batch runs (and before a pool thread starts): the main thread stores and
    // publishes in either mode.
    tuneJitForBatch();
    if (redisUrl) {
      // BullMQ and ioredis are loaded only for a queue run (~0.2 s of start-up the in-process batch skips).
      // The local worker's threads are started first, so that they load while ioredis and BullMQ load here
      // and Redis is checked; it takes jobs once Redis answers (should it not, this side says so and stops it).
      const { LocalWorkers } = await import('../runner/local-workers.js');
      if (localWorkers > 0) workers = new LocalWorkers(localWorkers, redisUrl, io.stderr);
      const { BUNDLE_ARTICLES, checkRedis, jobsInHand } = await import('../queue/config.js');
      await checkRedis(redisUrl);
      workers?.start();
      const { QueueExecutor } = await import('../runner/queue-executor.js');
      // Full bundles for what the local worker holds, and two more waiting in Redis for the next free worker.
      // Its connections are made while the store is opened and the corpus scanned (below).
      opening = QueueExecutor.open({ url: redisUrl, capacity: BUNDLE_ARTICLES * (jobsInHand(PoolExecutor.capacityFor(localWorkers)) + 2) });
      opening.catch(() => undefined); // (its failure is met where it is awaited)
    } else {
      // Even at concurrency 1 the core runs on a thread: the main thread stays free for Ctrl-C and an
      // article over its time budget can be given up.
      opening = Promise.resolve(new PoolExecutor(concurrency));
    }
    // The rest of the batch's code (the store, SQLite, the views) is loaded now, while the threads load the
    // core (on two cores, ~25 ms sooner than when it was loaded before them).
    const [{ runBatch }, { scanCorpus }, { Checkpointer }, { publish, upToDate }, { FactStore }] = await Promise.all([
      import('../runner/batch.js'), import('../runner/corpus.js'), import('../runner/checkpointer.js'),
      import('../runner/publish.js'), import('../store/fact-store.js'),
    ]);
    store = FactStore.open(opts.store!);
    checkpointer = new Checkpointer(store.file);
    const scan = await scanCorpus(corpus);
    executor = await opening;
    opening = undefined;
    for (const s of scan.symlinks) say(`skipped ${join(corpus, s)}: a symbolic link (not followed)`);
    for (const u of scan.unreadable) {
      counts.failed++;
      say(`failed: ${join(corpus, u.relPath)}: folder cannot be read (${u.reason})`);
    }
    if (scan.skipped.length) {
      say(`skipped ${scan.skipped.length} file(s) that are not articles (.txt, .md, .html, .json): ${scan.skipped.slice(0, 5).join(', ')}${scan.skipped.length > 5 ? ', …' : ''}`);
    }
    say(`${scan.files.length} article file(s) in ${corpus}; ${redisUrl ? `via BullMQ on Redis with ${localWorkers} local worker(s)` : `in-process, concurrency ${concurrency}`}`);
    let lastReport = Date.now();
    const result = await runBatch({
      files: scan.files,
      sourceOf: (rel) => join(corpus, rel).split('\\').join('/'),
      store,
      executor,
      signal: controller.signal,
      now: () => Date.now(),
      onCommit: (bytes) => checkpointer?.stored(bytes),
      events: {
        onFailure: (rel, reason) => say(`failed: ${join(corpus, rel)}: ${reason}`),
        onWarnings: (rel, warnings: Warning[]) => {
          for (const w of warnings) if (opts.verbose || w.origin.startsWith('ingest') || /failed/.test(w.reason)) say(`warning: ${join(corpus, rel)}: ${w.origin}: ${w.reason}`);
        },
        onProgress: (c, seen, total) => {
          const now = Date.now();
          if (now - lastReport < 2_000) return;
          lastReport = now;
          const rate = c.processed / Math.max(0.001, (now - started) / 1000);
          say(`${seen}/${total} files: ${c.processed} processed, ${c.unchanged} unchanged, ${c.failed} failed (${rate.toFixed(1)} articles/s)`);
        },
      },
    });
    // The article files are written by threads beside the one building the views: as many as --concurrency
    // leaves beside this one (none at --concurrency 1), within the machine's cores.
    const publishThreads = Math.min(3, Math.min(concurrency, cores) - 1);
    // What the batch left in the WAL is copied back while the views are built, not when the store closes: by
    // the first publishing thread once its files are out or, without one, by the checkpointing thread now.
    // (Not both ways at once: on ext4 a checkpoint's fsync also waits for every file being written meanwhile;
    // with the article files being written, two cores took 0.1 s longer in all. Nor at once, while the
    // corpus-wide ids are worked out: that made them and the article files after them slower, for nothing.)
    if (result.processed > 0 && publishThreads === 0) checkpointer.request();
    counts.processed += result.processed;
    counts.unchanged += result.unchanged;
    counts.failed += result.failed;
    if (controller.signal.aborted) {
      say(`interrupted: ${counts.processed} article(s) stored; run extract again to finish the rest`);
    }
    // The threads and worker processes are done: free their memory before the views are built.
    await executor.close().catch(() => undefined);
    executor = undefined;
    await workers?.stop().catch(() => undefined);
    workers = undefined;
    if (controller.signal.aborted) {
      // Outputs are left as they were; the next run finishes the rest and publishes.
    } else if (await upToDate(store, opts.out!)) {
      say(`${opts.out} is up to date (${store.count()} articles in ${opts.store}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } else {
      say(`${counts.processed} article(s) extracted and stored in ${((Date.now() - started) / 1000).toFixed(1)} s; writing ${opts.out}`);
      const written = await publish(store, opts.out!, { threads: publishThreads, canonicalise: true });
      say(`wrote ${written} changed file(s) under ${opts.out} (${store.count()} articles in ${opts.store}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } catch (err) {
    say(opts.verbose ? (err as Error)?.stack ?? reasonOf(err) : reasonOf(err));
    say(`${counts.processed} processed, ${counts.unchanged} unchanged, ${counts.failed} failed`);
    return 1;
  } finally {
    process.off('SIGINT', sigint);
    process.off('SIGTERM', sigterm);
    await (executor ?? await opening?.catch(() => undefined))?.close().catch(() => undefined);
    await workers?.stop().catch(() => undefined);
    await checkpointer?.close().catch(() => undefined);
    store?.close();
    release?.();
  }
  say(`${counts.processed} processed, ${counts.unchanged} unchanged, ${counts.failed} failed`);
  if (controller.signal.aborted) return 130;
  return counts.failed > 0 ? 1 : 0;
}

if (isMain(import.meta.url)) {
  run(process.argv.slice(2), process).then((code) => process.exit(code));
}
