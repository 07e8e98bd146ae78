import { UnrecoverableError } from 'bullmq';
import type { Job } from 'bullmq';
import { jobPayloadSchema } from '../src/contract.js';
import type { ArticleResult } from '../src/pipeline.js';
import { ArticleFailure } from '../src/runner/executor.js';
import type { Executor } from '../src/runner/executor.js';

/**
 * The BullMQ processor. Thin: check the payload, hand the article to the same executor as the in-process
 * runner (a pool of worker threads running the core, with the per-article time budget), return its result.
 * The core never runs on the worker's main thread, so a long article cannot block the lock renewals, and a
 * pathological one is given up instead of holding the job for hours.
 * Bad input (and an article over its budget) fails at once (UnrecoverableError); anything else is thrown
 * and retried with backoff.
 */
export function createProcessor(executor: Executor): (job: Pick<Job, 'data'>) => Promise<ArticleResult> {
  return async (job) => {
    const parsed = jobPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad job payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const { relPath, source, bytes } = parsed.data;
    try {
      return await executor.process({ relPath, source, bytes: Buffer.from(bytes, 'base64') });
    } catch (err) {
      if (err instanceof ArticleFailure && err.bad) throw new UnrecoverableError(err.message);
      throw err;
    }
  };
}
