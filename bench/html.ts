// Article-body benchmark for ingestHtml: runs it on every page of a folder laid out like
// shared/benchmarks/article-extraction (html/<id>.html[.gz] + ground-truth.json) and prints precision,
// recall and F1 with the benchmark's shingle metric (ported from that folder's score.mjs), and pages/s.
//
//   node dist/bench/html.js --data DIR [--per-doc N] [--out FILE]

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { ingestHtml } from '../src/ingest/html/index.js';

const USAGE = `usage: npm run bench:html -- --data DIR [--per-doc N] [--out FILE]

DIR is a folder laid out like the article-extraction benchmark: DIR/html/<id>.html.gz (or .html) and
DIR/ground-truth.json ({"<id>": {"articleBody": "..."}}).
  --per-doc N   also list the N worst pages (F1, precision, recall, id)
  --out FILE    write the predictions as {"<id>": {"articleBody": "..."}} (readable by score.mjs)
`;

const SHINGLE_SIZE = 4;
// Python's \w, as the benchmark tokenises: letters, numerics, underscore.
const WORD = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

function shingleBag(tokens: string[]): Map<string, number> {
  const bag = new Map<string, number>();
  if (tokens.length === 0) return bag;
  const windows = Math.max(1, tokens.length - SHINGLE_SIZE + 1);
  for (let i = 0; i < windows; i++) {
    const key = tokens.slice(i, i + SHINGLE_SIZE).join(' ');
    bag.set(key, (bag.get(key) ?? 0) + 1);
  }
  return bag;
}

export interface DocScore {
  precision: number | null;
  recall: number | null;
}

export function scoreDoc(truth: string, pred: string): DocScore {
  const t = shingleBag(tokenize(truth));
  const p = shingleBag(tokenize(pred));
  let nTrue = 0;
  for (const c of t.values()) nTrue += c;
  let nPred = 0;
  let tp = 0;
  for (const [k, c] of p) {
    nPred += c;
    tp += Math.min(c, t.get(k) ?? 0);
  }
  return { precision: nPred > 0 ? tp / nPred : null, recall: nTrue > 0 ? tp / nTrue : null };
}

/** Macro precision over non-empty predictions, macro recall over all, F1 of the two means. */
export function aggregate(scores: DocScore[]): { precision: number; recall: number; f1: number; empty: number } {
  let ps = 0, pn = 0, rs = 0, rn = 0;
  for (const s of scores) {
    if (s.precision !== null) { ps += s.precision; pn++; }
    if (s.recall !== null) { rs += s.recall; rn++; }
  }
  const precision = pn ? ps / pn : 0;
  const recall = rn ? rs / rn : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, empty: scores.length - pn };
}

export function run(argv: string[], io = { out: (s: string) => process.stdout.write(s + '\n'), err: (s: string) => process.stderr.write(s + '\n') }): number {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { data: { type: 'string' }, 'per-doc': { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    io.err(`bench:html: ${(e as Error).message}`);
    io.err(USAGE);
    return 2;
  }
  if (values.help) { io.out(USAGE); return 0; }
  if (!values.data) {
    io.err('bench:html: `--data DIR` is required (e.g. --data ../shared/benchmarks/article-extraction)');
    io.err(USAGE);
    return 2;
  }
  const dir = values.data;
  let truth: Record<string, { articleBody?: string }>;
  let files: string[];
  try {
    truth = JSON.parse(readFileSync(path.join(dir, 'ground-truth.json'), 'utf8'));
    files = readdirSync(path.join(dir, 'html')).filter((f) => /\.html?(\.gz)?$/.test(f)).sort();
  } catch (e) {
    io.err(`bench:html: ${dir}: cannot read ground-truth.json and html/ (${(e as Error).message}); point --data at a benchmark folder`);
    return 2;
  }
  const pages = files.map((f) => {
    const raw = readFileSync(path.join(dir, 'html', f));
    return { id: f.replace(/\.html?(\.gz)?$/, ''), bytes: new Uint8Array(f.endsWith('.gz') ? gunzipSync(raw) : raw) };
  }).filter((p) => truth[p.id]);
  if (pages.length === 0) {
    io.err(`bench:html: ${dir}: no page of html/ has an id in ground-truth.json`);
    return 2;
  }
  const preds: Record<string, { articleBody: string }> = {};
  let mb = 0;
  const t0 = performance.now();
  for (const p of pages) {
    mb += p.bytes.length / 1e6;
    preds[p.id] = { articleBody: ingestHtml(p.bytes).text };
  }
  const seconds = (performance.now() - t0) / 1000;
  const perDoc = pages.map((p) => ({ id: p.id, ...scoreDoc(truth[p.id]!.articleBody ?? '', preds[p.id]!.articleBody) }));
  const m = aggregate(perDoc);
  io.out(`pages       ${pages.length} (${mb.toFixed(1)} MB), ${m.empty} empty`);
  io.out(`F1          ${m.f1.toFixed(3)}`);
  io.out(`precision   ${m.precision.toFixed(3)}`);
  io.out(`recall      ${m.recall.toFixed(3)}`);
  io.out(`speed       ${(pages.length / seconds).toFixed(1)} pages/s, ${(mb / seconds).toFixed(2)} MB/s (${seconds.toFixed(2)} s, one core)`);
  const n = values['per-doc'] ? Number(values['per-doc']) : 0;
  if (n > 0) {
    const f1 = (d: DocScore) => { const p = d.precision ?? 0, r = d.recall ?? 0; return p + r > 0 ? (2 * p * r) / (p + r) : 0; };
    io.out('\nf1\tP\tR\tid');
    for (const d of [...perDoc].sort((a, b) => f1(a) - f1(b)).slice(0, n)) {
      io.out(`${f1(d).toFixed(3)}\t${d.precision === null ? '-' : d.precision.toFixed(3)}\t${(d.recall ?? 0).toFixed(3)}\t${d.id}`);
    }
  }
  if (values.out) writeFileSync(values.out, JSON.stringify(preds, null, 1));
  return 0;
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  process.exitCode = run(process.argv.slice(2));
}
