// The coordinator's side of the BullMQ path (src/runner/queue-executor.ts) and the worker's processor
// (workers/processor.ts), against a real Redis: articles handed over together travel as one job; a job's
// result is taken from its completion event and the job removed; a job an earlier run left completed is
// taken without being processed again; one it left failed is done again rather than reported; a bad article
// fails alone inside its job; a job that fails for good is split so only the article at fault fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { processArticle } from '../src/pipeline.js';
import type { ArticleInput } from '../src/pipeline.js';
import { ArticleFailure } from '../src/runner/executor.js';
import type { Executor } from '../src/runner/executor.js';
import { createProcessor } from '../workers/processor.js';
import { dropQueue, redisForTests, seedTexts, uniqueQueue } from './helpers.js';

const QUEUE = uniqueQueue('executor');
process.env.NEWSFACTS_QUEUE = QUEUE; // read when src/queue/config.js is first imported, below
process.env.NEWSFACTS_ATTEMPTS = '1'; // a transient fault fails its job for good at once (read when an executor opens)

const texts = seedTexts();
const article = (i: number): ArticleInput => ({ bytes: Buffer.from(texts[i % texts.length]!), relPath: `a${i}.txt`, source: `corpus/a${i}.txt` });

/**
 * A BullMQ worker on the test queue running the real processor over an executor that runs the core on
 * this thread. It counts jobs and articles; `refuse(relPath)` may fail an article as bad input ('bad'), with
 * a transient fault ('transient', which fails the whole job) or not at all. `failAll` fails every job for good.
 */
function countingWorker(url: string, opts: { failAll?: boolean; refuse?: (relPath: string) => 'bad' | 'transient' | undefined } = {}) {
  let jobs = 0;
  let articles = 0;
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const executor: Executor = {
    capacity: 1,
    async process(input) {
      articles++;
      const refused = opts.refuse?.(input.relPath);
      if (refused === 'bad') throw new ArticleFailure(`refused by the test: ${input.relPath}`, true);
      if (refused === 'transient') throw new Error(`transient fault on ${input.relPath}`);
      return processArticle(input);
    },
    async close() {},
  };
  const processor = createProcessor(executor, connection);
  const worker = new Worker(QUEUE, async (job) => {
    jobs++;
    if (opts.failAll) throw new UnrecoverableError('refused by the test');
    return processor(job);
  }, { connection, concurrency: 1 });
  return { worker, jobs: () => jobs, articles: () => articles, close: async () => { await worker.close(); connection.disconnect(); } };
}

test('queue executor: bundles, results from completion events, jobs left by an earlier run reused or redone, nothing left behind', async (t) => {
  const url = await redisForTests();
  if (!url) return t.skip('no Redis at 127.0.0.1:6379 (set NEWSFACTS_TEST_REDIS_URL)');
  const { QueueExecutor, jobIdOf } = await import('../src/runner/queue-executor.js');
  const { QUEUE_NAME, BUNDLE_ARTICLES } = await import('../src/queue/config.js');
  assert.equal(QUEUE_NAME, QUEUE);
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE, { connection });
  const payload = (a: ArticleInput) => ({ articles: [{ relPath: a.relPath, source: a.source, bytes: Buffer.from(a.bytes).toString('base64') }] });
  const leftover = async (a: ArticleInput, failAll: boolean) => {
    // What a coordinator killed after adding its job leaves: the job, finished (or failed) by a worker.
    const w = countingWorker(url, { failAll });
    const job = await queue.add('article', payload(a), { jobId: jobIdOf([a]), attempts: 1 });
    const until = Date.now() + 20_000;
    while (!['completed', 'failed'].includes(await job.getState())) {
      if (Date.now() > until) throw new Error('the leftover job did not finish');
      await new Promise((r) => setTimeout(r, 20));
    }
    await w.close();
    assert.equal(w.jobs(), 1);
  };
  const fresh = Array.from({ length: BUNDLE_ARTICLES + 3 }, (_, k) => article(k + 2));
  try {
    await leftover(article(0), false);
    await leftover(article(1), true);
    // A leftover completed job whose outcomes Redis no longer has (they expired, or Redis lost them).
    await leftover(article(200), false);
    const lostKey = `bull:${QUEUE}:nf-result:${jobIdOf([article(200)])}`;
    assert.equal(await connection.del(lostKey), 1, 'the worker wrote the outcomes under the job\'s result key');

    const executor = await QueueExecutor.open({ url, capacity: 32 });
    try {
      // No worker running: the completed leftover is taken as it is.
      const reused = await executor.process(article(0));
      assert.deepEqual(reused.doc, processArticle(article(0)).doc);

      const live = countingWorker(url);
      try {
        // The failed leftover is not the answer: done again.
        const redone = await executor.process(article(1));
        assert.deepEqual(redone.doc, processArticle(article(1)).doc);
        assert.deepEqual([live.jobs(), live.articles()], [1, 1]);
        // The completed job whose outcomes are gone is done again, not reported failed.
        const lost = await executor.process(article(200));
        assert.deepEqual(lost.doc, processArticle(article(200)).doc);
        assert.deepEqual([live.jobs(), live.articles()], [2, 2]);
        // Articles handed over together travel as full bundles (and the rest as one more job), each
        // article's own result coming back to it.
        const results = await Promise.all(fresh.map((a) => executor.process(a)));
        results.forEach((r, k) => assert.deepEqual(r.doc, processArticle(fresh[k]!).doc));
        assert.deepEqual([live.jobs(), live.articles()], [4, 2 + fresh.length], 'each article processed once, in two jobs; the completed leftover not again');
        // Handed over a turn of the event loop apart (as a batch does when results come back), a few articles
        // still travel as one job, not a job for the first alone.
        const apart = [article(100), article(101), article(102)];
        const first = executor.process(apart[0]!);
        await new Promise((r) => setImmediate(r));
        await Promise.all([first, ...apart.slice(1).map((a) => executor.process(a))]);
        assert.deepEqual([live.jobs(), live.articles()], [5, 2 + fresh.length + apart.length], 'the three in one job');
      } finally {
        await live.close();
      }
      // Every job taken is removed from Redis.
      await new Promise((r) => setTimeout(r, 200));
      for (const id of [jobIdOf([article(0)]), jobIdOf([article(1)]), jobIdOf([article(200)]), jobIdOf(fresh.slice(0, BUNDLE_ARTICLES)), jobIdOf(fresh.slice(BUNDLE_ARTICLES)), jobIdOf([article(100), article(101), article(102)])]) {
        assert.equal(await Job.fromId(queue, id), undefined, `job ${id} still in Redis`);
      }
      assert.equal((await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed')).completed, 0);
      // Nor are any job's outcomes left in their keys.
      assert.deepEqual(await connection.keys(`bull:${QUEUE}:nf-result:*`), []);
    } finally {
      await executor.close();
    }
  } finally {
    await queue.close();
    connection.disconnect();
    await dropQueue(url, QUEUE);
  }
});

test('queue executor: a bad article fails alone in its job; a job failing for good is split so only the culprit fails', async (t) => {
  const url = await redisForTests();
  if (!url) return t.skip('no Redis at 127.0.0.1:6379 (set NEWSFACTS_TEST_REDIS_URL)');
  const { QueueExecutor } = await import('../src/runner/queue-executor.js');
  const executor = await QueueExecutor.open({ url, capacity: 32 });
  const live = countingWorker(url, { refuse: (p) => (p === 'a21.txt' ? 'bad' : p === 'a23.txt' ? 'transient' : undefined) });
  try {
    const batch = [20, 21, 22].map(article);
    const outcomes = await Promise.allSettled(batch.map((a) => executor.process(a)));
    assert.equal(outcomes[0]!.status, 'fulfilled');
    assert.equal(outcomes[2]!.status, 'fulfilled');
    assert.equal(outcomes[1]!.status, 'rejected');
    const bad = (outcomes[1] as PromiseRejectedResult).reason as ArticleFailure;
    assert.ok(bad instanceof ArticleFailure && bad.bad, String(bad));
    assert.equal(bad.message, 'refused by the test: a21.txt');
    assert.deepEqual([live.jobs(), live.articles()], [1, 3], 'one job for the three, not retried');

    // A transient fault on a23 fails the job (one attempt here); each of its articles is then sent alone.
    const second = [23, 24, 25].map(article);
    const settled = await Promise.allSettled(second.map((a) => executor.process(a)));
    assert.deepEqual(settled.map((s) => s.status), ['rejected', 'fulfilled', 'fulfilled']);
    assert.match(String((settled[0] as PromiseRejectedResult).reason.message), /transient fault on a23\.txt/);
    assert.deepEqual((settled[1] as PromiseFulfilledResult<{ doc: unknown }>).value.doc, processArticle(article(24)).doc);
    assert.deepEqual([live.jobs(), live.articles()], [1 + 1 + 3, 3 + 3 + 3], 'the failed job of three, then three jobs of one');
  } finally {
    await live.close();
    await executor.close();
    await dropQueue(url, QUEUE);
  }
});

test('queue executor: a result from another build is checked against facts/v1; one of this build is taken as it is', async (t) => {
  const url = await redisForTests();
  if (!url) return t.skip('no Redis at 127.0.0.1:6379 (set NEWSFACTS_TEST_REDIS_URL)');
  const { QueueExecutor } = await import('../src/runner/queue-executor.js');
  const { buildId } = await import('../src/queue/build-id.js');
  assert.match(buildId(), /^[0-9a-f]{32}$/);
  const executor = await QueueExecutor.open({ url, capacity: 32 });
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  // A worker of some other build: returns each article's true document, except a30's, which lacks its schema tag.
  const worker = new Worker(QUEUE, async (job) => {
    const { articles } = job.data as { articles: { relPath: string; source: string; bytes: string }[] };
    return {
      build: 'some-other-build',
      results: articles.map((a) => {
        const { doc, warnings } = processArticle({ relPath: a.relPath, source: a.source, bytes: Buffer.from(a.bytes, 'base64') });
        const sent = a.relPath === 'a30.txt' ? { ...doc, schema: undefined } : doc;
        return { ok: true, docJson: JSON.stringify(sent), warnings };
      }),
    };
  }, { connection, concurrency: 1 });
  try {
    const settled = await Promise.allSettled([30, 31].map((i) => executor.process(article(i))));
    assert.equal(settled[0]!.status, 'rejected');
    assert.match(String((settled[0] as PromiseRejectedResult).reason.message), /not facts\/v1 \(schema: /);
    assert.equal(settled[1]!.status, 'fulfilled');
    assert.deepEqual((settled[1] as PromiseFulfilledResult<{ doc: unknown }>).value.doc, processArticle(article(31)).doc);
  } finally {
    await worker.close();
    connection.disconnect();
    await executor.close();
    await dropQueue(url, QUEUE);
  }
});
