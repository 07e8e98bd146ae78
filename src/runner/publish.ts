import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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

/** Writes <out>/articles/<id>.json for every stored article and <out>/views/*.json; returns files written. */
export async function publish(store: FactStore, outDir: string): Promise<number> {
  let written = 0;
  const views = new ViewsBuilder();
  for (const doc of renderedDocs(store)) {
    if (await writeIfChanged(join(outDir, 'articles', `${doc.article.id}.json`), toJson(doc))) written++;
    views.add(doc);
  }
  const built = views.build();
  for (const name of VIEW_NAMES) {
    if (await writeIfChanged(join(outDir, 'views', `${name}.json`), toJson(built[name]))) written++;
  }
  return written;
}
