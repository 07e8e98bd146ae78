import type { Queue, QueueEvents } from 'bullmq';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { buildId } from '../queue/build-id.js';
import { loadBullMQ } from '../queue/cjs.js';
import type { JobArticle, JobOutcome, JobPayload } from '../contract.js';
import type { ArticleInput, ArticleResult } from '../pipeline.js';
import { BUNDLE_ARTICLES, BUNDLE_BYTES, checkRedis, QUEUE_NAME, queueTuning, redactUrl, redisConnection } from '../queue/config.js';
import type { QueueTuning } from '../queue/config.js';
import { unpackOutcomes } from '../queue/results.js';
import type { FactsDoc } from '../types.js';
import { ArticleFailure } from './executor.js';
import type { Executor } from './executor.js';

/** One article waiting for its outcome. */
interface Member {
  article: JobArticle;
  /** sha256 of its bytes and of where it came from (see jobIdOf). */
  key: string;
  size: number;
  resolve(result: ArticleResult): void;
  reject(err: ArticleFailure): void;
}

/** One job: a bundle of articles, settled together. */
interface Pending {
  jobId: string;
  payload: JobPayload;
  members: Member[];
  checking: boolean;
  /** Its outcomes are being read from their key. */
  taking: boolean;
}

export interface QueueExecutorOptions {
  url: string;
  /** Articles in flight at once (in jobs waiting or running in Redis, or being bundled). */
  capacity: number;
  /** How long Redis may stay unreachable before the articles in flight are given up as failed. */
  redisDownMs?: number;
}

type Schemas = typeof import('../contract.js');

/**
 * How long a bundle short of BUNDLE_ARTICLES waits for more articles before it is sent. When a job's results
 * come back the batch hands over as many new articles, but not always in one turn of the event loop: sent at
 * the next turn, as before, 20 of a 1,180-article batch's 56 jobs held a single article (each costing the
 * worker, Redis and this thread a whole job's handling). A batch's last bundle waits this long once.
 */
const PARTIAL_BUNDLE_MS = 5;

/** Length the queue's events stream is trimmed to (approximately: Redis trims whole nodes). */
const EVENTS_KEPT = 200;

function articleKey(input: ArticleInput): string {
  const content = createHash('sha256').update(input.bytes).digest('hex');
  const where = createHash('sha256').update(`${input.relPath}\u0000${input.source}`).digest('hex');
  return `${content.slice(0, 32)}-${where.slice(0, 16)}`;
}

const bundleId = (keys: string[]) => (keys.length === 1 ? `a-${keys[0]}` : `b-${createHash('sha256').update(keys.join(',')).digest('hex').slice(0, 48)}`);

/**
 * Job id from the content: the same articles (bytes and paths) always make the same job, so adding twice (a
 * retry after Redis lost its jobs) cannot process them twice, and a job under way or finished is reused.
 */
export function jobIdOf(inputs: ArticleInput[]): string {
  return bundleId(inputs.map(articleKey));
}

/**
 * Sends articles through BullMQ, a few per job, and waits for their results. Articles handed over together
 * (the batch hands over several at once whenever results come back) are bundled into one job of up to
 * BUNDLE_ARTICLES; a lone one goes PARTIAL_BUNDLE_MS later, with any handed over meanwhile. Completion is
 * learnt from queue events and confirmed by polling each job's state, so a lost event, a killed worker (its
 * job stalls and is retried by another) or a restarted Redis (which forgets the jobs: they are added again)
 * loses nothing. A job that fails for good is split, each article sent again alone, so only the article at
 * fault is reported failed.
 */
export class QueueExecutor implements Executor {
  readonly capacity: number;
  private readonly pending = new Map<string, Pending>();
  private forming: Member[] = [];
  private formingBytes = 0;
  private flushing: NodeJS.Timeout | null = null;
  private readonly tuning: QueueTuning;
  private readonly poll: NodeJS.Timeout;
  private downSince: number | null = null;
  private closed = false;
  /**
   * The contract's schemas (zod, ~40 ms to load), loaded once the first job is on its way rather than before
   * it: the start of a batch is when this thread and the local worker are busiest loading.
   */
  private schemas: Promise<Schemas> | undefined;

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
    this.events.on('completed', ({ jobId, returnvalue }) => void this.loadSchemas().then((c) => this.take(c, jobId, returnvalue)).catch(() => undefined));
    this.events.on('failed', ({ jobId }) => void this.check(jobId));
    this.events.on('error', () => { /* reconnecting; the poll below notices a long outage */ });
    this.queue.on('error', () => { /* idem */ });
    this.connection.on('error', () => { /* idem */ });
    this.poll = setInterval(() => this.sweep(), 1_000);
  }

  static async open(opts: QueueExecutorOptions): Promise<QueueExecutor> {
    await checkRedis(opts.url);
    const connection = redisConnection(opts.url);
    // The events stream keeps each completed job's return value (a key name now; before the outcomes moved to
    // their own keys, a full bundle's ~600 KB): bounded to a couple of hundred events rather than BullMQ's
    // 10,000, as they are read at once. An event trimmed away unread is not lost: the poll below reads the job.
    const { Queue, QueueEvents } = loadBullMQ();
    const queue = new Queue(QUEUE_NAME, { connection, streams: { events: { maxLen: EVENTS_KEPT } } });
    const eventsConnection = redisConnection(opts.url);
    const events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new QueueExecutor(opts, connection, queue, events, eventsConnection);
  }

  process(input: ArticleInput): Promise<ArticleResult> {
    return new Promise<ArticleResult>((resolve, reject) => {
      const bytes = Buffer.isBuffer(input.bytes) ? input.bytes : Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
      const article: JobArticle = { relPath: input.relPath, source: input.source, bytes: bytes.toString('base64') };
      const member: Member = { article, key: articleKey(input), size: input.bytes.length, resolve, reject };
      if (this.forming.length && this.formingBytes + member.size > BUNDLE_BYTES) this.flush();
      this.forming.push(member);
      this.formingBytes += member.size;
      if (this.forming.length >= BUNDLE_ARTICLES) this.flush();
      else this.flushing ??= setTimeout(() => this.flush(), PARTIAL_BUNDLE_MS);
    });
  }

  /** Sends the articles gathered so far as one job. */
  private flush(): void {
    if (this.flushing) clearTimeout(this.flushing);
    this.flushing = null;
    const members = this.forming;
    this.forming = [];
    this.formingBytes = 0;
    if (members.length) this.submit(members);
  }

  private submit(members: Member[]): void {
    const jobId = bundleId(members.map((m) => m.key));
    const p: Pending = { jobId, payload: { articles: members.map((m) => m.article) }, members, checking: false, taking: false };
    this.pending.set(jobId, p);
    void this.enqueue(p);
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
    void this.loadSchemas();
  }

  private loadSchemas(): Promise<Schemas> {
    return (this.schemas ??= import('../contract.js'));
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
      const job = await loadBullMQ().Job.fromId(this.queue, jobId);
      if (this.pending.get(jobId) !== p) return; // taken from its completion event meanwhile
      if (!job) {
        await this.add(p);
        return;
      }
      if (state === 'completed') {
        await this.take(await this.loadSchemas(), jobId, job.returnvalue);
      } else if (state === 'failed') {
        this.pending.delete(jobId);
        await job.remove().catch(() => undefined);
        if (p.members.length > 1) {
          // Which article made it fail is not known: each is sent again alone.
          for (const m of p.members) this.submit([m]);
        } else {
          const unrecoverable = job.attemptsMade < (job.opts.attempts ?? 1);
          p.members[0]!.reject(new ArticleFailure(job.failedReason || 'failed in the worker', unrecoverable));
        }
      }
    } catch {
      this.downSince ??= Date.now();
    } finally {
      p.checking = false;
    }
  }

  /**
   * A completed job's return value: each article's outcome (in it, or in the key it names), then the job and
   * that key go. Documents from a worker of another build are checked against the contract (and stored as
   * checked); those of this build are taken as they are, as the in-process runner takes its threads'.
   * Outcomes whose key is gone (Redis lost it, or it expired) are worked out again: the job is added anew.
   */
  private async take({ factsDocSchema, jobResultSchema, jobOutcomesSchema }: Schemas, jobId: string, returnvalue: unknown): Promise<void> {
    const p = this.pending.get(jobId);
    if (!p || p.taking) return;
    const parsed = jobResultSchema.safeParse(returnvalue);
    // The outcomes, or what is wrong with them.
    let outcomes: JobOutcome[] | string;
    const issue = (e: { issues: { path: PropertyKey[]; message: string }[] }) => `${e.issues[0]?.path.map(String).join('.')}: ${e.issues[0]?.message}`;
    let resultKey: string | undefined;
    if (parsed.success && 'resultKey' in parsed.data) {
      resultKey = parsed.data.resultKey;
      let value: Buffer | null;
      p.taking = true;
      try {
        value = await this.connection.getBuffer(resultKey);
      } catch {
        return; // Redis away: the sweep comes back to it.
      } finally {
        p.taking = false;
      }
      if (this.pending.get(jobId) !== p) return;
      if (!value) {
        await this.queue.remove(jobId).catch(() => undefined);
        await this.add(p).catch(() => undefined);
        return;
      }
      try {
        const unpacked = jobOutcomesSchema.safeParse(unpackOutcomes(value));
        outcomes = unpacked.success ? unpacked.data : `${resultKey}: ${issue(unpacked.error)}`;
      } catch (err) {
        outcomes = `${resultKey}: ${(err as Error).message}`;
      }
    } else {
      outcomes = !parsed.success ? issue(parsed.error) : 'results' in parsed.data ? parsed.data.results : 'no outcomes';
    }
    this.pending.delete(jobId);
    const results = typeof outcomes === 'string' ? [] : outcomes;
    const trusted = parsed.success && parsed.data.build === buildId();
    if (results.length !== p.members.length) {
      const why = typeof outcomes === 'string' ? outcomes : `${results.length} outcomes for ${p.members.length} articles`;
      for (const m of p.members) m.reject(new ArticleFailure(`worker returned a result that is not facts/v1 (${why})`, false));
    } else {
      results.forEach((r, i) => {
        const m = p.members[i]!;
        if (!r.ok) return m.reject(new ArticleFailure(r.reason, true));
        try {
          const doc = JSON.parse(r.docJson) as unknown;
          if (trusted) return m.resolve({ doc: doc as FactsDoc, warnings: r.warnings, docJson: r.docJson });
          const checked = factsDocSchema.safeParse(doc);
          if (checked.success) return m.resolve({ doc: checked.data as FactsDoc, warnings: r.warnings });
          const issue = checked.error.issues[0];
          m.reject(new ArticleFailure(`worker returned a result that is not facts/v1 (${issue?.path.join('.')}: ${issue?.message})`, false));
        } catch (err) {
          m.reject(new ArticleFailure(`worker returned a result that is not facts/v1 (${(err as Error).message})`, false));
        }
      });
    }
    this.queue.remove(jobId).catch(() => undefined);
    if (resultKey) this.connection.del(resultKey).catch(() => undefined);
  }

  private sweep(): void {
    if (this.closed) return;
    const limit = this.opts.redisDownMs ?? 30_000;
    // While Redis is away, commands wait in ioredis's offline queue rather than fail: watch the status.
    if (this.connection.status === 'ready') this.downSince = null;
    else this.downSince ??= Date.now();
    if (this.downSince !== null && Date.now() - this.downSince > limit) {
      const reason = `lost Redis at ${redactUrl(this.opts.url)} for over ${Math.round(limit / 1000)} s; run extract again once Redis is back`;
      for (const p of this.pending.values()) for (const m of p.members) m.reject(new ArticleFailure(reason, false));
      this.pending.clear();
      this.downSince = null;
      return;
    }
    for (const jobId of this.pending.keys()) void this.check(jobId);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.flushing) clearTimeout(this.flushing);
    clearInterval(this.poll);
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    // BullMQ leaves the connections it was given open (QueueEvents reads through a copy of its own).
    this.connection.disconnect();
    this.eventsConnection.disconnect();
  }
}
