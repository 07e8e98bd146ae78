import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { canonicalise } from '../normalise/canonical.js';
import type { FactStore } from '../store/fact-store.js';
import { renderDoc, toJson } from '../store/render.js';
import type { FactsDoc } from '../types.js';
import { VIEW_NAMES, ViewsBuilder } from '../views/index.js';

/**
 * Rebuilds the corpus-wide entity ids from every stored article's entities (order-independent, so the
 * in-process and BullMQ runs agree) and saves them in the store.
 */
export function refreshCanonicalIds(store: FactStore): void {
  const byArticle = new Map<string, { articleId: string; entities: FactsDoc['entities'] }>();
  for (const row of store.localEntities()) {
    let a = byArticle.get(row.articleId);
    if (!a) byArticle.set(row.articleId, (a = { articleId: row.articleId, entities: [] }));
    a.entities.push(row.entity);
  }
  store.setCanonicalMap(canonicalise([...byArticle.values()]));
}

/** Every stored article as the user sees it (corpus-wide ids), one at a time. */
export function* renderedDocs(store: FactStore): Generator<FactsDoc> {
  const map = store.canonicalMap();
  for (const raw of store.rawDocs()) yield renderDoc(raw, map);
}

async function writeIfChanged(file: string, content: string): Promise<boolean> {
  try {
    if ((await readFile(file, 'utf8')) === content) return false;
  } catch { /* missing: write it */ }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
  return true;
}

// Files written at once: enough to keep the disk busy while the next article is rendered.
const WRITES_IN_FLIGHT = 32;

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

/** Writes <out>/articles/<id>.json for every stored article and <out>/views/*.json; returns files written. */
export async function publish(store: FactStore, outDir: string): Promise<number> {
  let written = 0;
  const pending = new Set<Promise<void>>();
  const write = async (file: string, content: string) => {
    while (pending.size >= WRITES_IN_FLIGHT) await Promise.race(pending);
    const p: Promise<void> = writeIfChanged(file, content).then((changed) => { if (changed) written++; }).finally(() => pending.delete(p));
    pending.add(p);
  };
  const views = new ViewsBuilder();
  // The store's row iterator stays open across these awaits: nothing else uses the connection meanwhile.
  for (const doc of renderedDocs(store)) {
    await write(join(outDir, 'articles', `${doc.article.id}.json`), toJson(doc));
    views.add(doc);
  }
  const built = views.build();
  for (const name of VIEW_NAMES) await write(join(outDir, 'views', `${name}.json`), toJson(built[name]));
  await Promise.all(pending);
  store.setMeta(publishedKey(outDir), String(store.generation()));
  return written;
}
