import type { ArticleInput, ArticleResult } from '../pipeline.js';
import type { FileInfo } from '../store/fact-store.js';
import type { Warning } from '../types.js';

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
  /** True when processAndStore is available: the executor stores each article where it was computed. */
  readonly storesResults: boolean;
  /**
   * Processes one article and stores it where it was computed (an executor that can reach the store);
   * resolves with its warnings once it is stored. Otherwise the batch stores what `process` returns.
   */
  processAndStore?(input: ArticleInput, file: FileInfo, storedAt: number): Promise<Warning[]>;
  close(): Promise<void>;
}
