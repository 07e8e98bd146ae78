import type { JobOutcome } from '../contract.js';

/**
 * A job's outcomes travel beside the job, in a Redis key of their own holding one binary value, and the job's
 * return value only names that key. Carried in the return value itself, each bundle's documents (~350 KB of
 * JSON) were escaped into one JSON string by BullMQ, measured and copied two or three times over by ioredis
 * on the worker's main thread (each copy a fresh large string: ~10 µs a page fault on these machines), written
 * to the job and to the events stream, read back and decoded as text by the coordinator: ~0.5 s of the
 * worker's main thread and ~0.3 s of the coordinator's per 1,180 articles. A Buffer is written and read as
 * it is.
 *
 * The value: a 4-byte big-endian length, then that many bytes of JSON (one entry per article: its outcome,
 * with the byte length of its document instead of the document), then each document's JSON text (UTF-8), in
 * order.
 */
export interface PackedOutcome {
  ok: boolean;
  /** ok: the document's length in bytes (UTF-8). */
  bytes?: number;
  warnings?: unknown;
  reason?: string;
  bad?: boolean;
}

/** How long a job's outcomes are kept if no coordinator takes them (a later run then does that job again). */
export const RESULT_TTL_SECONDS = 24 * 60 * 60;

/** The key of a job's outcomes: under the queue's own prefix, beside its jobs. */
export function resultKeyOf(queueQualifiedName: string, jobId: string): string {
  return `${queueQualifiedName}:nf-result:${jobId}`;
}

export function packOutcomes(outcomes: JobOutcome[]): Buffer {
  // One allocation, each document encoded straight into it (not a Buffer per document, then a copy of all).
  const head: PackedOutcome[] = outcomes.map((o) => (o.ok ? { ok: true, bytes: Buffer.byteLength(o.docJson, 'utf8'), warnings: o.warnings } : { ok: false, reason: o.reason, bad: o.bad }));
  const headJson = JSON.stringify(head);
  const headBytes = Buffer.byteLength(headJson, 'utf8');
  let size = 4 + headBytes;
  for (const h of head) size += h.bytes ?? 0;
  const out = Buffer.allocUnsafe(size);
  out.writeUInt32BE(headBytes, 0);
  let at = 4 + out.write(headJson, 4, 'utf8');
  outcomes.forEach((o, i) => {
    if (o.ok) at += out.write(o.docJson, at, head[i]!.bytes!, 'utf8');
  });
  if (at !== size) throw new Error(`packed ${at} bytes of ${size}`);
  return out;
}

/**
 * The outcomes as packOutcomes wrote them, each document back as its JSON text; the entries' shapes are left to
 * the caller to check (jobOutcomeSchema). Throws on a value that is not such a pack (cut short, or lengths
 * that do not add up).
 */
export function unpackOutcomes(value: Buffer): unknown[] {
  if (value.length < 4) throw new Error('result value shorter than its header');
  const headEnd = 4 + value.readUInt32BE(0);
  if (headEnd > value.length) throw new Error('result value cut short in its header');
  const head = JSON.parse(value.toString('utf8', 4, headEnd)) as unknown;
  if (!Array.isArray(head)) throw new Error('result header is not a list');
  let at = headEnd;
  const out = head.map((entry: PackedOutcome) => {
    if (!entry || entry.ok !== true) return entry;
    const bytes = entry.bytes;
    if (!Number.isInteger(bytes) || bytes! < 0 || at + bytes! > value.length) throw new Error('result value cut short in its documents');
    const docJson = value.toString('utf8', at, at + bytes!);
    at += bytes!;
    return { ok: true, docJson, warnings: entry.warnings };
  });
  if (at !== value.length) throw new Error(`result value has ${value.length - at} bytes more than its documents`);
  return out;
}
