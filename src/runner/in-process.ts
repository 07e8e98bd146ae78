import { Piscina } from 'piscina';
import { fileURLToPath } from 'node:url';
import type { ArticleInput, ArticleResult } from '../pipeline.js';
import { ArticleFailure } from './executor.js';
import type { Executor } from './executor.js';
import { runTask } from './pool-task.js';
import type { TaskOutcome } from './pool-task.js';

function settle(outcome: TaskOutcome): ArticleResult {
  if (outcome.ok) return outcome.result;
  throw new ArticleFailure(outcome.reason, outcome.bad);
}

/** Concurrency 1: the core runs on this thread, one article after another (no thread hand-off cost). */
export class InlineExecutor implements Executor {
  readonly capacity = 1;
  async process(input: ArticleInput): Promise<ArticleResult> {
    // Let signals and I/O in between articles.
    await new Promise((r) => setImmediate(r));
    return settle(runTask(input));
  }
  async close(): Promise<void> {}
}

/** Concurrency N: a pool of N worker threads, each running the same core function. */
export class PoolExecutor implements Executor {
  readonly capacity: number;
  private readonly pool: Piscina;

  constructor(threads: number) {
    this.capacity = threads * 2;
    this.pool = new Piscina({
      filename: fileURLToPath(new URL('./pool-task.js', import.meta.url)),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      // Memory stays bounded however large the corpus: a thread holds one article at a time.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
  }

  async process(input: ArticleInput): Promise<ArticleResult> {
    let outcome: TaskOutcome;
    try {
      outcome = (await this.pool.run(input)) as TaskOutcome;
    } catch (err) {
      throw new ArticleFailure(`worker thread failed: ${(err as Error).message}`, false);
    }
    return settle(outcome);
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
