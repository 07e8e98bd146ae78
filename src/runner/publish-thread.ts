// A publishing thread (started by publish): writes one share of the article files (and with a share of all of
// them, timeline.json) and reports how many files it wrote, or why it could not.
import { parentPort, workerData } from 'node:worker_threads';
import { readAhead, writeArticleShare, type ArticleShare } from './article-files.js';

// Loaded (the imports above) as soon as it is started. It reads its first documents ahead meanwhile, and
// writes once told to go, when the corpus-wide ids it renders with are in the store.
let go = false;
let wake: (() => void) | undefined;
parentPort!.once('message', () => {
  go = true;
  wake?.();
});

void (async () => {
  const share = workerData as ArticleShare;
  try {
    const ahead = await readAhead(share, () => go).catch(() => undefined);
    if (!go) await new Promise<void>((resolve) => (wake = resolve));
    parentPort!.postMessage({ ok: true, written: writeArticleShare(share, ahead) });
  } catch (err) {
    parentPort!.postMessage({ ok: false, reason: (err as Error)?.message ?? String(err) });
  }
})();
