import { jobsInHand, queueTuning, redisConnection } from '../src/queue/config.js';
import { loadBullMQ } from '../src/queue/cjs.js';
import { QUEUE_NAME } from '../src/queue/name.js';
import type { Executor } from '../src/runner/executor.js';
import { createProcessor } from './processor.js';

/** A BullMQ worker taking jobs until closed. */
export interface Serving {
  /** Finishes the jobs in hand (their outcomes reach Redis), then stops taking jobs and lets go of Redis. */
  close(): Promise<void>;
}

/**
 * Takes jobs from the queue on the Redis at `url` and runs their articles on `executor` (a pool of threads,
 * whose capacity decides how many jobs are held: enough full bundles to keep every thread busy, each with its
 * next articles, instead of idling while a finished job is reported and the next one fetched). What a
 * `npm run worker` process runs, and what extract runs for its local workers. `onError`: BullMQ's own errors
 * (a lost connection, while it reconnects).
 */
export function serveQueue(url: string, executor: Executor, onError: (message: string) => void): Serving {
  const { Worker } = loadBullMQ();
  const tuning = queueTuning();
  const connection = redisConnection(url);
  connection.on('error', () => { /* reconnects; BullMQ's worker reports it below */ });
  const worker = new Worker(QUEUE_NAME, createProcessor(executor, connection), {
    connection,
    concurrency: jobsInHand(executor.capacity),
    lockDuration: tuning.lockDurationMs,
    stalledInterval: tuning.stalledIntervalMs,
    maxStalledCount: 2,
  });
  worker.on('error', (err) => onError(err.message));
  return {
    async close() {
      await worker.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
