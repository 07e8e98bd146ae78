// The coordinator's side of the BullMQ path (src/runner/queue-executor.ts), against a real Redis: a new
// job's result is taken from its completion event and the job removed; a job an earlier run left completed
// is taken without being processed again; one it left failed is done again rather than reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Processor } from 'bullmq';
import { Redis } from 'ioredis';
import { processArticle } from '../src/pipeline.js';
import type { ArticleInput } from '../src/pipeline.js';
import { dropQueue, redisForTests, seedTexts, uniqueQueue } from './helpers.js';

const QUEUE = uniqueQueue('executor');
process.env.NEWSFACTS_QUEUE = QUEUE; // read when src/queue/config.js is first imported, below

const texts = seedTexts();
const article = (i: number): ArticleInput => ({ bytes: Buffer.from(texts[i % texts.length]!), relPath: `a${i}.txt`, source: `corpus/a${i}.txt` });

/** A BullMQ worker on the test queue that counts the jobs it runs; `fail` makes every job fail for good. */
function countingWorker(url: string, fail = false): { worker: Worker; runs: () => number; close(): Promise<void> } {
  let runs = 0;
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const processor: Processor = async (job) => {
    runs++;
    if (fail) throw new UnrecoverableError('refused by the test');
    const { relPath, source, bytes } = job.data as { relPath: string; source: string; bytes: string };
    return processArticle({ relPath, source, bytes: Buffer.from(bytes, 'base64') });
  };
  const worker = new Worker(QUEUE, processor, { connection, concurrency: 1 });
  return { worker, runs: () => runs, close: async () => { await worker.close(); connection.disconnect(); } };
}

test('queue executor: results from completion events, jobs left by an earlier run reused or redone, nothing left behind', async (t) => {
  const url = await redisForTests();
  if (!url) return t.skip('no Redis at 127.0.0.1:6379 (set NEWSFACTS_TEST_REDIS_URL)');
  const { QueueExecutor, jobIdOf } = await import('../src/runner/queue-executor.js');
  const { QUEUE_NAME } = await import('../src/queue/config.js');
  assert.equal(QUEUE_NAME, QUEUE);
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE, { connection });
  const payload = (a: ArticleInput) => ({ relPath: a.relPath, source: a.source, bytes: Buffer.from(a.bytes).toString('base64') });
  const leftover = async (a: ArticleInput, fail: boolean) => {
    // What a coordinator killed after adding its job leaves: the job, finished (or failed) by a worker.
    const w = countingWorker(url, fail);
    const job = await queue.add('article', payload(a), { jobId: jobIdOf(a), attempts: 1 });
    const until = Date.now() + 20_000;
    while (!['completed', 'failed'].includes(await job.getState())) {
      if (Date.now() > until) throw new Error('the leftover job did not finish');
      await new Promise((r) => setTimeout(r, 20));
    }
    await w.close();
    assert.equal(w.runs(), 1);
  };
  try {
    await leftover(article(0), false);
    await leftover(article(1), true);

    const executor = await QueueExecutor.open({ url, capacity: 4 });
    try {
      // No worker running: the completed leftover is taken as it is.
      const reused = await executor.process(article(0));
      assert.deepEqual(reused.doc, processArticle(article(0)).doc);

      const live = countingWorker(url);
      try {
        // The failed leftover is not the answer: done again. And new articles complete through their events.
        const redone = await executor.process(article(1));
        assert.deepEqual(redone.doc, processArticle(article(1)).doc);
        const fresh = await Promise.all([2, 3, 4].map((i) => executor.process(article(i))));
        fresh.forEach((r, k) => assert.deepEqual(r.doc, processArticle(article(k + 2)).doc));
        assert.equal(live.runs(), 4, 'each article processed once by the live worker; the completed leftover not again');
      } finally {
        await live.close();
      }
      // Every job taken is removed from Redis.
      await new Promise((r) => setTimeout(r, 200));
      for (const i of [0, 1, 2, 3, 4]) assert.equal(await Job.fromId(queue, jobIdOf(article(i))), undefined, `job of article ${i} still in Redis`);
    } finally {
      await executor.close();
    }
  } finally {
    await queue.close();
    connection.disconnect();
    await dropQueue(url, QUEUE);
  }
});
