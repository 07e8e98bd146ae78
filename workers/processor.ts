import type { Job } from 'bullmq';
import type { JobOutcome, JobResult } from '../src/contract.js';
import type { ArticleInput } from '../src/pipeline.js';
import { buildId } from '../src/queue/build-id.js';
import { loadBullMQ } from '../src/queue/cjs.js';
import { packOutcomes, resultKeyOf, RESULT_TTL_SECONDS } from '../src/queue/results.js';
import { ArticleFailure } from '../src/runner/executor.js';
import type { ArticleJson, Executor } from '../src/runner/executor.js';

/**
 * The BullMQ processor. Thin: check the payload, hand each of its articles to the same executor as the
 * in-process runner (a pool of worker threads running the core, with the per-article time budget), return
 * one outcome per article. The core never runs on the worker's main thread, so a long article cannot block
 * the lock renewals, and a pathological one is given up instead of holding the job for hours.
 * A bad payload fails the job at once (UnrecoverableError). A bad article (or one over its budget) fails
 * alone, inside the completed job: retrying it would give the same answer. Any other fault fails the whole
 * job, once every article of it has settled, and BullMQ retries it with backoff. Documents go back as the JSON
 * text the threads made, with this build's id (see buildId), written through `redis` as one binary value under
 * the job's result key, which the return value names (see src/queue/results.ts).
 */
export function createProcessor(executor: Executor, redis: ResultWriter): (job: Pick<Job, 'data' | 'id' | 'queueQualifiedName'>) => Promise<JobResult> {
  const run = (input: ArticleInput): Promise<ArticleJson> => executor.processJson?.(input)
    ?? executor.process(input).then((r) => ({ docJson: r.docJson ?? JSON.stringify(r.doc), warnings: r.warnings }));
  // The payload's schema (zod, ~40 ms to load) loads while the worker connects and waits for its first job.
  const contract = import('../src/contract.js');
  return async (job) => {
    const { jobPayloadSchema } = await contract;
    const parsed = jobPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new (loadBullMQ().UnrecoverableError)(`bad job payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const settled = await Promise.allSettled(parsed.data.articles.map(({ relPath, source, bytes }) => run({ relPath, source, bytes: Buffer.from(bytes, 'base64') })));
    const outcomes: JobOutcome[] = [];
    for (const s of settled) {
      if (s.status === 'fulfilled') outcomes.push({ ok: true, docJson: s.value.docJson, warnings: s.value.warnings });
      else if (s.reason instanceof ArticleFailure && s.reason.bad) outcomes.push({ ok: false, reason: s.reason.message, bad: true });
      else throw s.reason;
    }
    if (!job.id) throw new Error('a job without an id');
    // Written before the job completes: a coordinator that sees it completed finds them (a retry of the job,
    // after a worker died in between, writes them again).
    const resultKey = resultKeyOf(job.queueQualifiedName, job.id);
    await redis.set(resultKey, packOutcomes(outcomes), 'EX', RESULT_TTL_SECONDS);
    return { build: buildId(), resultKey, articles: outcomes.length };
  };
}

/** What the processor writes a job's outcomes with: an ioredis connection (its SET with an expiry). */
export interface ResultWriter {
  set(key: string, value: Buffer, expiry: 'EX', seconds: number): Promise<unknown>;
}
