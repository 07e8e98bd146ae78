// Hostile and odd input beside good articles (issue 7): each bad file named with its reason, the good ones
// stored, no hang, bounded memory; ids and paths that try to leave the corpus; SQL always parameterised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { FIXTURES, ROOT, runCli, summaryOf, tempDir } from './helpers.js';
import type { CliResult } from './helpers.js';

const SEED_IDS = readdirSync(join(FIXTURES, 'seeds')).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();

/** Runs extract in-process (no REDIS_URL), with its peak memory and duration. */
function extractMeasured(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<CliResult> {
  return runCli('src/cli/extract.js', args, { env: { REDIS_URL: '', ...env }, timeoutMs });
}

type Doc = { article: { id: string; text: string; format: string }; money: { start: number; end: number; text: string; amount: number; currency: string }[]; dates: { start: number; end: number; text: string }[]; percents: { start: number; end: number; text: string }[]; entities: { mentions: { start: number; end: number; text: string }[] }[] };

function offsetsHold(doc: Doc): void {
  for (const list of [doc.money, doc.dates, doc.percents, ...doc.entities.map((e) => e.mentions)]) {
    for (const m of list) assert.equal(doc.article.text.slice(m.start, m.end), m.text, `${doc.article.id}: ${m.text}`);
  }
}

test('hostile files beside good articles: each bad one named with its reason, the good ones stored, bounded time and memory', async () => {
  const t = tempDir();
  try {
    const corpus = join(t.dir, 'corpus');
    cpSync(join(FIXTURES, 'seeds'), corpus, { recursive: true });
    // 10 MB on one line, no newline anywhere.
    const sentence = 'Atos won a £12m contract in April 2020 and BT said profits rose 5% as Siemens paid €30m. ';
    writeFileSync(join(corpus, 'huge-line.txt'), sentence.repeat(Math.ceil(10 * 1048576 / Buffer.byteLength(sentence))));
    // HTML nested 100,000 deep, with a real paragraph before the nesting.
    writeFileSync(join(corpus, 'deep.html'), '<html><head><title>Deep</title></head><body><article><p>Siemens paid €30m to the city of Zurich in March 2011, the council said on Monday.</p>' +
      '<div>'.repeat(100_000) + 'deep text' + '</div>'.repeat(100_000) + '</article></body></html>');
    writeFileSync(join(corpus, 'text-object.json'), JSON.stringify({ title: 'x', text: { body: 'Atos won' } }));
    writeFileSync(join(corpus, 'text-array.json'), JSON.stringify({ title: 'x', body: ['Atos', 'won'] }));
    // NUL bytes and invalid UTF-8 (a lone 0xFF, a truncated two-byte sequence) in an otherwise good article.
    writeFileSync(join(corpus, 'nul-bytes.txt'), Buffer.concat([Buffer.from('Fujitsu was fined $4.5m in 2019.\u0000\u0000 It said '), Buffer.from([0xff, 0xc3]), Buffer.from(' it would appeal.\n')]));
    // Windows-1252: "£" is the single byte 0xA3.
    writeFileSync(join(corpus, 'cp1252.txt'), Buffer.concat([Buffer.from('The NHS IT deal with CSC was worth '), Buffer.from([0xa3]), Buffer.from('3.1bn, the Department of Health said in May 2011.\n')]));
    writeFileSync(join(corpus, 'zero.txt'), '');
    // Symbolic links out of the corpus: a file and a folder. Neither may be followed.
    symlinkSync('/etc/passwd', join(corpus, 'passwd.txt'));
    mkdirSync(join(t.dir, 'outside'));
    writeFileSync(join(t.dir, 'outside', 'secret.txt'), 'Secret Corp paid £1m in 2011.\n');
    symlinkSync(join(t.dir, 'outside'), join(corpus, 'linked-dir'));
    // A FIFO with an article's name: reading it would block forever.
    assert.equal(spawnSync('mkfifo', [join(corpus, 'pipe.txt')]).status, 0);
    const store = join(t.dir, 's.sqlite');
    const out = join(t.dir, 'out');
    const r = await extractMeasured(['--corpus', corpus, '--out', out, '--store', store, '--concurrency', '2']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    const good = [...SEED_IDS, 'deep', 'nul-bytes', 'cp1252'];
    assert.equal(summaryOf(r.stderr), `extract: ${good.length} processed, 0 unchanged, 4 failed`);
    assert.match(r.stderr, /failed: .*huge-line\.txt: text too long for a news article \(10\.\d M characters; the limit is 2 M\)/);
    assert.match(r.stderr, /failed: .*text-object\.json: field "text" must be a string, got an object/);
    assert.match(r.stderr, /failed: .*text-array\.json: field "body" must be a string, got an array/);
    assert.match(r.stderr, /failed: .*zero\.txt: empty file \(0 bytes\)/);
    assert.match(r.stderr, /skipped .*passwd\.txt: a symbolic link \(not followed\)/);
    assert.match(r.stderr, /skipped .*linked-dir: a symbolic link \(not followed\)/);
    assert.match(r.stderr, /skipped 1 file\(s\) that are not articles .*: pipe\.txt/);
    assert.match(r.stderr, /warning: .*nul-bytes\.txt: ingest:decode: NUL bytes replaced by spaces/);
    assert.match(r.stderr, /warning: .*cp1252\.txt: ingest:decode: not valid UTF-8; read as Windows-1252/);
    const db = new Database(store, { readonly: true });
    const ids = (db.prepare('SELECT id FROM articles ORDER BY id').all() as { id: string }[]).map((x) => x.id);
    db.close();
    assert.deepEqual(ids, [...good].sort());
    const read = (id: string) => JSON.parse(readFileSync(join(out, 'articles', `${id}.json`), 'utf8')) as Doc;
    for (const id of good) offsetsHold(read(id));
    const cp = read('cp1252');
    assert.match(cp.article.text, /worth £3\.1bn/);
    assert.deepEqual(cp.money.map((m) => [m.text, m.amount, m.currency]), [['£3.1bn', 3100000000, 'GBP']]);
    const nul = read('nul-bytes');
    assert.ok(!nul.article.text.includes('\u0000'));
    assert.deepEqual(nul.money.map((m) => [m.amount, m.currency]), [[4500000, 'USD']]);
    const deep = read('deep');
    assert.equal(deep.article.format, 'html');
    assert.match(deep.article.text, /Siemens paid €30m/);
    assert.ok(deep.money.some((m) => m.amount === 30000000 && m.currency === 'EUR'));
    // Nothing from outside the corpus came in, and nothing was written outside out/.
    assert.ok(!readdirSync(join(out, 'articles'), { recursive: true }).some((f) => /passwd|secret/.test(String(f))));
    assert.ok(r.ms < 60_000, `took ${r.ms} ms`);
    assert.ok(r.peakMb < 1200, `peak RSS ${r.peakMb} MB`);
    process.stderr.write(`# hostile corpus: ${r.ms} ms, peak RSS ${r.peakMb} MB\n`);
  } finally {
    t.cleanup();
  }
});

test('an article over its time budget is given up and named; the batch goes on', async () => {
  const t = tempDir();
  try {
    const corpus = join(t.dir, 'corpus');
    cpSync(join(FIXTURES, 'seeds'), corpus, { recursive: true });
    // Budget 1 ms: no article can make it, so every one is given up with the reason, none hangs the batch.
    const r = await extractMeasured(['--corpus', corpus, '--out', join(t.dir, 'out'), '--store', join(t.dir, 's.sqlite'), '--concurrency', '1'], { NEWSFACTS_ARTICLE_TIMEOUT_MS: '1' });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(summaryOf(r.stderr), `extract: 0 processed, 0 unchanged, ${SEED_IDS.length} failed`);
    for (const id of SEED_IDS) assert.match(r.stderr, new RegExp(`failed: .*${id}\\.txt: gave up after 1 ms \\(NEWSFACTS_ARTICLE_TIMEOUT_MS\\)`));
  } finally {
    t.cleanup();
  }
});

test('3000 tiny files: all stored, in bounded time and memory', async () => {
  const t = tempDir();
  try {
    const corpus = join(t.dir, 'corpus');
    const N = 3000;
    for (let d = 0; d < 30; d++) {
      mkdirSync(join(corpus, `d${d}`), { recursive: true });
      for (let i = 0; i < N / 30; i++) writeFileSync(join(corpus, `d${d}`, `n${i}.txt`), `BT paid £${d + 1}.${i}m to Atos in March ${2000 + (i % 20)}.\n`);
    }
    const store = join(t.dir, 's.sqlite');
    const r = await extractMeasured(['--corpus', corpus, '--out', join(t.dir, 'out'), '--store', store, '--concurrency', '2']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(summaryOf(r.stderr), `extract: ${N} processed, 0 unchanged, 0 failed`);
    const db = new Database(store, { readonly: true });
    assert.equal((db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n, N);
    assert.equal((db.prepare("SELECT count(*) AS n FROM money WHERE currency = 'GBP'").get() as { n: number }).n, N);
    db.close();
    assert.equal(readdirSync(join(t.dir, 'out', 'articles', 'd7')).length, N / 30);
    assert.ok(r.ms < 90_000, `took ${r.ms} ms`);
    assert.ok(r.peakMb < 600, `peak RSS ${r.peakMb} MB`);
    const again = await extractMeasured(['--corpus', corpus, '--out', join(t.dir, 'out'), '--store', store]);
    assert.equal(summaryOf(again.stderr), `extract: 0 processed, ${N} unchanged, 0 failed`);
    process.stderr.write(`# ${N} tiny files: ${r.ms} ms, peak RSS ${r.peakMb} MB; unchanged re-run ${again.ms} ms\n`);
  } finally {
    t.cleanup();
  }
});

test('ids with spaces, quotes and non-ASCII round-trip; traversal attempts are refused', async () => {
  const t = tempDir();
  try {
    const corpus = join(t.dir, 'corpus');
    const ids = ['dir with space/Zürich "quoted" café', "it's O'Brien", '日本語/記事 一', 'news 📰 emoji', "x'; DROP TABLE articles; --", '%2e%2e'];
    for (const id of ids) {
      mkdirSync(join(corpus, id, '..'), { recursive: true });
      writeFileSync(join(corpus, `${id}.txt`), `Siemens paid €30m to the city in March 2011 (${id}).\n`);
    }
    const store = join(t.dir, 's.sqlite');
    const out = join(t.dir, 'out');
    const r = await runCli('src/cli/extract.js', ['--corpus', corpus, '--out', out, '--store', store], { env: { REDIS_URL: '' } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(summaryOf(r.stderr), `extract: ${ids.length} processed, 0 unchanged, 0 failed`);
    for (const id of ids) {
      const f = await runCli('src/cli/facts.js', [id, '--store', store]);
      assert.equal(f.code, 0, `${id}: ${f.stderr}`);
      const doc = JSON.parse(f.stdout);
      assert.equal(doc.article.id, id);
      assert.ok(doc.article.text.includes(`(${id})`));
      assert.deepEqual(JSON.parse(readFileSync(join(out, 'articles', `${id}.json`), 'utf8')), doc);
    }
    const written = readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.json'));
    assert.equal(written.filter((f) => f.startsWith('articles/')).length, ids.length);
    for (const f of written) assert.ok(!relative(out, join(out, f)).startsWith('..'), f);
    for (const bad of ['../../etc/passwd', '/etc/passwd', 'a/../b', '..', './x', 'a//b', 'x/', '..\\..\\etc\\passwd', 'dir with space/../../etc/passwd', 'nope']) {
      const x = await runCli('src/cli/facts.js', [bad, '--store', store]);
      assert.equal(x.code, 1, bad);
      assert.equal(x.stdout, '', bad);
      assert.match(x.stderr, /not an article id|no article/, bad);
    }
    // The table an injection would drop is still whole.
    const db = new Database(store, { readonly: true });
    assert.equal((db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n, ids.length);
    db.close();
  } finally {
    t.cleanup();
  }
});

test('every SQL statement in src/ is parameterised: no SQL text built with ${} or +', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) files.push(p);
    }
  };
  walk(join(ROOT, 'src'));
  const SQL = /\b(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|REPLACE)\b[\s\S]*?\b(?:FROM|INTO|SET|TABLE|WHERE|VALUES|INDEX)\b/i;
  const offenders: string[] = [];
  let statements = 0;
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    // Template literals holding SQL must not interpolate.
    for (const m of src.matchAll(/`([^`]*)`/g)) {
      if (!SQL.test(m[1]!)) continue;
      statements++;
      if (m[1]!.includes('${')) offenders.push(`${relative(ROOT, f)}: ${m[1]!.slice(0, 80)}`);
    }
    // Quoted SQL continued with + (concatenation).
    for (const m of src.matchAll(/(['"])((?:(?!\1)[^\\\n]|\\.)*)\1\s*\+/g)) if (SQL.test(m[2]!)) offenders.push(`${relative(ROOT, f)}: ${m[2]!.slice(0, 80)}`);
    // What reaches the database: prepare/exec/pragma take a literal, never an expression built in place.
    // (a CONSTANT_NAME is allowed: its own literal is checked above).
    for (const m of src.matchAll(/\b(?:db|this\.db)\.(?:prepare|exec|pragma)\(\s*(?![A-Z][A-Z0-9_]*\s*\))([^'"`\s)])/g)) offenders.push(`${relative(ROOT, f)}: db.prepare/exec/pragma(${m[1]}…) with a non-literal`);
    statements += [...src.matchAll(/\.prepare\(\s*['"]/g)].length;
  }
  assert.deepEqual(offenders, []);
  assert.ok(statements >= 20, `found ${statements} statements; is the scan still looking at the store?`);
});
