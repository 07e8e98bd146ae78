import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processArticle } from '../src/pipeline.js';
import { readAhead, writeArticleShare } from '../src/runner/article-files.js';
import { publish, refreshCanonicalIds, renderedDocs } from '../src/runner/publish.js';
import { FactStore } from '../src/store/fact-store.js';
import { toJson } from '../src/store/render.js';
import type { FactsDoc } from '../src/types.js';
import { dateKey } from '../src/views/date-key.js';
import { buildViews, VIEW_NAMES, ViewsBuilder, ViewScratch, writeViews } from '../src/views/index.js';
import { personRoles } from '../src/views/roles.js';
import { FIXTURES } from './helpers.js';

// Golden files per view, built from the seed corpus through the real store (SQLite in memory) the way
// `npm run extract` publishes them. Rewrite on purpose with UPDATE_GOLDEN=1 and review the diff.
const GOLDEN = join(FIXTURES, 'golden', 'views');

function seedViews(): { views: Record<string, unknown>; docs: FactsDoc[]; raw: FactsDoc[] } {
  const dir = join(FIXTURES, 'seeds');
  const store = FactStore.open(':memory:');
  const raw: FactsDoc[] = [];
  try {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
      const bytes = readFileSync(join(dir, f));
      const { doc, warnings } = processArticle({ bytes, relPath: f, source: `corpus/${f}` });
      store.put(doc, warnings, { size: bytes.length, mtimeMs: 0 }, 0);
      raw.push(doc);
    }
    refreshCanonicalIds(store);
    const b = new ViewsBuilder();
    const docs = [...renderedDocs(store)];
    for (const d of docs) b.add(d);
    return { views: b.build(), docs, raw };
  } finally {
    store.close();
  }
}

const built = seedViews();

for (const name of VIEW_NAMES) {
  test(`golden view: ${name}.json on the seed corpus`, () => {
    const file = join(GOLDEN, `${name}.json`);
    const actual = toJson(built.views[name]);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, actual);
    }
    assert.equal(actual, readFileSync(file, 'utf8'), `${name}.json differs from ${file} (UPDATE_GOLDEN=1 rewrites it)`);
  });
}

test('publish writes the same view files, entry by entry, and rewrites none when nothing changed', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'newsfacts-views-'));
  const store = FactStore.open(':memory:');
  try {
    for (const d of built.raw) store.put(d, [], { size: 0, mtimeMs: 0 }, 0);
    refreshCanonicalIds(store);
    const out = join(dir, 'out');
    assert.equal(await publish(store, out), built.docs.length + VIEW_NAMES.length);
    for (const name of VIEW_NAMES) {
      assert.equal(readFileSync(join(out, 'views', `${name}.json`), 'utf8'), readFileSync(join(GOLDEN, `${name}.json`), 'utf8'), name);
    }
    assert.equal(await publish(store, out), 0);
    assert.deepEqual(readdirSync(join(out, 'views')).sort(), VIEW_NAMES.map((n) => `${n}.json`).sort(), 'no temporary file left');
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A fact store in a real SQLite file in a folder of its own, removed with it by `cleanup`. */
async function fileStore(prefix: string) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = FactStore.open(join(dir, 'facts.sqlite'));
  return { dir, store, cleanup: () => { store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

test('a publishing thread reads documents ahead, then writes each article once, with the ids stored after that', async () => {
  const { dir, store, cleanup } = await fileStore('newsfacts-ahead-');
  try {
    // First (so among the documents read ahead) an article naming NIS alone, which another article defines
    // as Northgate Information Solutions: its file carries that company's corpus-wide id, not its own "nis".
    const nis = processArticle({ bytes: Buffer.from('NIS said on Monday that the rollout would finish in 2014. A spokesman for NIS declined to comment.'), relPath: 'nis.txt', source: 'nis.txt' }).doc;
    const northgate = processArticle({ bytes: Buffer.from('Hospital trusts hired Northgate Information Solutions (NIS) to run the system, a contract worth £10m.'), relPath: 'northgate.txt', source: 'northgate.txt' }).doc;
    assert.deepEqual(nis.entities.map((e) => e.id), ['organisation/nis']);
    for (const d of [nis, northgate, ...built.raw]) store.put(d, [], { size: 0, mtimeMs: 0 }, 0);
    for (const d of built.raw) store.put({ ...d, article: { ...d.article, id: `copy/${d.article.id}` } }, [], { size: 0, mtimeMs: 0 }, 0);
    const total = 2 + 2 * built.raw.length;
    const share = { storeFile: store.file, outDir: join(dir, 'ahead'), part: 0, parts: 1 };
    // Told to go after a few documents: it stops there (between two steps of four).
    let asked = 0;
    const ahead = await readAhead(share, () => ++asked > 1);
    assert.equal(ahead.docs.length, 4);
    assert.ok(ahead.after > 0);
    // The corpus-wide ids are stored only now, after the read-ahead: the files must carry them.
    refreshCanonicalIds(store);
    assert.equal(writeArticleShare(share, ahead), total);
    const inline = join(dir, 'inline');
    await publish(store, inline);
    const list = (root: string) => readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length)).sort();
    assert.equal(list(join(dir, 'ahead', 'articles')).length, total);
    assert.deepEqual(list(join(dir, 'ahead', 'articles')), list(join(inline, 'articles')));
    for (const f of list(join(inline, 'articles'))) assert.equal(readFileSync(join(dir, 'ahead', 'articles', f), 'utf8'), readFileSync(join(inline, 'articles', f), 'utf8'), f);
    const nisFile = JSON.parse(readFileSync(join(dir, 'ahead', 'articles', 'nis.json'), 'utf8')) as FactsDoc;
    assert.deepEqual(nisFile.entities.map((e) => e.id), ['organisation/northgate-information-solutions']);
    // Told to go before it starts: nothing is read ahead.
    assert.deepEqual(await readAhead(share, () => true), { docs: [], after: 0 });
  } finally {
    cleanup();
  }
});

test('publishing threads write the same article files as the main pass, share by share, in a real SQLite file', async () => {
  const { dir, store, cleanup } = await fileStore('newsfacts-views-');
  try {
    for (const d of built.raw) store.put(d, [], { size: 0, mtimeMs: 0 }, 0);
    // A second copy of each article under another folder, so the shares cross folders.
    for (const d of built.raw) store.put({ ...d, article: { ...d.article, id: `copy/${d.article.id}` } }, [], { size: 0, mtimeMs: 0 }, 0);
    refreshCanonicalIds(store);
    const inline = join(dir, 'inline');
    const threaded = join(dir, 'threaded');
    const files = 2 * built.docs.length;
    assert.equal(await publish(store, inline), files + VIEW_NAMES.length);
    assert.equal(await publish(store, threaded, { threads: 3 }), files + VIEW_NAMES.length);
    const list = (root: string) => readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length)).sort();
    assert.equal(list(join(threaded, 'articles')).length, files);
    assert.deepEqual(list(threaded), list(inline));
    for (const f of list(inline)) assert.equal(readFileSync(join(threaded, f), 'utf8'), readFileSync(join(inline, f), 'utf8'), f);
    // Nothing changed: the threads compare and rewrite nothing.
    assert.equal(await publish(store, threaded, { threads: 2 }), 0);
    // One publishing thread sees every article: it also writes timeline.json, the same bytes; the ids worked
    // out by publish itself (canonicalise) while it loads.
    const single = join(dir, 'single');
    assert.equal(await publish(store, single, { threads: 1, canonicalise: true }), files + VIEW_NAMES.length);
    assert.deepEqual(list(single), list(inline));
    for (const f of list(inline)) assert.equal(readFileSync(join(single, f), 'utf8'), readFileSync(join(inline, f), 'utf8'), f);
    assert.ok(JSON.parse(readFileSync(join(single, 'views', 'timeline.json'), 'utf8')).length > 0, 'the timeline has entries');
    assert.equal(await publish(store, single, { threads: 1 }), 0);

    // A share that cannot write fails publish with the reason.
    const blocked = join(dir, 'blocked');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'articles'), 'not a folder');
    await assert.rejects(publish(store, blocked, { threads: 2 }), /cannot write the article files: .*(EEXIST|ENOTDIR)/);
    await assert.rejects(publish(store, blocked, { threads: 1 }), /cannot write the article files: .*(EEXIST|ENOTDIR)/);
  } finally {
    cleanup();
  }
});

test('views keep JavaScript string order and any text, in memory and written', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  // JavaScript orders strings by UTF-16 code units, SQLite by code points: they differ where a character
  // above U+FFFF ("😀", two surrogates) meets one in U+E000..U+FFFF ("！").
  const ids = ['b/x', 'a/😀', 'a/！', 'a/z'];
  const doc = (id: string, i: number): FactsDoc => {
    const text = `Acme \ud800 and Acme said ${i}.`;
    return {
      schema: 'facts/v1',
      article: { id, source: id, sha256: '0'.repeat(64), format: 'text', title: null, published: null, reference_date: null, reference_source: 'none', text },
      entities: [{ id: 'organisation/acme', type: 'organisation', name: 'Acme', aliases: ['Acme \ud800'], mentions: [{ start: 11, end: 15, text: 'Acme' }, { start: 0, end: 6, text: 'Acme \ud800' }] }],
      money: [{ start: 0, end: 4, text: '!', amount: 1, currency: i % 2 ? '😀' : '！', approximate: false }],
      dates: [{ start: 0, end: 4, text: 'x', value: i % 2 ? '2011-😀' : '2011-！', grain: 'year', relative: false }],
      percents: [], facts: [],
    };
  };
  const docs = ids.map(doc);
  const views = buildViews(docs);
  const acme = views.organisations[0] as { aliases: string[]; articles: string[]; occurrences: { article: string; start: number; text: string }[] };
  assert.deepEqual(acme.articles, [...ids].sort());
  assert.deepEqual(acme.aliases, ['Acme \ud800']);
  assert.deepEqual(acme.occurrences.slice(0, 2).map((o) => [o.start, o.text]), [[0, 'Acme \ud800'], [11, 'Acme']]);
  assert.deepEqual((views.money as { currency: string }[]).map((m) => m.currency), ['😀', '😀', '！', '！']);
  assert.deepEqual((views.timeline as { value: string }[]).map((m) => m.value), ['2011-😀', '2011-😀', '2011-！', '2011-！']);
  const dir = mkdtempSync(join(tmpdir(), 'newsfacts-views-'));
  try {
    const scratch = new ViewScratch();
    try {
      for (const d of docs) scratch.add(d);
      assert.equal(writeViews(scratch, dir), VIEW_NAMES.length);
    } finally {
      scratch.close();
    }
    for (const name of VIEW_NAMES) assert.equal(readFileSync(join(dir, `${name}.json`), 'utf8'), toJson(views[name]), name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

type Org = { id: string; name: string; aliases: string[]; money: { totals: Record<string, Record<string, number>>; facts: { article: string; start: number; end: number; text: string }[] }; products: { id: string; relation: string }[]; people: { id: string; titles: string[] }[]; first_date: { value: string } | null; last_date: { value: string } | null };

test('organisations.json: CSC with its alias, contract value, products and people', () => {
  const orgs = built.views.organisations as Org[];
  const csc = orgs.find((o) => o.id === 'organisation/computer-sciences-corporation')!;
  assert.ok(csc.aliases.includes('CSC'));
  assert.equal(csc.money.totals.contract_value?.GBP, 3.1e9);
  assert.ok(csc.products.some((p) => p.id === 'product/lorenzo'));
  assert.deepEqual(csc.people.find((p) => p.id === 'person/guy-hains')?.titles, ['president of healthcare']);
  const bt = orgs.find((o) => o.id === 'organisation/bt')!;
  assert.equal(bt.money.totals.cut?.GBP, 112e6);
  assert.equal(bt.money.totals.contract_value?.GBP, 996e6 + 1.1e9);
  const cqc = orgs.find((o) => o.aliases.includes('CQC'))!;
  assert.equal(cqc.money.totals.budget?.GBP, 12e6);
  assert.ok(cqc.first_date && cqc.last_date && dateKey(cqc.first_date.value) <= dateKey(cqc.last_date.value));
});

test('every view entry traces to its article text', () => {
  const docs = new Map(built.docs.map((d) => [d.article.id, d]));
  const money = built.views.money as { article: string; start: number; end: number; text: string; evidence: { start: number; end: number; text: string } | null }[];
  assert.equal(money.length, built.docs.reduce((n, d) => n + d.money.length, 0));
  for (const m of money) {
    const text = docs.get(m.article)!.article.text;
    assert.equal(text.slice(m.start, m.end), m.text);
    assert.ok(m.evidence && text.slice(m.evidence.start, m.evidence.end) === m.evidence.text);
  }
  const timeline = built.views.timeline as { value: string; article: string; start: number; end: number; text: string }[];
  for (let i = 1; i < timeline.length; i++) assert.ok(dateKey(timeline[i - 1]!.value) <= dateKey(timeline[i]!.value), 'timeline in calendar order');
  for (const t of timeline) assert.equal(docs.get(t.article)!.article.text.slice(t.start, t.end), t.text);
});

test('products.json: vendor from "X\'s Y" in the text, else from the lexicon', () => {
  const products = built.views.products as { id: string; vendor: { id: string | null; name: string; source: string } | null; organisations: { id: string }[] }[];
  const lorenzo = products.find((p) => p.id === 'product/lorenzo')!;
  assert.ok(lorenzo.vendor && ['organisation/isoft', 'organisation/computer-sciences-corporation'].includes(lorenzo.vendor.id!));
  assert.equal(lorenzo.vendor.source, 'text');
  const rio = products.find((p) => p.id === 'product/rio')!;
  assert.equal(rio.vendor?.name, 'CSE-Servelec');
});

test('people.json: titles before and after the name, with their organisation', () => {
  const people = built.views.people as { id: string; titles: string[]; organisations: string[] }[];
  const get = (id: string) => people.find((p) => p.id === id)!;
  assert.ok(get('person/andrew-lansley').titles.includes('health secretary'));
  assert.ok(get('person/ruth-carnall').titles.includes('chief executive'));
  assert.ok(get('person/ruth-carnall').organisations.includes('organisation/nhs-london'));
  assert.deepEqual(get('person/martin-bellamy').titles, ['head', 'director of programme and systems delivery']);
});

// Role phrases as a table, true and false positives, on a hand-made document.
const ROLE_CASES: [string, string, string | null][] = [
  ['Finance minister Jane Roe said so.', 'Jane Roe', 'Finance minister'],
  ['Acme chief executive Jane Roe said so.', 'Jane Roe', 'chief executive'],
  ['Jane Roe, the director of research at Acme, said so.', 'Jane Roe', 'director of research'],
  ['Last month Jane Roe said so.', 'Jane Roe', null],
  ['President John Doe praised Jane Roe.', 'Jane Roe', null],
  ['Jane Roe, who lives in Leeds, said so.', 'Jane Roe', null],
];

test('people roles: true and false positives', () => {
  for (const [text, person, title] of ROLE_CASES) {
    const ents = [{ id: 'person/x', type: 'person' as const, name: person, aliases: [], mentions: [{ start: text.indexOf(person), end: text.indexOf(person) + person.length, text: person }] }];
    const at = text.indexOf('Acme');
    if (at >= 0) ents.push({ id: 'organisation/acme', type: 'organisation' as never, name: 'Acme', aliases: [], mentions: [{ start: at, end: at + 4, text: 'Acme' }] });
    const doc = { article: { id: 'a', text }, entities: ents } as unknown as FactsDoc;
    const roles = personRoles(doc).filter((r) => r.person === 'person/x');
    assert.deepEqual(roles.map((r) => r.title), title ? [title] : [], text);
  }
});

test('npm run facts -- --org CSC: the entity across the corpus, from a real store file', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { runCli } = await import('./helpers.js');
  const dir = mkdtempSync(join(tmpdir(), 'newsfacts-facts-'));
  try {
    const file = join(dir, 'facts.sqlite');
    const store = FactStore.open(file);
    const seeds = join(FIXTURES, 'seeds');
    for (const f of readdirSync(seeds).filter((x) => x.endsWith('.txt')).sort()) {
      const bytes = readFileSync(join(seeds, f));
      const { doc, warnings } = processArticle({ bytes, relPath: f, source: f });
      store.put(doc, warnings, { size: bytes.length, mtimeMs: 0 }, 0);
    }
    refreshCanonicalIds(store);
    store.close();
    const org = await runCli('src/cli/facts.js', ['--org', 'CSC', '--store', file]);
    assert.equal(org.code, 0, org.stderr);
    const report = JSON.parse(org.stdout) as { entity: { id: string }; summary: { money: { totals: Record<string, Record<string, number>> } }; facts: { kind: string; role?: string; money?: { text: string } }[] };
    assert.equal(report.entity.id, 'organisation/computer-sciences-corporation');
    assert.equal(report.summary.money.totals.contract_value?.GBP, 3.1e9);
    assert.ok(report.facts.some((f) => f.kind === 'money' && f.role === 'contract_value' && f.money?.text === '£3.1bn'));
    const product = JSON.parse((await runCli('src/cli/facts.js', ['--product', 'rio', '--store', file])).stdout) as { summary: { vendor: { name: string } } };
    assert.equal(product.summary.vendor.name, 'CSE-Servelec');
    const person = JSON.parse((await runCli('src/cli/facts.js', ['--person', 'Carnall', '--store', file])).stdout) as { summary: { titles: string[] } };
    assert.ok(person.summary.titles.includes('chief executive'));
    const none = await runCli('src/cli/facts.js', ['--org', 'No Such Company', '--store', file]);
    assert.equal(none.code, 1);
    assert.equal(none.stdout, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
