import { Piscina } from 'piscina';
import { fileURLToPath } from 'node:url';
import type { ArticleInput, ArticleResult } from '../pipeline.js';
import { ArticleFailure } from './executor.js';
import type { Executor } from './executor.js';
import type { TaskOutcome } from './pool-task.js';

function settle(outcome: TaskOutcome): ArticleResult {
  if (outcome.ok) return outcome.result;
  throw new ArticleFailure(outcome.reason, outcome.bad);
}

/**
 * How long one article may take before it is given up. A news article takes well under a second; a text
 * that makes some rule super-linear could otherwise hold a thread (and the batch) for hours. Counted from
 * the article's handing to the pool, so it includes the wait behind at most one other article per thread.
 */
export function articleTimeoutMs(): number {
  const raw = process.env.NEWSFACTS_ARTICLE_TIMEOUT_MS;
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n > 0 ? n : 120_000;
}

/**
 * Concurrency N: a pool of N worker threads, each running the same core function. The main thread stays
 * free for signals and storing, and an article over its time budget is given up by ending its thread
 * (Piscina replaces it), so one hostile file cannot stall the batch.
 */
export class PoolExecutor implements Executor {
  readonly capacity: number;
  private readonly pool: Piscina;
  private readonly timeoutMs: number;
  /** Articles handed to the pool and not yet settled; the others wait in `queued`, not in the pool. */
  private running = 0;
  private readonly queued: (() => void)[] = [];

  constructor(threads: number, timeoutMs = articleTimeoutMs()) {
    this.capacity = threads * 2;
    this.timeoutMs = timeoutMs;
    this.pool = new Piscina({
      filename: fileURLToPath(new URL('./pool-task.js', import.meta.url)),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      // Memory stays bounded however large the corpus: a thread holds one article at a time. A young
      // generation of its own size (V8 sizes it for a whole process otherwise: 1,180 articles on two threads
      // peaked at 382 MB against 322 MB with 12 MB), but not too small: an article makes several MB of
      // short-lived objects, scavenged every few articles at 12 MB with V8's helper threads joining in.
      // Interleaved runs of 1,184 articles: 32 or 48 MB took 1-2 s less CPU than 12 MB; 24 MB keeps most of
      // that for half the memory (two threads peaked at 276-288 MB, no longer holding compromise's model).
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 24 },
    });
  }

  /**
   * At most `capacity` articles are in the pool at once (one in work and one ready per thread); a caller
   * that hands over more (a BullMQ worker, a bundle of articles per job) has them wait here, so an article's
   * time budget starts when it is next in line, not while it waits behind a whole bundle.
   */
  async process(input: ArticleInput): Promise<ArticleResult> {
    // A finished article hands its place straight to the next in line (`running` unchanged).
    if (this.running >= this.capacity) await new Promise<void>((resolve) => this.queued.push(resolve));
    else this.running++;
    try {
      return await this.run(input);
    } finally {
      const next = this.queued.shift();
      if (next) next();
      else this.running--;
    }
  }

  private async run(input: ArticleInput): Promise<ArticleResult> {
    let outcome: TaskOutcome;
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      // Bytes that own their whole memory are moved to the thread, not copied (the caller is done with them).
      const own = input.bytes.byteOffset === 0 && input.bytes.byteLength === input.bytes.buffer.byteLength;
      const transferList = own ? [input.bytes.buffer as ArrayBuffer] : undefined;
      outcome = (await this.pool.run(input, { signal, transferList })) as TaskOutcome;
    } catch (err) {
      if (signal.aborted) {
        // Deterministic: the same text would take as long again, so it is bad input, not a transient fault.
        throw new ArticleFailure(`gave up after ${this.timeoutMs} ms (NEWSFACTS_ARTICLE_TIMEOUT_MS); some extraction rule is too slow on this text, please report the file`, true);
      }
      throw new ArticleFailure(`worker thread failed: ${(err as Error).message}`, false);
    }
    return settle(outcome);
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
