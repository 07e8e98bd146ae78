// Reliability of the in-process batch under interruption, concurrent runs, vanishing files and hostile
// input (issue 7). Every case runs the real CLI on real SQLite files and asserts what a user would check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DIST, prng, runCli, seedTexts, startCli, summaryOf, tempDir } from './helpers.js';
import type { RunningCli } from './helpers.js';


const SEED_TEXTS = seedTexts();

/** n distinct news-like articles (seed paragraphs, shuffled, with fresh amounts and years) as .txt files. */
function generateCorpus(dir: string, n: number, seed = 7): string[] {
  const rnd = prng(seed);
  const paragraphs = SEED_TEXTS.flatMap((t) => t.split(/\n\s*\n/)).filter((p) => p.trim().length > 40);
  mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    for (let k = 0; k < 3; k++) parts.push(paragraphs[Math.floor(rnd() * paragraphs.length)]!);
    parts.push(`Acme Holdings said on ${1 + (i % 28)} March ${2000 + (i % 20)} that it would pay £${(1 + rnd() * 900).toFixed(1)}m, up ${i % 90} per cent.`);
    const name = `a${String(i).padStart(4, '0')}.txt`;
    writeFileSync(join(dir, name), parts.join('\n\n') + '\n');
    names.push(name);
  }
  return names;
}

/** Starts extract in-process (no REDIS_URL) as a user would; it must print nothing on stdout. */
function startExtract(args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const run = startCli('src/cli/extract.js', args, { env: { REDIS_URL: '', ...env }, timeoutMs: 300_000 });
  return { ...run, done: run.done.then((r) => { assert.equal(r.stdout, '', 'extract printed on stdout'); return r; }) };
}

async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Articles committed to the store so far, read as another process would while the batch writes (0 before it exists). */
function storedCount(file: string): number {
  if (!existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // being created: no table yet, or locked for a moment
  }
}

interface StoreCheck { articles: number; ids: string[]; generation: number }

/**
 * Reads the store as sqlite3 would and checks every article is whole: its doc parses, and its money, date,
 * percent and mention rows are exactly the ones its doc lists (an article half-written would break this).
 */
function checkStore(file: string): StoreCheck {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT id, doc FROM articles ORDER BY id').all() as { id: string; doc: string }[];
    const countOf = (table: string, id: string) => (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE article_id = ?`).get(id) as { n: number }).n;
    for (const r of rows) {
      const doc = JSON.parse(r.doc);
      assert.equal(doc.article.id, r.id);
      assert.equal(countOf('money', r.id), doc.money.length, `${r.id} money rows`);
      assert.equal(countOf('dates', r.id), doc.dates.length, `${r.id} date rows`);
      assert.equal(countOf('percents', r.id), doc.percents.length, `${r.id} percent rows`);
      assert.equal(countOf('mentions', r.id), doc.entities.reduce((n: number, e: { mentions: unknown[] }) => n + e.mentions.length, 0), `${r.id} mention rows`);
    }
    const generation = Number((db.prepare("SELECT value FROM meta WHERE key = 'generation'").get() as { value: string } | undefined)?.value ?? 0);
    return { articles: rows.length, ids: rows.map((r) => r.id), generation };
  } finally {
    db.close();
  }
}

const SUMMARY = /^extract: (\d+) processed, (\d+) unchanged, (\d+) failed$/;

test('SIGINT mid-run, then run again: the rest is finished, nothing half-written, nothing stored twice', async () => {
  const t = tempDir();
  try {
    const corpus = join(t.dir, 'corpus');
    // Enough articles that the run is still going well after its first commit (at most 64 articles or 250 ms in).
    const N = 1500;
    generateCorpus(corpus, N);
    const store = join(t.dir, 's.sqlite');
    const args = ['--corpus', corpus, '--out', join(t.dir, 'out'), '--store', store, '--concurrency', '1'];
    const first = startExtract(args);
    // Started: the store holds committed articles. (Not the first progress line, 2 s in: the whole run can be
    // over by then on a fast machine, and the signal would come too late.)
    await waitFor(() => storedCount(store) > 0, 60_000, 'articles in the store');
    const signalledAt = Date.now();
    first.child.kill('SIGINT');
    const r1 = await first.done;
    const stopMs = Date.now() - signalledAt;
    assert.equal(r1.code, 130, first.stderr());
    assert.match(first.stderr(), /SIGINT: stopping after the articles in flight are stored/);
    assert.match(first.stderr(), /interrupted: \d+ article\(s\) stored; run extract again/);
    const m1 = SUMMARY.exec(summaryOf(first.stderr()));
    assert.ok(m1, summaryOf(first.stderr()));
    const done1 = Number(m1[1]);
    assert.ok(done1 > 0 && done1 < N, `first run stored ${done1}`);
    assert.equal(m1[3], '0');
    assert.ok(stopMs < 5_000, `stopping took ${stopMs} ms`);
    const s1 = checkStore(store);
    assert.equal(s1.articles, done1, 'rows stored = processed in the summary');
    assert.equal(s1.generation, done1, 'each article written once');
    assert.ok(!existsSync(`${store}.lock`), 'lock released');

    const r2 = await runCli('src/cli/extract.js', args, { env: { REDIS_URL: '' } });
    assert.equal(r2.code, 0, r2.stderr);
    assert.equal(summaryOf(r2.stderr), `extract: ${N - done1} processed, ${done1} unchanged, 0 failed`);
    const s2 = checkStore(store);
    assert.equal(s2.articles, N);
    assert.equal(s2.generation, N, 'no article stored twice across the two runs');
    assert.equal(readdirSync(join(t.dir, 'out', 'articles')).length, N);
    process.stderr.write(`# SIGINT: first run stored ${done1}/${N}, stopped ${stopMs} ms after the signal; second run ${N - done1} processed + ${done1} unchanged\n`);
  } finally {
    t.cleanup();
  }
});

test('two extract runs at once on the same store: one finishes, the other refuses clearly; the store is consistent', async () => {
  const t = tempDir();
  try {
    const corpus = join(t.dir, 'corpus');
    const N = 60;
    generateCorpus(corpus, N, 11);
    const store = join(t.dir, 's.sqlite');
    const args = (out: string) => ['--corpus', corpus, '--out', join(t.dir, out), '--store', store, '--concurrency', '2'];
    const [a, b] = await Promise.all([runCli('src/cli/extract.js', args('a'), { env: { REDIS_URL: '' } }), runCli('src/cli/extract.js', args('b'), { env: { REDIS_URL: '' } })]);
    const results = [a, b].sort((x, y) => (x.code ?? 9) - (y.code ?? 9));
    const [ok, refused] = results as [typeof a, typeof a];
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(summaryOf(ok.stderr), `extract: ${N} processed, 0 unchanged, 0 failed`);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /the store .*s\.sqlite is in use by another extract \(pid \d+\)/);
    assert.equal(refused.stdout, '');
    const s = checkStore(store);
    assert.equal(s.articles, N);
    assert.equal(s.generation, N);
    // Afterwards the store is free again: a third run sees everything unchanged.
    const c = await runCli('src/cli/extract.js', args('a'), { env: { REDIS_URL: '' } });
    assert.equal(c.code, 0, c.stderr);
    assert.equal(summaryOf(c.stderr), `extract: 0 processed, ${N} unchanged, 0 failed`);
  } finally {
    t.cleanup();
  }
});

test('a lock left by a killed extract is taken over; a store locked by a live process is refused', async () => {
  const t = tempDir();
  try {
    const corpus = join(t.dir, 'corpus');
    generateCorpus(corpus, 3, 5);
    const store = join(t.dir, 's.sqlite');
    const args = ['--corpus', corpus, '--out', join(t.dir, 'out'), '--store', store];
    // A pid that is certainly not running: a child that has exited.
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    writeFileSync(`${store}.lock`, String(dead.pid));
    const r = await runCli('src/cli/extract.js', args, { env: { REDIS_URL: '' } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(summaryOf(r.stderr), 'extract: 3 processed, 0 unchanged, 0 failed');
    assert.ok(!existsSync(`${store}.lock`));
    writeFileSync(`${store}.lock`, String(process.pid));
    const busy = await runCli('src/cli/extract.js', args, { env: { REDIS_URL: '' } });
    assert.equal(busy.code, 1);
    assert.match(busy.stderr, new RegExp(`in use by another extract \\(pid ${process.pid}\\)`));
    assert.equal(readFileSync(`${store}.lock`, 'utf8'), String(process.pid), 'a live lock is left alone');
    unlinkSync(`${store}.lock`);
  } finally {
    t.cleanup();
  }
});

test('files that vanish or stop being files between the scan and the read are named; the rest is stored', async () => {
  const t = tempDir();
  try {
    const corpus = join(t.dir, 'corpus');
    const N = 150;
    generateCorpus(corpus, N, 3);
    // Sorted last, so read seconds after the scan.
    for (const n of ['zz-vanish.txt', 'zz-dir.txt', 'zz-dangling.txt', 'zz-unreadable.txt']) writeFileSync(join(corpus, n), 'BT won a £5m deal in 2011.\n');
    const store = join(t.dir, 's.sqlite');
    const run = startExtract(['--corpus', corpus, '--out', join(t.dir, 'out'), '--store', store, '--concurrency', '1']);
    await waitFor(() => /article file\(s\) in /.test(run.stderr()), 30_000, 'the scan');
    unlinkSync(join(corpus, 'zz-vanish.txt'));
    rmSync(join(corpus, 'zz-dir.txt'));
    mkdirSync(join(corpus, 'zz-dir.txt'));
    unlinkSync(join(corpus, 'zz-dangling.txt'));
    symlinkSync(join(t.dir, 'nowhere'), join(corpus, 'zz-dangling.txt'));
    // chmod 000 stops nobody when the tests run as root; there it is a file replaced by a FIFO instead.
    const root = process.getuid?.() === 0;
    if (root) {
      unlinkSync(join(corpus, 'zz-unreadable.txt'));
      spawn('mkfifo', [join(corpus, 'zz-unreadable.txt')]);
    } else {
      (await import('node:fs')).chmodSync(join(corpus, 'zz-unreadable.txt'), 0);
    }
    const r = await run.done;
    const err = run.stderr();
    assert.equal(r.code, 1, err);
    assert.equal(summaryOf(err), `extract: ${N} processed, 0 unchanged, 4 failed`);
    assert.match(err, /failed: .*zz-vanish\.txt: cannot read: ENOENT/);
    assert.match(err, /failed: .*zz-dir\.txt: no longer a regular file/);
    assert.match(err, /failed: .*zz-dangling\.txt: no longer a regular file/);
    assert.match(err, root ? /failed: .*zz-unreadable\.txt: no longer a regular file/ : /failed: .*zz-unreadable\.txt: cannot read: EACCES/);
    assert.equal(checkStore(store).articles, N);
  } finally {
    t.cleanup();
  }
});

test('eight processes racing for a stale store lock: exactly one gets it, the others refuse', async () => {
  const t = tempDir();
  try {
    const store = join(t.dir, 's.sqlite');
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    writeFileSync(`${store}.lock`, String(dead.pid));
    const script = `import { acquireStoreLock } from ${JSON.stringify(join(DIST, 'src/store/lock.js'))};
      try { const release = acquireStoreLock(${JSON.stringify(store)}); process.stdout.write('got'); setTimeout(release, 1500); }
      catch (e) { process.stdout.write(e.name === 'StoreBusyError' ? 'busy' : 'error ' + e.message); }`;
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => new Promise<string>((resolve) => {
      const c = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      c.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
      c.on('close', () => resolve(out));
    })));
    assert.deepEqual(outcomes.filter((o) => o === 'got').length, 1, outcomes.join(','));
    assert.deepEqual(outcomes.filter((o) => o === 'busy').length, 7, outcomes.join(','));
    assert.ok(!existsSync(`${store}.lock`), 'released');
    assert.deepEqual(readdirSync(t.dir).filter((f) => f.includes('.lock')), [], 'no stray lock files');
  } finally {
    t.cleanup();
  }
});
