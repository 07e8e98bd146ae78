import type { ArticleInput, ArticleResult } from '../pipeline.js';

/** Why one article could not be processed; `bad` when the input itself is unusable (never retried). */
export class ArticleFailure extends Error {
  override readonly name = 'ArticleFailure';
  constructor(reason: string, readonly bad: boolean) {
    super(reason);
  }
}

/** An article's result with its document as JSON text (JSON.stringify of the document). */
export interface ArticleJson {
  docJson: string;
  warnings: ArticleResult['warnings'];
}

/** Where articles are processed: this thread, a pool of threads, or BullMQ workers anywhere. */
export interface Executor {
  /** How many articles may be in flight at once. */
  readonly capacity: number;
  process(input: ArticleInput): Promise<ArticleResult>;
  /** The same, the document left as its JSON text (for a caller that only passes it on). */
  processJson?(input: ArticleInput): Promise<ArticleJson>;
  close(): Promise<void>;
}
