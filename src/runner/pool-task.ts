import { BadInputError } from '../errors.js';
import { processArticle } from '../pipeline.js';
import type { ArticleInput, ArticleResult } from '../pipeline.js';

export type TaskOutcome = { ok: true; result: ArticleResult } | { ok: false; reason: string; bad: boolean };

/**
 * The core call as every runner makes it: a result, or the reason it failed and whether the input itself is
 * bad. Returned rather than thrown so the answer crosses thread and process boundaries intact.
 */
export function runTask(input: ArticleInput): TaskOutcome {
  try {
    return { ok: true, result: processArticle(input) };
  } catch (err) {
    if (err instanceof BadInputError) return { ok: false, reason: err.message, bad: true };
    return { ok: false, reason: `internal error: ${(err as Error)?.stack ?? String(err)}`, bad: false };
  }
}

// Piscina's entry point (the in-process pool runs this file in each worker thread). The bytes arrive as a
// Uint8Array of the thread's own (moved or structured-cloned): used as they are, not copied again.
export default function poolTask(input: ArticleInput): TaskOutcome {
  return runTask(input);
}
