import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, runCli, summaryOf, tempDir } from './helpers.js';

const SEED_IDS = readdirSync(join(FIXTURES, 'seeds')).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();

function makeCorpus(dir: string): string {
  const corpus = join(dir, 'corpus');
  mkdirSync(join(corpus, '2011'), { recursive: true });
  cpSync(join(FIXTURES, 'seeds'), corpus, { recursive: true });
  writeFileSync(join(corpus, '2011', 'csc-deal.md'), [
    '---',
    'title: CSC deal stalls',
    'date: 2011-05-10',
    '---',
    '# CSC deal stalls',
    '',
    'The Department of Health said on Monday that a **£3.1bn** deal with Computer Sciences Corporation (CSC) had stalled.',
    '',
  ].join('\n'));
  writeFileSync(join(corpus, 'wire.json'), JSON.stringify({
    title: 'Fujitsu fined',
    publishedAt: '2019-03-04T09:00:00Z',
    body: 'Fujitsu was fined $4.5 million last week, about 10 per cent of its profit.',
  }));
  return corpus;
}

test('extract on a fresh corpus writes every article and view, prints nothing on stdout, and counts right', async () => {
  const t = tempDir();
  try {
    const corpus = makeCorpus(t.dir);
    const out = join(t.dir, 'out');
    const store = join(t.dir, 'facts.sqlite');
    const r = await runCli('src/cli/extract.js', ['--corpus', corpus, '--out', out, '--store', store]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(summaryOf(r.stderr), 'extract: 7 processed, 0 unchanged, 0 failed');
    for (const id of [...SEED_IDS, '2011/csc-deal', 'wire']) {
      const doc = JSON.parse(readFileSync(join(out, 'articles', `${id}.json`), 'utf8'));
      assert.equal(doc.schema, 'facts/v1');
      assert.equal(doc.article.id, id);
      for (const list of [doc.money, doc.dates, doc.percents, ...doc.entities.map((e: { mentions: unknown[] }) => e.mentions)]) {
        for (const m of list as { start: number; end: number; text: string }[]) assert.equal(doc.article.text.slice(m.start, m.end), m.text);
      }
    }
    for (const v of ['organisations', 'people', 'products', 'money', 'timeline']) {
      assert.ok(Array.isArray(JSON.parse(readFileSync(join(out, 'views', `${v}.json`), 'utf8'))), v);
    }
    const md = JSON.parse(readFileSync(join(out, 'articles', '2011', 'csc-deal.json'), 'utf8'));
    assert.equal(md.article.format, 'markdown');
    assert.equal(md.article.title, 'CSC deal stalls');
    assert.equal(md.article.published, '2011-05-10');
    assert.equal(md.article.reference_source, 'published');
    assert.deepEqual(md.money.map((m: { amount: number; currency: string }) => [m.amount, m.currency]), [[3100000000, 'GBP']]);
    const json = JSON.parse(readFileSync(join(out, 'articles', 'wire.json'), 'utf8'));
    assert.equal(json.article.format, 'json');
    assert.equal(json.article.published, '2019-03-04');
    assert.deepEqual(json.money.map((m: { amount: number; currency: string; approximate: boolean }) => [m.amount, m.currency]), [[4500000, 'USD']]);
    assert.deepEqual(json.percents.map((p: { value: number }) => p.value), [10]);

    // Second run: nothing changed, nothing redone, output byte-identical.
    const before = readFileSync(join(out, 'articles', `${SEED_IDS[0]}.json`));
    const again = await runCli('src/cli/extract.js', ['--corpus', corpus, '--out', out, '--store', store]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(summaryOf(again.stderr), 'extract: 0 processed, 7 unchanged, 0 failed');
    assert.deepEqual(readFileSync(join(out, 'articles', `${SEED_IDS[0]}.json`)), before);

    // A changed file and a new file: only those are processed.
    writeFileSync(join(corpus, 'wire.json'), JSON.stringify({ title: 'Fujitsu fined', date: '2019-03-04', text: 'Fujitsu was fined €30m.' }));
    writeFileSync(join(corpus, 'new.txt'), 'BT signed a £996m deal with NHS London in 2003.\n');
    const third = await runCli('src/cli/extract.js', ['--corpus', corpus, '--out', out, '--store', store]);
    assert.equal(third.code, 0, third.stderr);
    assert.equal(summaryOf(third.stderr), 'extract: 2 processed, 6 unchanged, 0 failed');
    const changed = JSON.parse(readFileSync(join(out, 'articles', 'wire.json'), 'utf8'));
    assert.deepEqual(changed.money.map((m: { amount: number; currency: string }) => [m.amount, m.currency]), [[30000000, 'EUR']]);
    assert.ok(existsSync(join(out, 'articles', 'new.json')));
  } finally {
    t.cleanup();
  }
});

test('bad files are named with their reason, the rest are stored, and the exit code is 1', async () => {
  const t = tempDir();
  try {
    const corpus = join(t.dir, 'corpus');
    mkdirSync(corpus);
    writeFileSync(join(corpus, 'good.txt'), 'Atos won a £12m contract in April 2020.\n');
    writeFileSync(join(corpus, 'empty.txt'), '');
    writeFileSync(join(corpus, 'broken.json'), '{"title": "x", "text": ');
    writeFileSync(join(corpus, 'notext.json'), JSON.stringify({ title: 'x', text: 42 }));
    writeFileSync(join(corpus, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0]));
    const out = join(t.dir, 'out');
    const r = await runCli('src/cli/extract.js', ['--corpus', corpus, '--out', out, '--store', join(t.dir, 's.sqlite')]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(summaryOf(r.stderr), 'extract: 1 processed, 0 unchanged, 4 failed');
    assert.match(r.stderr, /failed: .*empty\.txt: empty file/);
    assert.match(r.stderr, /failed: .*broken\.json: not valid JSON/);
    assert.match(r.stderr, /failed: .*notext\.json: field "text" must be a string, got a number/);
    assert.match(r.stderr, /failed: .*image\.txt: binary content/);
    assert.ok(existsSync(join(out, 'articles', 'good.json')));
  } finally {
    t.cleanup();
  }
});

test('usage errors exit 2 with a message naming the option; --help prints usage on stdout', async () => {
  const bad = await runCli('src/cli/extract.js', ['--concurrency', '0']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /Expected `--concurrency` to be a positive integer, got `0`/);
  const unknown = await runCli('src/cli/extract.js', ['--nope']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--nope/);
  const missing = await runCli('src/cli/extract.js', ['--corpus', '/nonexistent/newsfacts']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /corpus folder \/nonexistent\/newsfacts cannot be read/);
  for (const script of ['src/cli/extract.js', 'src/cli/facts.js', 'src/cli/eval.js', 'workers/worker.js']) {
    const help = await runCli(script, ['--help']);
    assert.equal(help.code, 0, script);
    assert.match(help.stdout, /^usage: /, script);
  }
});

test('facts prints one article as pure JSON, refuses unknown ids and path traversal', async () => {
  const t = tempDir();
  try {
    const corpus = join(t.dir, 'corpus');
    mkdirSync(join(corpus, 'dir with space'), { recursive: true });
    const odd = 'dir with space/Zürich "quoted" café';
    writeFileSync(join(corpus, `${odd}.txt`), 'Siemens paid €30m to the city of Zürich in March 2011.\n');
    const store = join(t.dir, 's.sqlite');
    const r = await runCli('src/cli/extract.js', ['--corpus', corpus, '--out', join(t.dir, 'out'), '--store', store]);
    assert.equal(r.code, 0, r.stderr);
    const f = await runCli('src/cli/facts.js', [odd, '--store', store]);
    assert.equal(f.code, 0, f.stderr);
    const doc = JSON.parse(f.stdout);
    assert.equal(doc.article.id, odd);
    assert.deepEqual(doc.money.map((m: { amount: number; currency: string }) => [m.amount, m.currency]), [[30000000, 'EUR']]);
    assert.deepEqual(JSON.parse(readFileSync(join(t.dir, 'out', 'articles', `${odd}.json`), 'utf8')), doc);
    for (const id of ['../../etc/passwd', '/etc/passwd', 'a/../b', 'nope']) {
      const x = await runCli('src/cli/facts.js', [id, '--store', store]);
      assert.equal(x.code, 1, id);
      assert.equal(x.stdout, '', id);
      assert.match(x.stderr, /not an article id|no article/, id);
    }
  } finally {
    t.cleanup();
  }
});
