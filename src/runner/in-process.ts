import { Piscina } from 'piscina';
import { fileURLToPath } from 'node:url';
import type { ArticleInput, ArticleResult } from '../pipeline.js';
import { ArticleFailure } from './executor.js';
import type { Executor } from './executor.js';
import type { FileInfo } from '../store/fact-store.js';
import type { Warning } from '../types.js';
import type { StoredOutcome, StoreTicket, TaskOutcome } from './pool-task.js';

/**
 * How long one article may take before it is given up. A news article takes well under a second; a text
 * that makes some rule super-linear could otherwise hold a thread (and the batch) for hours. Counted from
 * submission, so it includes the wait behind at most one other article per thread.
 */
export function articleTimeoutMs(): number {
  const raw = process.env.NEWSFACTS_ARTICLE_TIMEOUT_MS;
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n > 0 ? n : 120_000;
}

/**
 * Concurrency N: a pool of N worker threads, each running the same core function (and, for the batch,
 * storing its result). The main thread stays free for signals, and an article over its time budget is given up by ending its thread
 * (Piscina replaces it), so one hostile file cannot stall the batch.
 */
export class PoolExecutor implements Executor {
  readonly capacity: number;
  private readonly pool: Piscina;
  private readonly timeoutMs: number;

  readonly storesResults: boolean;
  private readonly storeFile: string | undefined;

  /** With `storeFile`, processAndStore stores each article from its thread into that fact store. */
  constructor(threads: number, options: { timeoutMs?: number; storeFile?: string } = {}) {
    this.capacity = threads * 4;
    this.timeoutMs = options.timeoutMs ?? articleTimeoutMs();
    this.storeFile = options.storeFile;
    this.storesResults = !!options.storeFile;
    this.pool = new Piscina({
      filename: fileURLToPath(new URL('./pool-task.js', import.meta.url)),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      // Memory stays bounded however large the corpus: a thread holds one article at a time.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
  }

  async process(input: ArticleInput): Promise<ArticleResult> {
    const outcome = (await this.run({ input })) as TaskOutcome;
    if (outcome.ok) return outcome.result;
    throw new ArticleFailure(outcome.reason, outcome.bad);
  }

  async processAndStore(input: ArticleInput, file: FileInfo, storedAt: number): Promise<Warning[]> {
    if (!this.storeFile) throw new Error('PoolExecutor: processAndStore needs a storeFile');
    const ticket: StoreTicket = { storeFile: this.storeFile, file, storedAt };
    const outcome = (await this.run({ input, ticket })) as StoredOutcome;
    if (outcome.ok) return outcome.warnings;
    throw new ArticleFailure(outcome.reason, outcome.bad);
  }

  private async run(task: { input: ArticleInput; ticket?: StoreTicket }): Promise<TaskOutcome | StoredOutcome> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      return (await this.pool.run(task, { signal })) as TaskOutcome | StoredOutcome;
    } catch (err) {
      if (signal.aborted) {
        // Deterministic: the same text would take as long again, so it is bad input, not a transient fault.
        throw new ArticleFailure(`gave up after ${this.timeoutMs} ms (NEWSFACTS_ARTICLE_TIMEOUT_MS); some extraction rule is too slow on this text, please report the file`, true);
      }
      throw new ArticleFailure(`worker thread failed: ${(err as Error).message}`, false);
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
