// Reliability of the BullMQ path (issue 7): a worker SIGKILLed mid-job, and Redis restarted mid-batch, run
// against real Redis servers and real SQLite files. Nothing lost, nothing stored twice, counts right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import Database from 'better-sqlite3';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { DIST, ROOT, dropQueue, redisForTests, runCli, seedTexts, summaryOf, tempDir, uniqueQueue } from './helpers.js';

const SEED_TEXTS = seedTexts();

/** n distinct articles from the seed paragraphs; the first `big` are ~600 k characters (a second or so each). */
function generateCorpus(dir: string, n: number, big = 0): void {
  const paragraphs = SEED_TEXTS.flatMap((t) => t.split(/\n\s*\n/)).filter((p) => p.trim().length > 40);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const parts = [0, 1, 2].map((k) => paragraphs[(i * 7 + k * 13) % paragraphs.length]!);
    if (i < big) while (parts.join('\n\n').length < 600_000) parts.push(paragraphs[(parts.length * 11 + i) % paragraphs.length]!);
    parts.push(`Acme Holdings said on ${1 + (i % 28)} March ${2000 + (i % 20)} that it would pay £${i + 1}.5m.`);
    writeFileSync(join(dir, `a${String(i).padStart(4, '0')}.txt`), parts.join('\n\n') + '\n');
  }
}

function storeRows(file: string): { articles: number; generation: number; moneyRows: number } {
  const db = new Database(file, { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      articles: n('SELECT count(*) AS n FROM articles'),
      generation: Number((db.prepare("SELECT value FROM meta WHERE key = 'generation'").get() as { value: string }).value),
      moneyRows: n('SELECT count(*) AS n FROM money'),
    };
  } finally {
    db.close();
  }
}

interface Proc { child: ChildProcess; log(): string; exit: Promise<number | null> }

function startNode(script: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, [join(DIST, script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (log += `[stdout] ${d}`));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, log: () => log, exit };
}

async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}


// Small lock and stall windows so a killed worker's job is noticed in seconds, not the default 30 s.
const FAST = { NEWSFACTS_LOCK_MS: '2000', NEWSFACTS_STALLED_MS: '1000', NEWSFACTS_BACKOFF_MS: '200' };

test('a worker SIGKILLed mid-job: its job is taken over, the batch finishes, every article stored exactly once', async () => {
  const url = await redisForTests();
  assert.ok(url, 'this test needs the Redis on 127.0.0.1:6379 (redis-server --port 6379 --save "")');
  const t = tempDir();
  const queue = uniqueQueue('sigkill');
  const env = { REDIS_URL: url, NEWSFACTS_QUEUE: queue, ...FAST };
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const q = new Queue(queue, { connection });
  const eventsConnection = new Redis(url, { maxRetriesPerRequest: null });
  const events = new QueueEvents(queue, { connection: eventsConnection });
  let stalled = 0;
  events.on('stalled', () => stalled++);
  const procs: Proc[] = [];
  try {
    await events.waitUntilReady();
    const corpus = join(t.dir, 'corpus');
    const N = 80;
    generateCorpus(corpus, N, 3);
    const store = join(t.dir, 's.sqlite');
    // Worker 1 alone first, so the job it holds when killed can only be finished by worker 2.
    const w1 = startNode('workers/worker.js', [], env);
    procs.push(w1);
    await waitFor(() => / ready on /.test(w1.log()), 20_000, 'worker 1');
    const started = Date.now();
    const extract = startNode('src/cli/extract.js', ['--corpus', corpus, '--out', join(t.dir, 'out'), '--store', store, '--local-workers', '0'], env);
    procs.push(extract);
    // The first articles are big: once worker 1 has one active, it is mid-job for a second or so.
    await waitFor(async () => (await q.getActiveCount()) > 0, 30_000, 'an active job');
    w1.child.kill('SIGKILL');
    const killedAt = Date.now();
    assert.equal(await w1.exit, null);
    const w2 = startNode('workers/worker.js', [], env);
    procs.push(w2);
    const code = await extract.exit;
    const ms = Date.now() - started;
    assert.equal(code, 0, extract.log());
    assert.equal(summaryOf(extract.log()), `extract: ${N} processed, 0 unchanged, 0 failed`);
    assert.ok(!extract.log().includes('[stdout]'));
    const rows = storeRows(store);
    assert.equal(rows.articles, N);
    assert.equal(rows.generation, N, 'each article written once');
    assert.equal(rows.moneyRows >= N, true);
    assert.ok(stalled >= 1, 'the killed worker\'s job was detected as stalled and taken over');
    const counts = await q.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
    assert.deepEqual([counts.waiting, counts.active, counts.completed, counts.failed, counts.delayed], [0, 0, 0, 0, 0]);
    w2.child.kill('SIGTERM');
    assert.equal(await w2.exit, 0, w2.log());
    process.stderr.write(`# SIGKILL: ${N} articles in ${ms} ms, ${stalled} stalled job(s) recovered, batch done ${Date.now() - killedAt} ms after the kill\n`);
  } finally {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await events.close();
    eventsConnection.disconnect();
    await q.close();
    connection.disconnect();
    await dropQueue(url, queue);
    t.cleanup();
  }
});

/** A private redis-server (no persistence) this test may stop and restart without touching the shared one. */
class PrivateRedis {
  private child: ChildProcess | null = null;
  readonly dir = mkdtempSync(join(tmpdir(), 'newsfacts-redis-'));
  constructor(readonly port: number) {}
  get url(): string { return `redis://127.0.0.1:${this.port}`; }
  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', this.dir, '--logfile', ''], { stdio: 'ignore' });
    await waitFor(() => new Promise<boolean>((resolve) => {
      const s = net.connect(this.port, '127.0.0.1');
      s.on('connect', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    }), 10_000, `redis-server on ${this.port}`);
  }
  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise((r) => { c.once('exit', r); c.kill('SIGKILL'); });
  }
  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  for (;;) {
    const port = 6390 + Math.floor(Math.random() * 2000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

test('Redis restarted mid-batch (its jobs forgotten): nothing lost, nothing stored twice; a re-run completes', async () => {
  await redisForTests();
  const redis = new PrivateRedis(await freePort());
  const t = tempDir();
  try {
    await redis.start();
    const corpus = join(t.dir, 'corpus');
    const N = 120;
    generateCorpus(corpus, N, 6);
    const store = join(t.dir, 's.sqlite');
    const args = ['--corpus', corpus, '--out', join(t.dir, 'out'), '--store', store, '--local-workers', '2'];
    const env = { REDIS_URL: redis.url, ...FAST };
    const started = Date.now();
    const extract = startNode('src/cli/extract.js', args, env);
    // Mid-batch: some articles are in Redis, being worked on.
    const probe = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
    probe.on('error', () => undefined);
    const queue = new Queue('newsfacts-articles', { connection: probe });
    await waitFor(async () => (await queue.getActiveCount().catch(() => 0)) > 0, 30_000, 'active jobs');
    await queue.close().catch(() => undefined);
    probe.disconnect();
    await redis.stop();
    const downAt = Date.now();
    await new Promise((r) => setTimeout(r, 1_500));
    await redis.start();
    const upAt = Date.now();
    const code = await extract.exit;
    const log = extract.log();
    const rows1 = storeRows(store);
    let summary = summaryOf(log);
    if (code === 0) {
      assert.equal(summary, `extract: ${N} processed, 0 unchanged, 0 failed`);
    } else {
      // Allowed: a clear failure naming Redis, with what was stored kept.
      assert.equal(code, 1, log);
      assert.match(log, /Redis/);
      const m = /^extract: (\d+) processed, 0 unchanged, (\d+) failed$/.exec(summary);
      assert.ok(m, summary);
      assert.equal(Number(m[1]), rows1.articles);
    }
    assert.equal(rows1.generation, rows1.articles, 'nothing stored twice');
    const again = await runCli('src/cli/extract.js', args, { env });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(summaryOf(again.stderr), `extract: ${N - rows1.articles} processed, ${rows1.articles} unchanged, 0 failed`);
    const rows2 = storeRows(store);
    assert.equal(rows2.articles, N);
    assert.equal(rows2.generation, N, 'no article stored twice across both runs');
    const failures = log.split('\n').filter((l) => /failed: /.test(l));
    summary = `${summary} (exit ${code}; ${failures.length ? failures.join(' | ') : 'no failures'}); Redis down ${upAt - downAt} ms, first run ${Date.now() - started} ms incl. re-run`;
    process.stderr.write(`# Redis restart: ${summary}\n`);
  } finally {
    await redis.close();
    t.cleanup();
  }
});

test('BullMQ path: an article over its time budget is given up at once (not retried), named, and the batch ends', async () => {
  const url = await redisForTests();
  assert.ok(url, 'this test needs the Redis on 127.0.0.1:6379');
  const t = tempDir();
  const queue = uniqueQueue('budget');
  try {
    const corpus = join(t.dir, 'corpus');
    generateCorpus(corpus, 3);
    const started = Date.now();
    // Budget 1 ms: every article is over it, in the workers extract starts (they inherit the environment).
    const r = await runCli('src/cli/extract.js', ['--corpus', corpus, '--out', join(t.dir, 'out'), '--store', join(t.dir, 's.sqlite'), '--local-workers', '1'], {
      env: { REDIS_URL: url, NEWSFACTS_QUEUE: queue, NEWSFACTS_ARTICLE_TIMEOUT_MS: '1', ...FAST },
      timeoutMs: 60_000,
    });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(summaryOf(r.stderr), 'extract: 0 processed, 0 unchanged, 3 failed');
    for (let i = 0; i < 3; i++) assert.match(r.stderr, new RegExp(`failed: .*a000${i}\\.txt: gave up after 1 ms \\(NEWSFACTS_ARTICLE_TIMEOUT_MS\\)`));
    // Unrecoverable: no retry with backoff, so it ends in seconds.
    assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
  } finally {
    await dropQueue(url, queue);
    t.cleanup();
  }
});
