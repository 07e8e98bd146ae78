import { BadInputError } from '../errors.js';
import { processArticle } from '../pipeline.js';
import type { ArticleInput, ArticleResult } from '../pipeline.js';
import { FactStore, type FileInfo } from '../store/fact-store.js';
import type { Warning } from '../types.js';

export type TaskOutcome = { ok: true; result: ArticleResult } | { ok: false; reason: string; bad: boolean };

/** Where and how the thread stores its result (the in-process runner), instead of sending it back. */
export interface StoreTicket {
  storeFile: string;
  file: FileInfo;
  storedAt: number;
}

export type StoredOutcome = { ok: true; warnings: Warning[] } | { ok: false; reason: string; bad: boolean };

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

// One connection per thread, opened on the first article and closed with the thread.
let store: FactStore | undefined;

/**
 * The core call plus storing, on the thread that computed the document: the main thread then only reads
 * files and hands them out, so it never holds the threads up, and the document is not copied back to it.
 * Each article is stored in its own transaction (whole or not at all).
 */
export function runAndStore(input: ArticleInput, ticket: StoreTicket): StoredOutcome {
  const outcome = runTask(input);
  if (!outcome.ok) return outcome;
  try {
    if (store?.file !== ticket.storeFile) {
      store?.close();
      store = FactStore.open(ticket.storeFile);
    }
    store.put(outcome.result.doc, outcome.result.warnings, ticket.file, ticket.storedAt);
  } catch (err) {
    return { ok: false, reason: `cannot store: ${(err as Error).message}`, bad: false };
  }
  return { ok: true, warnings: outcome.result.warnings };
}

// Piscina's entry point (the pool runs this file in each worker thread).
export default function poolTask(task: { input: ArticleInput; ticket?: StoreTicket }): TaskOutcome | StoredOutcome {
  const input = { ...task.input, bytes: new Uint8Array(task.input.bytes) };
  return task.ticket ? runAndStore(input, task.ticket) : runTask(input);
}
