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

// A few sentences that reach every extractor (an organisation, a person, a place, money, a date, a percentage).
const WARM_UP_TEXT = 'Acme Holdings said on Monday, 3 March 2014, that its chief executive, Jane Roe, had signed a '
  + '£3.1bn contract with the Department of Health in London, 5% more than last year.';

/**
 * Runs the core once on a short made-up text, so that a new thread has read the word data and lexicons the
 * rules load on first use (~0.1 s of the ~0.2 s a fresh thread's first article takes) before it says it is
 * ready: an article's time budget then measures the article, not the thread's start. Its outcome is dropped.
 */
export function warmUp(): void {
  runTask({ bytes: Buffer.from(WARM_UP_TEXT), relPath: 'warm-up.txt', source: 'warm-up.txt' });
}
