import { z } from 'zod';

// facts/v1 as a schema, used only where data crosses a process boundary (a job's result coming back from
// Redis, a job's payload arriving at a worker), so a worker of another version cannot slip in a bad shape.

const span = { start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), text: z.string() };
const entityType = z.enum(['organisation', 'person', 'product', 'place', 'programme']);
const evidence = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });

export const factsDocSchema = z.object({
  schema: z.literal('facts/v1'),
  article: z.object({
    id: z.string().min(1),
    source: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    format: z.enum(['text', 'html', 'markdown', 'json']),
    title: z.string().nullable(),
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    reference_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    reference_source: z.enum(['published', 'inferred', 'none']),
    text: z.string(),
  }),
  entities: z.array(z.object({
    id: z.string().min(1),
    type: entityType,
    name: z.string().min(1),
    aliases: z.array(z.string()),
    mentions: z.array(z.object(span)),
  })),
  money: z.array(z.object({ ...span, amount: z.number(), currency: z.string().regex(/^[A-Z]{3}$/), approximate: z.boolean() })),
  dates: z.array(z.object({
    ...span,
    value: z.string().nullable(),
    grain: z.enum(['year', 'financial-year', 'quarter', 'month', 'week', 'day', 'season']),
    relative: z.boolean(),
    modifier: z.enum(['start', 'mid', 'end', 'before', 'after']).optional(),
  })),
  percents: z.array(z.object({ ...span, value: z.number() })),
  facts: z.array(z.union([
    z.object({
      kind: z.literal('money'), money: z.number().int(), role: z.string(), organisations: z.array(z.string()),
      products: z.array(z.string()), dates: z.array(z.number().int()), evidence,
    }),
    z.object({
      kind: z.literal('event'), date: z.number().int(), organisations: z.array(z.string()),
      products: z.array(z.string()), evidence,
    }),
  ])),
});

/** One article in a BullMQ job: its bytes (base64) and where it came from. */
export const jobArticleSchema = z.object({
  relPath: z.string().min(1),
  source: z.string().min(1),
  bytes: z.string(),
});
export type JobArticle = z.infer<typeof jobArticleSchema>;

/**
 * What a BullMQ job carries: a few articles (a bundle), so the queue's own cost per job (its scripts, events
 * and round trips, ~1.3 ms of CPU here) is shared by several articles instead of paid by each.
 */
export const jobPayloadSchema = z.object({ articles: z.array(jobArticleSchema).min(1) });
export type JobPayload = z.infer<typeof jobPayloadSchema>;

export const warningSchema = z.object({
  origin: z.string(), reason: z.string(), start: z.number().optional(), end: z.number().optional(),
});

/** One article's outcome in a job: its document as JSON text, or why its input is bad. */
export const jobOutcomeSchema = z.union([
  z.object({ ok: z.literal(true), docJson: z.string(), warnings: z.array(warningSchema) }),
  z.object({ ok: z.literal(false), reason: z.string(), bad: z.literal(true) }),
]);
export type JobOutcome = z.infer<typeof jobOutcomeSchema>;
export const jobOutcomesSchema = z.array(jobOutcomeSchema);

/**
 * What a job returns: one outcome per article of its payload, in the same order, each document as its JSON
 * text (checked against factsDocSchema by the coordinator unless `build` is its own; see buildId). An article
 * whose input is bad (or over its time budget) fails alone, inside a completed job; a transient fault fails
 * the whole job, which BullMQ retries. The outcomes are in the return value itself (`results`), or, as this
 * build's workers send them, in the Redis key `resultKey` beside the job (see src/queue/results.ts), which the
 * coordinator deletes once it has them.
 */
export const jobResultSchema = z.union([
  z.object({ build: z.string().optional(), results: z.array(jobOutcomeSchema) }),
  z.object({ build: z.string().optional(), resultKey: z.string().min(1), articles: z.number().int().nonnegative() }),
]);
export type JobResult = z.infer<typeof jobResultSchema>;
