import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DIST, FIXTURES, dropQueue, redisForTests, runCli, summaryOf, tempDir, uniqueQueue } from './helpers.js';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}


test('Redis unreachable: a clear error naming Redis and a non-zero exit within seconds', async () => {
  const t = tempDir();
  try {
    const started = Date.now();
    const r = await runCli('src/cli/extract.js', ['--corpus', join(FIXTURES, 'seeds'), '--out', join(t.dir, 'out'), '--store', join(t.dir, 's.sqlite')], {
      env: { REDIS_URL: 'redis://127.0.0.1:1' },
      timeoutMs: 30_000,
    });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
    const w = await runCli('workers/worker.js', [], { env: { REDIS_URL: 'redis://127.0.0.1:1' }, timeoutMs: 30_000 });
    assert.equal(w.code, 1);
    assert.match(w.stderr, /cannot reach Redis/);
  } finally {
    t.cleanup();
  }
});

test('BullMQ path with two worker processes gives byte-identical output to the in-process path', async (t) => {
  const url = await redisForTests();
  if (!url) return t.skip('no Redis on 127.0.0.1:6379 (outside CI)');
  const tmp = tempDir();
  const queue = uniqueQueue('identical');
  const env = { REDIS_URL: url, NEWSFACTS_QUEUE: queue };
  const workers = [0, 1].map(() => spawn(process.execPath, [join(DIST, 'workers', 'worker.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] }));
  const workerLogs = workers.map((w) => { let s = ''; w.stderr!.setEncoding('utf8').on('data', (d: string) => (s += d)); return () => s; });
  try {
    const corpus = join(tmp.dir, 'corpus');
    cpSync(join(FIXTURES, 'seeds'), corpus, { recursive: true });
    const a = await runCli('src/cli/extract.js', ['--corpus', corpus, '--out', join(tmp.dir, 'a'), '--store', join(tmp.dir, 'a.sqlite')], { env: { REDIS_URL: undefined } });
    assert.equal(a.code, 0, a.stderr);
    const b = await runCli('src/cli/extract.js', ['--corpus', corpus, '--out', join(tmp.dir, 'b'), '--store', join(tmp.dir, 'b.sqlite'), '--local-workers', '0'], { env });
    assert.equal(b.code, 0, b.stderr);
    assert.equal(b.stdout, '');
    assert.equal(summaryOf(b.stderr), `extract: ${readdirSync(corpus).length} processed, 0 unchanged, 0 failed`);
    const fa = filesUnder(join(tmp.dir, 'a'));
    assert.deepEqual(filesUnder(join(tmp.dir, 'b')), fa);
    assert.ok(fa.length >= 10);
    for (const f of fa) assert.deepEqual(readFileSync(join(tmp.dir, 'b', f)), readFileSync(join(tmp.dir, 'a', f)), f);
    assert.ok(statSync(join(tmp.dir, 'b', 'views', 'organisations.json')).size > 10);
    // Both worker processes were up and took work from the queue (neither crashed).
    for (const w of workers) assert.equal(w.exitCode, null);
    // Jobs are removed once their results are stored: nothing left behind in Redis.
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const q = new Queue(queue, { connection });
    const counts = await q.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
    const outcomeKeys = await connection.keys(`bull:${queue}:nf-result:*`);
    await q.close();
    connection.disconnect();
    assert.deepEqual([counts.waiting, counts.active, counts.completed, counts.failed, counts.delayed], [0, 0, 0, 0, 0]);
    assert.deepEqual(outcomeKeys, [], 'each job\'s outcomes are deleted once stored');
  } finally {
    const exits = workers.map((w) => new Promise<number | null>((resolve) => { w.once('exit', (code) => resolve(code)); w.kill('SIGTERM'); }));
    const codes = await Promise.all(exits);
    assert.deepEqual(codes, [0, 0], workerLogs.map((l) => l()).join('\n'));
    await dropQueue(url, queue);
    tmp.cleanup();
  }
});

test('extract with REDIS_URL starts its own local workers and completes alone', async (t) => {
  const url = await redisForTests();
  if (!url) return t.skip('no Redis on 127.0.0.1:6379 (outside CI)');
  const tmp = tempDir();
  const queue = uniqueQueue('local');
  try {
    const r = await runCli('src/cli/extract.js', ['--corpus', join(FIXTURES, 'seeds'), '--out', join(tmp.dir, 'out'), '--store', join(tmp.dir, 's.sqlite'), '--local-workers', '2'], {
      env: { REDIS_URL: url, NEWSFACTS_QUEUE: queue },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(summaryOf(r.stderr), 'extract: 5 processed, 0 unchanged, 0 failed');
    assert.equal(readdirSync(join(tmp.dir, 'out', 'articles')).length, 5);
  } finally {
    await dropQueue(url, queue);
    tmp.cleanup();
  }
});
