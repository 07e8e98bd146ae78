import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { canonicaliseEntities } from '../normalise/canonical.js';
import type { FactStore } from '../store/fact-store.js';
import { renderDoc } from '../store/render.js';
import { ArticleFiles, CheckpointTurn, type ArticleShare } from './article-files.js';
import type { FactsDoc } from '../types.js';
import { VIEW_NAMES, ViewScratch, writeViews } from '../views/index.js';

/**
 * Rebuilds the corpus-wide entity ids from every stored article's entities (order-independent, so the
 * in-process and BullMQ runs agree) and saves them in the store. The rows are streamed: only the distinct
 * entities are held, never every article's list.
 */
export function refreshCanonicalIds(store: FactStore): void {
  store.setCanonicalMap(canonicaliseEntities(store.distinctLocalEntities()));
}

/** Every stored article as the user sees it (corpus-wide ids), one at a time. */
export function* renderedDocs(store: FactStore): Generator<FactsDoc> {
  const map = store.canonicalMap();
  for (const raw of store.rawDocs()) yield renderDoc(raw, map);
}

const publishedKey = (outDir: string) => `published:${resolve(outDir)}`;

async function countJson(dir: string): Promise<number> {
  let n = 0;
  try {
    for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.json')) n++;
  } catch { /* no folder: none */ }
  return n;
}

/**
 * True when <out> already holds what the store holds: nothing stored or removed since the last publish to
 * that folder (the store's generation), every view there, and one article file per stored article. An
 * unchanged re-run then skips rendering and writing altogether.
 */
export async function upToDate(store: FactStore, outDir: string): Promise<boolean> {
  if (store.getMeta(publishedKey(outDir)) !== String(store.generation())) return false;
  if (!VIEW_NAMES.every((name) => existsSync(join(outDir, 'views', `${name}.json`)))) return false;
  return (await countJson(join(outDir, 'articles'))) === store.count();
}

/** A publishing thread: it loads as soon as it is started, and writes its share once told to go. */
interface ShareThread {
  /** The files it wrote, once it is done. */
  done: Promise<number>;
  go(): void;
  /** Ends it without its share written (publish failed before it was told to go). */
  stop(): void;
}

function startShare(share: ArticleShare): ShareThread {
  const worker = new Worker(new URL('./publish-thread.js', import.meta.url), { workerData: share });
  let answer: { ok: true; written: number } | { ok: false; reason: string } | undefined;
  const done = new Promise<number>((resolve, reject) => {
    worker.once('message', (m: typeof answer) => (answer = m));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (answer?.ok) resolve(answer.written);
      else reject(new Error(`cannot write the article files: ${answer?.reason ?? `publishing thread exited with code ${code}`}`));
    });
  });
  // A failing share surfaces where publish waits for it, never as an unhandled rejection meanwhile.
  done.catch(() => undefined);
  return { done, go: () => worker.postMessage('go'), stop: () => void worker.terminate() };
}

/**
 * Writes <out>/articles/<id>.json for every stored article and <out>/views/*.json; returns files written.
 * One pass over the stored documents feeds the views: each document's contributions go into a scratch
 * database outside the JS heap, from which the views are then streamed to their files. The article files
 * are written in the same pass or, with `threads` > 0, by that many threads at once, each reading its own
 * share of the store while this thread builds the views: rendering and writing a file per article is about
 * half of publishing. A single publishing thread renders every document, so it also builds timeline.json
 * (the largest view after the entity views, and independent of them) and this thread leaves it out (on two
 * cores, 1,180 articles: this thread's part 450 -> 370 ms, the publishing thread's 390 -> 430 ms). The WAL
 * checkpoint (~150 ms) goes to whichever of them is done first (CheckpointTurn), not always to the publishing
 * thread, last. Without threads (one core, or an in-memory store) this thread writes everything.
 * With `canonicalise`, the corpus-wide ids are worked out first (refreshCanonicalIds), while the publishing
 * threads load and read their first documents ahead.
 */
export async function publish(store: FactStore, outDir: string, { threads = 0, canonicalise = false }: { threads?: number; canonicalise?: boolean } = {}): Promise<number> {
  const parts = store.file === ':memory:' ? 0 : threads;
  const timelineThere = parts === 1;
  const scratch = new ViewScratch('', { timeline: !timelineThere });
  const articles = parts > 0 ? null : new ArticleFiles();
  // The store's WAL is checkpointed by whichever writer is done first: a publishing thread, or this one.
  const turn = new CheckpointTurn();
  const shares = Array.from({ length: parts }, (_, part) => startShare({ storeFile: store.file, outDir, part, parts, timeline: timelineThere, checkpoint: turn.memory }));
  let going = false;
  let views = 0;
  let written = 0;
  try {
    if (canonicalise) refreshCanonicalIds(store);
    for (const s of shares) s.go();
    going = true;
    for (const doc of renderedDocs(store)) {
      articles?.writeJson(join(outDir, 'articles', `${doc.article.id}.json`), doc);
      scratch.add(doc);
    }
    views = writeViews(scratch, join(outDir, 'views'));
    if (parts > 0 && turn.take()) store.walCheckpoint();
    written = articles?.written ?? 0;
    for (const n of await Promise.all(shares.map((s) => s.done))) written += n;
  } finally {
    scratch.close();
    if (!going) for (const s of shares) s.stop();
    await Promise.allSettled(shares.map((s) => s.done));
  }
  store.setMeta(publishedKey(outDir), String(store.generation()));
  return written + views;
}
