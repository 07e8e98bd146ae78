import { Job, Queue, QueueEvents } from 'bullmq';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { jobResultSchema } from '../contract.js';
import type { JobPayload } from '../contract.js';
import type { ArticleInput, ArticleResult } from '../pipeline.js';
import { checkRedis, QUEUE_NAME, queueTuning, redactUrl, redisConnection } from '../queue/config.js';
import type { QueueTuning } from '../queue/config.js';
import { ArticleFailure } from './executor.js';
import type { Executor } from './executor.js';

interface Pending {
  jobId: string;
  payload: JobPayload;
  resolve(result: ArticleResult): void;
  reject(err: ArticleFailure): void;
  checking: boolean;
}

export interface QueueExecutorOptions {
  url: string;
  /** Articles in flight at once (jobs in Redis waiting or running). */
  capacity: number;
  /** How long Redis may stay unreachable before the articles in flight are given up as failed. */
  redisDownMs?: number;
}

/**
 * Job id from the content: the same bytes at the same path always make the same job, so adding twice
 * (a re-run, a retry after a crash) cannot process an article twice, and a finished job is reused.
 */
export function jobIdOf(input: ArticleInput): string {
  const content = createHash('sha256').update(input.bytes).digest('hex');
  const where = createHash('sha256').update(`${input.relPath}\u0000${input.source}`).digest('hex');
  return `a-${content.slice(0, 32)}-${where.slice(0, 16)}`;
}

/**
 * Sends articles through BullMQ and waits for their results. Completion is learnt from queue events and
 * confirmed by polling each job's state, so a lost event, a killed worker (its job stalls and is retried by
 * another) or a restarted Redis (which forgets the jobs: they are added again) loses nothing.
 */
export class QueueExecutor implements Executor {
  readonly capacity: number;
  private readonly pending = new Map<string, Pending>();
  private readonly tuning: QueueTuning;
  private readonly poll: NodeJS.Timeout;
  private downSince: number | null = null;
  private closed = false;

  private constructor(
    private readonly opts: QueueExecutorOptions,
    private readonly connection: Redis,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly eventsConnection: Redis,
  ) {
    this.capacity = opts.capacity;
    this.tuning = queueTuning();
    // A completion event carries the job's return value (BullMQ writes both in one script): taken from it,
    // without reading the job back. The poll below still finds a job whose event was missed.
    this.events.on('completed', ({ jobId, returnvalue }) => this.take(jobId, returnvalue));
    this.events.on('failed', ({ jobId }) => void this.check(jobId));
    this.events.on('error', () => { /* reconnecting; the poll below notices a long outage */ });
    this.queue.on('error', () => { /* idem */ });
    this.connection.on('error', () => { /* idem */ });
    this.poll = setInterval(() => this.sweep(), 1_000);
  }

  static async open(opts: QueueExecutorOptions): Promise<QueueExecutor> {
    await checkRedis(opts.url);
    const connection = redisConnection(opts.url);
    const queue = new Queue(QUEUE_NAME, { connection });
    const eventsConnection = redisConnection(opts.url);
    const events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new QueueExecutor(opts, connection, queue, events, eventsConnection);
  }

  process(input: ArticleInput): Promise<ArticleResult> {
    const jobId = jobIdOf(input);
    const payload: JobPayload = { relPath: input.relPath, source: input.source, bytes: Buffer.from(input.bytes).toString('base64') };
    return new Promise<ArticleResult>((resolve, reject) => {
      const p: Pending = { jobId, payload, resolve, reject, checking: false };
      this.pending.set(jobId, p);
      void this.enqueue(p);
    });
  }

  private async enqueue(p: Pending): Promise<void> {
    try {
      let state = await this.queue.getJobState(p.jobId);
      // A failed job of an earlier run would otherwise stand for this one (same id): removed first.
      if (state === 'failed') {
        await this.queue.remove(p.jobId);
        state = 'unknown';
      }
      if (state === 'unknown') {
        // A new job: its completion event brings the result (the sweep covers a missed event).
        await this.add(p);
        return;
      }
    } catch {
      return; // Redis away: the sweep adds it again once Redis answers.
    }
    // Already there (an earlier run's job, the same bytes at the same path): done already, or under way.
    await this.check(p.jobId);
  }

  /** Adds the job (a no-op when a job with its id exists: ids come from the content). */
  private async add(p: Pending): Promise<void> {
    await this.queue.add('article', p.payload, {
      jobId: p.jobId,
      attempts: this.tuning.attempts,
      backoff: { type: 'exponential', delay: this.tuning.backoffMs },
      removeOnComplete: false,
      removeOnFail: false,
    });
  }

  /** Looks at one job: takes its result, its final failure, or adds it again if Redis lost it. */
  private async check(jobId: string): Promise<void> {
    const p = this.pending.get(jobId);
    if (!p || p.checking) return;
    p.checking = true;
    try {
      // The state first, then the job: read the other way round, a job that completes in between shows
      // state 'completed' with the returnvalue of before (null), and a good article was reported failed.
      const state = await this.queue.getJobState(jobId);
      this.downSince = null;
      if (state !== 'completed' && state !== 'failed') {
        // (Unknown also after its completion event was taken and the job removed: then it is not pending.)
        if (state === 'unknown' && this.pending.get(jobId) === p) await this.add(p);
        return;
      }
      const job = await Job.fromId(this.queue, jobId);
      if (this.pending.get(jobId) !== p) return; // taken from its completion event meanwhile
      if (!job) {
        await this.add(p);
        return;
      }
      if (state === 'completed') {
        this.take(jobId, job.returnvalue);
      } else if (state === 'failed') {
        this.pending.delete(jobId);
        const unrecoverable = job.attemptsMade < (job.opts.attempts ?? 1);
        p.reject(new ArticleFailure(job.failedReason || 'failed in the worker', unrecoverable));
        await job.remove().catch(() => undefined);
      }
    } catch {
      this.downSince ??= Date.now();
    } finally {
      p.checking = false;
    }
  }

  /** A completed job's return value: the article's result (checked against the contract), then the job goes. */
  private take(jobId: string, returnvalue: unknown): void {
    const p = this.pending.get(jobId);
    if (!p) return;
    this.pending.delete(jobId);
    const parsed = jobResultSchema.safeParse(returnvalue);
    if (parsed.success) p.resolve(parsed.data as ArticleResult);
    else p.reject(new ArticleFailure(`worker returned a result that is not facts/v1: ${parsed.error.issues[0]?.message}`, false));
    this.queue.remove(jobId).catch(() => undefined);
  }

  private sweep(): void {
    if (this.closed) return;
    const limit = this.opts.redisDownMs ?? 30_000;
    // While Redis is away, commands wait in ioredis's offline queue rather than fail: watch the status.
    if (this.connection.status === 'ready') this.downSince = null;
    else this.downSince ??= Date.now();
    if (this.downSince !== null && Date.now() - this.downSince > limit) {
      const reason = `lost Redis at ${redactUrl(this.opts.url)} for over ${Math.round(limit / 1000)} s; run extract again once Redis is back`;
      for (const p of this.pending.values()) p.reject(new ArticleFailure(reason, false));
      this.pending.clear();
      this.downSince = null;
      return;
    }
    for (const jobId of this.pending.keys()) void this.check(jobId);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poll);
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    // BullMQ leaves the connections it was given open (QueueEvents reads through a copy of its own).
    this.connection.disconnect();
    this.eventsConnection.disconnect();
  }
}
