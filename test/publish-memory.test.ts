import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FactStore } from '../src/store/fact-store.js';
import type { Entity, EntityType, FactsDoc } from '../src/types.js';
import { DIST, tempDir } from './helpers.js';

// Publishing streams the corpus: the views are aggregated in a scratch database and written entry by entry,
// so the JS heap holds the vocabulary and one entry at a time, never every occurrence. A store of synthetic
// articles with many mentions (480,000 occurrences, 2,000 articles over 300 entities) is published in a
// child process whose heap is capped at 48 MB: holding every occurrence and each view as one string, as
// publish once did, needs between 128 and 160 MB for it (it ran out of heap at 128 MB); the streaming
// publish runs in 16 MB.
const DOCS = 2000;
const ENTITIES_PER_DOC = 30;
const MENTIONS_PER_ENTITY = 8;
const VOCABULARY = 300;
const HEAP_MB = 48;

const TYPES: EntityType[] = ['organisation', 'person', 'product'];

function syntheticDoc(d: number): FactsDoc {
  const id = `synthetic/${String(d).padStart(5, '0')}`;
  const entities: Entity[] = [];
  for (let j = 0; j < ENTITIES_PER_DOC; j++) {
    const v = (d * 7 + j * 13) % VOCABULARY;
    const type = TYPES[v % 3]!;
    const name = `${type === 'person' ? 'Person' : type === 'product' ? 'Product' : 'Company'} Number ${v}`;
    entities.push({ id: `${type}/${name.toLowerCase().replace(/ /g, '-')}`, type, name, aliases: [`PN${v}`], mentions: [] });
  }
  let text = '';
  for (let k = 0; k < MENTIONS_PER_ENTITY; k++) {
    for (const e of entities) {
      e.mentions.push({ start: text.length, end: text.length + e.name.length, text: e.name });
      text += `${e.name} said so. `;
    }
  }
  const at = text.length;
  text += '£5m in 2011.';
  return {
    schema: 'facts/v1',
    article: { id, source: `corpus/${id}.txt`, sha256: 'a'.repeat(64), format: 'text', title: null, published: null, reference_date: null, reference_source: 'none', text },
    entities,
    money: [{ start: at, end: at + 3, text: '£5m', amount: 5e6 + d, currency: 'GBP', approximate: false }],
    dates: [{ start: at + 7, end: at + 11, text: '2011', value: '2011', grain: 'year', relative: false }],
    percents: [],
    facts: [],
  };
}

function runPublish(store: string, out: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const url = (p: string) => JSON.stringify(pathToFileURL(join(DIST, p)).href);
  const script = `
    const { FactStore } = await import(${url('src/store/fact-store.js')});
    const { publish, refreshCanonicalIds } = await import(${url('src/runner/publish.js')});
    const store = FactStore.open(${JSON.stringify(store)});
    refreshCanonicalIds(store);
    const written = await publish(store, ${JSON.stringify(out)});
    store.close();
    process.stderr.write('written ' + written + '\\n');`;
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

test(`publish of ${DOCS * ENTITIES_PER_DOC * MENTIONS_PER_ENTITY} occurrences runs in a ${HEAP_MB} MB heap and writes complete views`, async () => {
  const t = tempDir('newsfacts-publish-memory-');
  try {
    const file = join(t.dir, 'facts.sqlite');
    const store = FactStore.open(file);
    const expected = { organisation: new Set<string>(), person: new Set<string>(), product: new Set<string>() } as Record<EntityType, Set<string>>;
    store.begin();
    for (let d = 0; d < DOCS; d++) {
      const doc = syntheticDoc(d);
      for (const e of doc.entities) expected[e.type].add(e.id);
      store.put(doc, [], { size: doc.article.text.length, mtimeMs: 0 }, 0);
      if (d % 250 === 249) { store.commit(); store.begin(); }
    }
    store.commit();
    assert.equal(store.count(), DOCS);
    store.close();

    const out = join(t.dir, 'out');
    const r = await runPublish(file, out);
    assert.equal(r.code, 0, `publish failed (signal ${r.signal}): ${r.stderr.slice(-2000)}`);
    assert.match(r.stderr, new RegExp(`^written ${DOCS + 5}$`, 'm'));
    assert.equal(readdirSync(join(out, 'articles', 'synthetic')).length, DOCS);

    const view = (name: string) => JSON.parse(readFileSync(join(out, 'views', `${name}.json`), 'utf8')) as { id: string; mentions: number; articles: string[]; occurrences: unknown[] }[];
    let occurrences = 0;
    for (const [name, type] of [['organisations', 'organisation'], ['people', 'person'], ['products', 'product']] as const) {
      const entries = view(name);
      assert.deepEqual(entries.map((e) => e.id).sort(), [...expected[type]].sort(), name);
      for (const e of entries) {
        assert.equal(e.occurrences.length, e.mentions, e.id);
        assert.equal(e.articles.length * MENTIONS_PER_ENTITY, e.mentions, e.id);
        occurrences += e.mentions;
      }
      // Most articles first.
      for (let i = 1; i < entries.length; i++) assert.ok(entries[i - 1]!.articles.length >= entries[i]!.articles.length, name);
    }
    assert.equal(occurrences, DOCS * ENTITIES_PER_DOC * MENTIONS_PER_ENTITY);
    const money = view('money') as unknown as { amount: number }[];
    assert.equal(money.length, DOCS);
    assert.equal(money[0]!.amount, 5e6 + DOCS - 1, 'largest amount first');
    assert.equal(view('timeline').length, DOCS);
  } finally {
    t.cleanup();
  }
});
