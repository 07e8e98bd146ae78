import { createHash } from 'node:crypto';
import { splitSentences } from './extract/sentences.js';
import { extractEntities } from './extract/entities/index.js';
import { extractMoney } from './extract/money.js';
import { extractDates } from './extract/dates.js';
import { extractPercents } from './extract/percents.js';
import { extractFacts } from './extract/facts.js';
import { ingest } from './ingest/index.js';
import { articleIdOf } from './ingest/formats.js';
import { inferReferenceDate } from './normalise/reference-date.js';
import { SCHEMA } from './types.js';
import type { ExtractContext, FactsDoc, Warning } from './types.js';

export interface ArticleInput {
  /** The file's raw bytes. */
  bytes: Uint8Array;
  /** Path relative to the corpus folder ("2011/csc-deal.html"); gives the id and the format. */
  relPath: string;
  /** What article.source says (the path as the user named it). */
  source: string;
}

/** Milliseconds spent per stage, summed over calls, when a benchmark asks for them. */
export type StageTimings = Map<string, number>;

export interface ArticleResult {
  doc: FactsDoc;
  warnings: Warning[];
  /** The document's JSON text, when the runner has it already (JSON.stringify(doc): the store keeps it). */
  docJson?: string;
}

/**
 * The core: one article's bytes → its facts/v1 document. Pure (no I/O, no clock), so the in-process
 * runner and the BullMQ workers call it unchanged and get byte-identical results.
 * Stages, in order: ingest → sentences → reference date → entities, money, dates, percents → facts.
 */
export function processArticle(input: ArticleInput, timings?: StageTimings): ArticleResult {
  const time = <T>(stage: string, fn: () => T): T => {
    if (!timings) return fn();
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      timings.set(stage, (timings.get(stage) ?? 0) + performance.now() - t0);
    }
  };
  const sha256 = time('hash', () => createHash('sha256').update(input.bytes).digest('hex'));
  const ingested = time('ingest', () => ingest(input.bytes, input.relPath));
  const text = ingested.text;
  const warnings: Warning[] = [...ingested.warnings];
  const reference = time('normalise:reference-date', () => inferReferenceDate(text, ingested.published));
  const ctx: ExtractContext = {
    text,
    sentences: time('extract:sentences', () => splitSentences(text)),
    referenceDate: reference.date,
    dayFirst: true,
    warnings,
  };
  const stage = <T>(origin: string, fn: () => T, fallback: T): T => time(origin, () => runStage(origin, ctx, fn, fallback));
  const found = {
    entities: stage('extract:entities', () => extractEntities(ctx), []),
    money: stage('extract:money', () => extractMoney(ctx), []),
    dates: stage('extract:dates', () => extractDates(ctx), []),
    percents: stage('extract:percents', () => extractPercents(ctx), []),
  };
  const facts = stage('extract:facts', () => extractFacts(ctx, found), []);
  const doc: FactsDoc = {
    schema: SCHEMA,
    article: {
      id: articleIdOf(input.relPath),
      source: input.source,
      sha256,
      format: ingested.format,
      title: ingested.title,
      published: ingested.published,
      reference_date: reference.date,
      reference_source: reference.source,
      text,
    },
    entities: found.entities,
    money: found.money,
    dates: found.dates,
    percents: found.percents,
    facts,
  };
  return { doc, warnings };
}

/**
 * One extractor failing on odd text must not lose the article: its mentions are dropped and the failure
 * travels as a warning with its origin, so the user sees which stage gave up and why.
 */
function runStage<T>(origin: string, ctx: ExtractContext, fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (err) {
    ctx.warnings.push({ origin, reason: `failed: ${(err as Error)?.message ?? String(err)}` });
    return fallback;
  }
}
