import type { Redis, RedisOptions } from 'ioredis';
import { loadIORedis } from './cjs.js';

export { QUEUE_NAME } from './name.js';

/**
 * Most articles in one job, and most bytes of article in one job (a larger article goes alone). Each job
 * costs the worker's main thread and Redis the same few scripts and events whatever it holds: 1,180 articles
 * with two local workers, interleaved, took 6.8-7.2 s in bundles of 8, 6.7-6.9 s in 16, 6.5-6.6 s in 32
 * (in-process: 5.5-5.8 s). Still 37 jobs per 1,180 articles for several workers to share.
 */
export const BUNDLE_ARTICLES = 32;
export const BUNDLE_BYTES = 1024 * 1024;

/**
 * Jobs a worker holds at once, given how many articles its thread pool takes at a time
 * (PoolExecutor.capacityFor): enough full bundles to keep the pool full, and never fewer than two jobs, so the
 * next job is in hand while the last one's result goes back to Redis.
 */
export function jobsInHand(poolArticles: number): number {
  return Math.max(2, Math.ceil(poolArticles / BUNDLE_ARTICLES));
}

export interface QueueTuning {
  /** How long a worker's lock on a job lasts without renewal; a killed worker's job is retried after it. */
  lockDurationMs: number;
  /** How often workers look for jobs whose worker died (stalled) and put them back. */
  stalledIntervalMs: number;
  /** Attempts per job for transient faults (bad input is never retried). */
  attempts: number;
  /** First retry delay; doubles each attempt. */
  backoffMs: number;
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw == null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`Expected ${name} to be a positive integer, got \`${raw}\``);
  return n;
}

/** Defaults suit articles (a second or less each); the env variables exist for tests and slow machines. */
export function queueTuning(): QueueTuning {
  return {
    lockDurationMs: positiveInt('NEWSFACTS_LOCK_MS', 30_000),
    stalledIntervalMs: positiveInt('NEWSFACTS_STALLED_MS', 15_000),
    attempts: positiveInt('NEWSFACTS_ATTEMPTS', 5),
    backoffMs: positiveInt('NEWSFACTS_BACKOFF_MS', 1_000),
  };
}

/** Connection options BullMQ needs for blocking commands, and a bounded reconnect so a lost Redis shows. */
export function redisConnection(url: string, extra: RedisOptions = {}): Redis {
  return new (loadIORedis().Redis)(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...extra,
  });
}

/** A short-lived connection that fails fast: used to tell the user at once when Redis is not there. */
export async function checkRedis(url: string, timeoutMs = 4_000): Promise<void> {
  const probe = new (loadIORedis().Redis)(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  probe.on('error', () => { /* reported through the rejected connect below */ });
  try {
    await Promise.race([
      probe.connect().then(() => probe.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new Error(`cannot reach Redis at ${redactUrl(url)} (${e.code ?? e.message}); start Redis, fix REDIS_URL, or unset REDIS_URL to run in-process`);
  } finally {
    probe.disconnect();
  }
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
