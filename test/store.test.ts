import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Checkpointer } from '../src/runner/checkpointer.js';
import { FactStore } from '../src/store/fact-store.js';
import { acquireStoreLock, StoreBusyError } from '../src/store/lock.js';
import { renderDoc } from '../src/store/render.js';
import type { FactsDoc } from '../src/types.js';
import { tempDir } from './helpers.js';

function doc(id: string, text: string, entities: FactsDoc['entities'] = [], money: FactsDoc['money'] = []): FactsDoc {
  return {
    schema: 'facts/v1',
    article: { id, source: `corpus/${id}.txt`, sha256: 'a'.repeat(64), format: 'text', title: null, published: null, reference_date: null, reference_source: 'none', text },
    entities, money, dates: [], percents: [], facts: [],
  };
}

test('the store keeps one version of an article, replaced whole, in a real SQLite file', () => {
  const t = tempDir();
  try {
    const file = join(t.dir, 'nested', 'facts.sqlite');
    const store = FactStore.open(file);
    const csc = { id: 'organisation/csc', type: 'organisation' as const, name: 'CSC', aliases: [], mentions: [{ start: 0, end: 3, text: 'CSC' }] };
    store.put(doc('a', 'CSC won £3.1bn.', [csc], [{ start: 8, end: 14, text: '£3.1bn', amount: 3.1e9, currency: 'GBP', approximate: false }]), [], { size: 16, mtimeMs: 1 }, 1000);
    store.put(doc('a', 'CSC won £3bn.', [csc], [{ start: 8, end: 12, text: '£3bn', amount: 3e9, currency: 'GBP', approximate: false }]), [], { size: 14, mtimeMs: 2 }, 2000);
    assert.equal(store.count(), 1);
    assert.deepEqual(store.stamp('a'), { sha256: 'a'.repeat(64), size: 14, mtimeMs: 2 });
    assert.equal(store.rawDoc('a')!.article.text, 'CSC won £3bn.');
    store.close();
    assert.ok(existsSync(file));
    const db = new Database(file, { readonly: true });
    assert.deepEqual(db.prepare('SELECT article_id, text, amount, currency FROM money').all(), [{ article_id: 'a', text: '£3bn', amount: 3e9, currency: 'GBP' }]);
    assert.deepEqual(db.prepare('SELECT article_id, local_id, start, "end", text FROM mentions').all(), [{ article_id: 'a', local_id: 'organisation/csc', start: 0, end: 3, text: 'CSC' }]);
    db.close();
  } finally {
    t.cleanup();
  }
});

test('the checkpointing thread copies the WAL into the database file while the store stays open', async () => {
  const t = tempDir();
  try {
    const file = join(t.dir, 'facts.sqlite');
    const store = FactStore.open(file);
    const text = 'CSC won £3.1bn. '.repeat(2000);
    store.begin();
    for (let i = 0; i < 50; i++) store.put(doc(`a${i}`, text), [], { size: text.length, mtimeMs: i }, 1000);
    store.commit();
    const before = statSync(file).size;
    assert.ok(statSync(`${file}-wal`).size > 1_000_000, 'the batch is in the WAL');
    const checkpointer = new Checkpointer(file);
    checkpointer.request();
    await checkpointer.close();
    // 50 articles of 32 KB each now in the database file itself, with the store still open.
    assert.ok(statSync(file).size > before + 1_500_000, `database file ${before} -> ${statSync(file).size} bytes`);
    assert.equal(store.count(), 50);
    store.close();
    // Nothing asked for: no thread started, closing at once.
    await new Checkpointer(file).close();
  } finally {
    t.cleanup();
  }
});

test('a failing write leaves the previous version of the article intact (one transaction per article)', () => {
  const t = tempDir();
  try {
    const store = FactStore.open(join(t.dir, 'facts.sqlite'));
    store.put(doc('a', 'first'), [], { size: 5, mtimeMs: 1 }, 1);
    const broken = doc('a', 'second');
    // A mention row without its text violates NOT NULL half-way through the article's rows.
    broken.entities = [{ id: 'person/x', type: 'person', name: 'X', aliases: [], mentions: [{ start: 0, end: 1, text: null as unknown as string }] }];
    assert.throws(() => store.put(broken, [], { size: 6, mtimeMs: 2 }, 2));
    assert.equal(store.rawDoc('a')!.article.text, 'first');
    assert.equal(store.stamp('a')!.size, 5);
    store.close();
  } finally {
    t.cleanup();
  }
});

test('canonical ids from the store rename and merge entities in the rendered document', () => {
  const raw = doc('a', 'CSC and Computer Sciences Corporation', [
    { id: 'organisation/csc', type: 'organisation', name: 'CSC', aliases: [], mentions: [{ start: 0, end: 3, text: 'CSC' }] },
    { id: 'organisation/computer-sciences-corporation', type: 'organisation', name: 'Computer Sciences Corporation', aliases: [], mentions: [{ start: 8, end: 37, text: 'Computer Sciences Corporation' }] },
  ]);
  const map = new Map([
    ['organisation/csc', { id: 'organisation/computer-sciences-corporation', name: 'Computer Sciences Corporation' }],
    ['organisation/computer-sciences-corporation', { id: 'organisation/computer-sciences-corporation', name: 'Computer Sciences Corporation' }],
  ]);
  const out = renderDoc(raw, map);
  assert.equal(out.entities.length, 1);
  assert.deepEqual(out.entities[0], {
    id: 'organisation/computer-sciences-corporation', type: 'organisation', name: 'Computer Sciences Corporation', aliases: ['CSC'],
    mentions: [{ start: 0, end: 3, text: 'CSC' }, { start: 8, end: 37, text: 'Computer Sciences Corporation' }],
  });
});

test('the store pools each local id as a stream of its rows would: first name in article order, aliases in order of first occurrence', () => {
  const t = tempDir();
  try {
    const store = FactStore.open(join(t.dir, 'facts.sqlite'));
    const ent = (id: string, name: string, aliases: string[]) => ({ id, type: 'organisation' as const, name, aliases, mentions: [] });
    // Stored out of article order; the same local id under another spelling of its name, aliases in other orders.
    store.put(doc('c', 'x', [ent('organisation/nhs-cfh', 'NHS CfH', ['CFH', 'Connecting for Health']), ent('organisation/bt', 'BT', [])]), [], { size: 1, mtimeMs: 1 }, 1);
    store.put(doc('a', 'x', [ent('organisation/nhs-cfh', 'NHS CFH', ['Connecting for Health', 'NPfIT']), ent('organisation/csc', 'CSC', ['Computer Sciences'])]), [], { size: 1, mtimeMs: 1 }, 1);
    store.put(doc('b', 'x', [ent('organisation/nhs-cfh', 'NHS Cfh', ['NPfIT', 'CFH', 'Spine']), ent('organisation/csc', 'CSC', [])]), [], { size: 1, mtimeMs: 1 }, 1);
    const pooled = new Map<string, { name: string; aliases: Set<string> }>();
    for (const r of store.localEntityRows()) {
      const p = pooled.get(r.id) ?? { name: r.name, aliases: new Set<string>() };
      pooled.set(r.id, p);
      for (const a of r.aliases) p.aliases.add(a);
    }
    const distinct = [...store.distinctLocalEntities()];
    assert.deepEqual(distinct.map((e) => [e.id, e.name, e.aliases]), [...pooled].map(([id, p]) => [id, p.name, [...p.aliases]]).sort((x, y) => (x[0] < y[0] ? -1 : 1)));
    assert.deepEqual(distinct.find((e) => e.id === 'organisation/nhs-cfh'), { id: 'organisation/nhs-cfh', type: 'organisation', name: 'NHS CFH', aliases: ['Connecting for Health', 'NPfIT', 'CFH', 'Spine'] });
    store.close();
  } finally {
    t.cleanup();
  }
});

test('a second writer on the same store is refused clearly; a lock left by a dead process is taken over', async () => {
  const t = tempDir();
  const other = spawn('sleep', ['30']);
  try {
    const file = join(t.dir, 'facts.sqlite');
    writeFileSync(`${file}.lock`, String(other.pid));
    assert.throws(() => acquireStoreLock(file), (err: unknown) => err instanceof StoreBusyError
      && (err as Error).message === `the store ${file} is in use by another extract (pid ${other.pid}); wait for it to finish, or give this run its own --store`);
    writeFileSync(`${file}.lock`, '2147483646');
    const release = acquireStoreLock(file);
    assert.equal(readFileSync(`${file}.lock`, 'utf8'), String(process.pid));
    release();
    assert.ok(!existsSync(`${file}.lock`));
  } finally {
    other.kill();
    t.cleanup();
  }
});
