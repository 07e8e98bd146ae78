// A publishing thread (started by publish): writes one share of the article files and reports how many it
// wrote, or why it could not.
import { parentPort, workerData } from 'node:worker_threads';
import { writeArticleShare, type ArticleShare } from './article-files.js';

try {
  parentPort!.postMessage({ ok: true, written: writeArticleShare(workerData as ArticleShare) });
} catch (err) {
  parentPort!.postMessage({ ok: false, reason: (err as Error)?.message ?? String(err) });
}
