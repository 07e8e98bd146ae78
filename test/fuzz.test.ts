// A seeded, time-bounded fuzz test of the core (issue 7): random and mutated articles through
// processArticle, and the facts/v1 invariants checked on every output. On a failure the seed and the case
// number are printed; NEWSFACTS_FUZZ_SEED and NEWSFACTS_FUZZ_MS replay or lengthen a run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { processArticle } from '../src/pipeline.js';
import { BadInputError } from '../src/errors.js';
import { factsDocSchema } from '../src/contract.js';
import type { FactsDoc, Span } from '../src/types.js';
import { prng, seedTexts } from './helpers.js';


const SEEDS = seedTexts();

// What news text holds and what breaks naive code: currency signs and codes, number forms, brackets and
// quotes, dashes, astral characters (surrogate pairs), combining marks, zero-width and bidi controls.
const PIECES = [
  '£', '$', '€', '¥', '₹', 'US$', 'A$', 'GBP', 'EUR', 'bn', 'm', 'million', 'billion', 'trillion', '%', ' per cent', 'percent',
  '(', ')', '[', ']', '{', '}', '"', '“', '”', '‘', '’', "'", '«', '»', '–', '—', '-', '/', '.', ',', ':', ';', '…',
  '2011', '1999', '2013-14', '2019/20', 'Q3', 'FY2020', '31/12/2011', '2011-06-01', 'March', 'May', 'last year', 'next week', 'ago',
  'Inc.', 'Ltd', 'plc', 'Mr', 'Dr.', 'the', 'of', 'The', 'Department of', 'Bank', '(CSC)', 'NHS', 'BT',
  '😀', '📰', '𝐀𝐁𝐂', '\u0301', 'é', 'ß', 'İ', 'ﬁ', '\u200b', '\u200d', '\u202e', '\u00a0', '\u2009', '\t', '\n', '\r\n', '\n\n', '\u2028',
  '日本語', 'Москва', 'العربية', 'ﷺ', '½', '①', '١٢٣',
];

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const int = (rnd: () => number, n: number) => Math.floor(rnd() * n);

function randomToken(rnd: () => number): string {
  switch (int(rnd, 6)) {
    case 0: return String(int(rnd, 1e6) / (1 + int(rnd, 100)));
    case 1: return pick(rnd, PIECES) + String(int(rnd, 1000)) + pick(rnd, ['', '.5', ',000', 'bn', 'm', 'k', '%']);
    case 2: return String.fromCodePoint(int(rnd, 0x2ffff)).replace(/[\ud800-\udfff]/g, '');
    case 3: {
      // A very long token: digits, letters, or a repeated piece (bounded so a quadratic rule stays visible, not fatal).
      const n = 200 + int(rnd, 2000);
      return pick(rnd, ['9', 'a', 'A', '£1', 'ab ', '.', '(', 'x-'] as const).repeat(Math.ceil(n / 2)).slice(0, n);
    }
    default: return pick(rnd, PIECES);
  }
}

function mutateText(rnd: () => number, text: string): string {
  let s = text;
  const edits = 1 + int(rnd, 12);
  for (let i = 0; i < edits; i++) {
    const at = int(rnd, s.length + 1);
    const op = int(rnd, 5);
    if (op === 0) s = s.slice(0, at) + s.slice(at + int(rnd, 40)); // delete
    else if (op === 1) s = s.slice(0, at) + s.slice(at, at + int(rnd, 200)).repeat(1 + int(rnd, 4)) + s.slice(at); // duplicate
    else s = s.slice(0, at) + randomToken(rnd) + (rnd() < 0.5 ? ' ' : '') + s.slice(at); // insert, possibly splitting a surrogate pair
  }
  return s;
}

function randomText(rnd: () => number): string {
  const parts: string[] = [];
  const n = 1 + int(rnd, 200);
  for (let i = 0; i < n; i++) parts.push(randomToken(rnd), rnd() < 0.7 ? ' ' : '');
  return parts.join('');
}

/** Bytes, sometimes damaged: a multi-byte character cut short, stray NULs, Windows-1252 bytes. */
function toBytes(rnd: () => number, text: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  const r = rnd();
  if (r < 0.15 && bytes.length > 2) {
    const multi = bytes.findIndex((b, i) => i > int(rnd, bytes.length) && b >= 0xc0);
    if (multi > 0) return Buffer.concat([bytes.subarray(0, multi + 1), bytes.subarray(multi + 2 + int(rnd, 2))]);
  }
  if (r < 0.25) return Buffer.concat([bytes, Buffer.from([0xa3, 0x33, 0x2e, 0x31, 0x62, 0x6e, 0x20, 0x00, 0x97])]);
  return bytes;
}

function wrap(rnd: () => number, text: string): { relPath: string; text: string } {
  const r = rnd();
  if (r < 0.6) return { relPath: 'fuzz/a.txt', text };
  if (r < 0.75) return { relPath: 'fuzz/a.md', text: `---\ntitle: ${text.slice(0, 30).replace(/\n/g, ' ')}\ndate: 2011-05-10\n---\n# Title\n\n${text}` };
  if (r < 0.9) return { relPath: 'fuzz/a.json', text: JSON.stringify({ title: 'Fuzz', published: pick(rnd, ['2011-05-10', 'yesterday', '2019-03-04T09:00:00Z', '']), text }) };
  return { relPath: 'fuzz/a.html', text: `<html><head><title>Fuzz</title></head><body><article>${text.split(/\n\s*\n/).map((p) => `<p>${p}</p>`).join('')}</article></body></html>` };
}

const GRAIN_VALUE: Record<string, RegExp> = {
  year: /^\d{4}$/,
  'financial-year': /^\d{4}\/\d{4}$/,
  quarter: /^\d{4}-Q[1-4]$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  week: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
  day: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  season: /^\d{4}-(spring|summer|autumn|winter)$/,
};

/** The facts/v1 invariants of CONTRACT.md, checked on one document; returns what is broken. */
export function contractViolations(doc: FactsDoc): string[] {
  const bad: string[] = [];
  const parsed = factsDocSchema.safeParse(doc);
  if (!parsed.success) bad.push(`schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const text = doc.article.text;
  const span = (what: string, s: Span) => {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= text.length)) bad.push(`${what}: offsets ${s.start}-${s.end} out of range (text ${text.length})`);
    else if (text.slice(s.start, s.end) !== s.text) bad.push(`${what}: text.slice(${s.start},${s.end}) = ${JSON.stringify(text.slice(s.start, s.end))} but text = ${JSON.stringify(s.text)}`);
  };
  const ordered = (what: string, xs: Span[]) => {
    for (let i = 1; i < xs.length; i++) if (xs[i]!.start < xs[i - 1]!.start) bad.push(`${what}: not in text order at ${i}`);
  };
  for (const e of doc.entities) {
    if (!e.id.startsWith(`${e.type}/`) || e.id.length <= e.type.length + 1) bad.push(`entity id ${e.id} does not start with its type ${e.type}/`);
    if (!e.name.trim()) bad.push(`entity ${e.id}: empty name`);
    e.mentions.forEach((m) => span(`mention of ${e.id}`, m));
    ordered(`mentions of ${e.id}`, e.mentions);
  }
  doc.money.forEach((m) => {
    span('money', m);
    if (!/^[A-Z]{3}$/.test(m.currency)) bad.push(`money ${m.text}: currency ${m.currency}`);
    if (!Number.isFinite(m.amount) || m.amount < 0) bad.push(`money ${m.text}: amount ${m.amount}`);
  });
  ordered('money', doc.money);
  doc.dates.forEach((d) => {
    span('date', d);
    const re = GRAIN_VALUE[d.grain];
    if (!re) bad.push(`date ${d.text}: grain ${d.grain}`);
    else if (d.value !== null && !re.test(d.value)) bad.push(`date ${JSON.stringify(d.text)}: value ${d.value} does not fit grain ${d.grain}`);
    if (d.grain === 'day' && d.value) {
      const [y, m, day] = d.value.split('-').map(Number) as [number, number, number];
      if (new Date(Date.UTC(y, m - 1, day)).getUTCDate() !== day) bad.push(`date ${d.text}: ${d.value} is not a calendar day`);
    }
  });
  ordered('dates', doc.dates);
  doc.percents.forEach((p) => {
    span('percent', p);
    if (!Number.isFinite(p.value)) bad.push(`percent ${p.text}: value ${p.value}`);
  });
  ordered('percents', doc.percents);
  const ids = new Set(doc.entities.map((e) => e.id));
  for (const f of doc.facts) {
    if (!(f.evidence.start >= 0 && f.evidence.start < f.evidence.end && f.evidence.end <= text.length)) bad.push(`fact evidence ${f.evidence.start}-${f.evidence.end} out of range`);
    if (f.kind === 'money' && !doc.money[f.money]) bad.push(`money fact points at money[${f.money}] of ${doc.money.length}`);
    if (f.kind === 'money') for (const d of f.dates) if (!doc.dates[d]) bad.push(`money fact points at dates[${d}]`);
    if (f.kind === 'event' && !doc.dates[f.date]) bad.push(`event fact points at dates[${f.date}] of ${doc.dates.length}`);
    for (const o of [...f.organisations, ...f.products]) if (!ids.has(o)) bad.push(`fact names entity ${o} not in entities`);
  }
  return bad;
}

test('fuzz: random and mutated articles always give a facts/v1 document whose invariants hold', () => {
  const seed = Number(process.env.NEWSFACTS_FUZZ_SEED ?? 20260707);
  const budgetMs = Number(process.env.NEWSFACTS_FUZZ_MS ?? 12_000);
  const rnd = prng(seed);
  // Warm up (lexicons loaded, code compiled) so the slowest case measures the rules, not start-up.
  processArticle({ bytes: Buffer.from(SEEDS[0]!), relPath: 'warm.txt', source: 'warm.txt' });
  const started = Date.now();
  let cases = 0;
  let refused = 0;
  let slowest = { ms: 0, case: -1, length: 0 };
  const stageFailures: string[] = [];
  while (Date.now() - started < budgetMs && cases < 5000) {
    const n = cases++;
    const base = rnd() < 0.8 ? mutateText(rnd, pick(rnd, SEEDS)) : randomText(rnd);
    const { relPath, text } = wrap(rnd, base);
    const bytes = toBytes(rnd, text);
    const t0 = performance.now();
    let result;
    try {
      result = processArticle({ bytes, relPath, source: `corpus/${relPath}` });
    } catch (err) {
      if (err instanceof BadInputError) { refused++; continue; }
      assert.fail(`seed ${seed} case ${n} (${relPath}): processArticle threw ${(err as Error).stack}`);
    }
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { ms, case: n, length: bytes.length };
    const bad = contractViolations(result.doc);
    assert.deepEqual(bad, [], `seed ${seed} case ${n} (${relPath}): ${JSON.stringify(result.doc.article.text.slice(0, 300))}…`);
    for (const w of result.warnings) if (w.origin.startsWith('extract:') && /^failed/.test(w.reason)) stageFailures.push(`case ${n}: ${w.origin}: ${w.reason}`);
  }
  process.stderr.write(`# fuzz seed ${seed}: ${cases} cases in ${Date.now() - started} ms, ${refused} refused as bad input, slowest ${slowest.ms.toFixed(0)} ms (case ${slowest.case}, ${slowest.length} bytes), ${stageFailures.length} extractor failures\n`);
  // A stage that throws loses that stage's mentions for the article: a bug to report, never a crash.
  assert.deepEqual(stageFailures.slice(0, 5), [], `seed ${seed}: extractors threw`);
  assert.ok(cases >= 100, `only ${cases} cases ran`);
  // No case may be pathologically slow (a super-linear rule): articles here are at most ~20 kB.
  assert.ok(slowest.ms < 2_000, `seed ${seed} case ${slowest.case} took ${slowest.ms.toFixed(0)} ms`);
});
