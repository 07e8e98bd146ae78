import { UnrecoverableError } from 'bullmq';
import type { SandboxedJob } from 'bullmq';
import { jobPayloadSchema } from '../src/contract.js';
import { runTask } from '../src/runner/pool-task.js';
import type { ArticleResult } from '../src/pipeline.js';

/**
 * The BullMQ processor, run sandboxed in a worker thread so a long article cannot block the worker's
 * lock renewals. Thin: check the payload, call the same core as the in-process runner, return its result.
 * Bad input fails at once (UnrecoverableError); anything else is thrown and retried with backoff.
 */
export default async function processor(job: SandboxedJob): Promise<ArticleResult> {
  const parsed = jobPayloadSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`bad job payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { relPath, source, bytes } = parsed.data;
  const outcome = runTask({ relPath, source, bytes: Buffer.from(bytes, 'base64') });
  if (outcome.ok) return outcome.result;
  if (outcome.bad) throw new UnrecoverableError(outcome.reason);
  throw new Error(outcome.reason);
}
