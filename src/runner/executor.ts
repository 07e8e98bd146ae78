import type { ArticleInput, ArticleResult } from '../pipeline.js';

/** Why one article could not be processed; `bad` when the input itself is unusable (never retried). */
export class ArticleFailure extends Error {
  override readonly name = 'ArticleFailure';
  constructor(reason: string, readonly bad: boolean) {
    super(reason);
  }
}

/** Where articles are processed: this thread, a pool of threads, or BullMQ workers anywhere. */
export interface Executor {
  /** How many articles may be in flight at once. */
  readonly capacity: number;
  process(input: ArticleInput): Promise<ArticleResult>;
  close(): Promise<void>;
}
