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

/**
 * What a pool thread sends back: the document as its JSON text. Cheaper to send than the object (a string
 * is copied whole, where structured cloning walks every span of the document on both threads), and the store
 * keeps exactly that text, so the main thread parses it once and never serialises the document again.
 */
export type ThreadOutcome = { ok: true; docJson: string; warnings: ArticleResult['warnings'] } | { ok: false; reason: string; bad: boolean };

export function runThreadTask(input: ArticleInput): ThreadOutcome {
  const outcome = runTask(input);
  if (!outcome.ok) return outcome;
  return { ok: true, docJson: JSON.stringify(outcome.result.doc), warnings: outcome.result.warnings };
}
