// A publishing thread (started by publish): writes one share of the article files (and with a share of all of
// them, timeline.json) and reports how many files it wrote, or why it could not.
import { parentPort, workerData } from 'node:worker_threads';
import { writeArticleShare, type ArticleShare } from './article-files.js';

// Loaded (the imports above) as soon as it is started; it writes once told to go, when the corpus-wide ids
// it renders with are in the store.
parentPort!.once('message', () => {
  try {
    parentPort!.postMessage({ ok: true, written: writeArticleShare(workerData as ArticleShare) });
  } catch (err) {
    parentPort!.postMessage({ ok: false, reason: (err as Error)?.message ?? String(err) });
  }
});
