#!/usr/bin/env node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reasonOf } from '../errors.js';
import { KINDS, score } from '../eval/score.js';
import type { GoldDoc } from '../eval/score.js';
import { scoreFacts, type GoldFacts } from '../eval/facts-score.js';
import { formatOf } from '../ingest/formats.js';
import { canonicalise } from '../normalise/canonical.js';
import { processArticle } from '../pipeline.js';
import { renderDoc } from '../store/render.js';
import type { FactsDoc } from '../types.js';
import { isMain, type Io } from './io.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const HELP = `usage: npm run eval -- [--corpus DIR] [--gold DIR] [--facts DIR] [--json] [--details]

Runs the extraction core on a folder of articles and scores it against gold files (one <id>.json per
article, written as fixtures/gold-dev/GUIDE.md says): type-strict entity F1 per type, money, dates
(detection, then values), percents; and money facts (role and organisations) against the gold links in
--facts and any \`facts\` in the gold files. Defaults: the dev set bundled in fixtures/ (seeds + gold-dev
+ gold-facts).

options
  --corpus DIR   articles (default fixtures/seeds)
  --gold DIR     gold files (default fixtures/gold-dev)
  --facts DIR    gold money-fact links (default fixtures/gold-facts; format in its README.md)
  --json         the full report as JSON on stdout
  --details      also list, per article, what was missed, spurious or wrong
  -h, --help     this help
`;

function walk(dir: string, base = dir, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out);
    else if (formatOf(e.name)) out.push(relative(base, p).split('\\').join('/'));
  }
  return out.sort();
}

export async function run(argv: string[], io: Io): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        corpus: { type: 'string', default: join(ROOT, 'fixtures', 'seeds') },
        gold: { type: 'string', default: join(ROOT, 'fixtures', 'gold-dev') },
        facts: { type: 'string', default: join(ROOT, 'fixtures', 'gold-facts') },
        json: { type: 'boolean', default: false },
        details: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    io.stderr.write(`eval: ${reasonOf(err)}\n\n${HELP}`);
    return 2;
  }
  if (values.help) { io.stdout.write(HELP); return 0; }
  let golds: GoldDoc[];
  let files: string[];
  const goldFacts = new Map<string, GoldFacts>();
  try {
    golds = readdirSync(values.gold!).filter((f) => f.endsWith('.json')).sort()
      .map((f) => JSON.parse(readFileSync(join(values.gold!, f), 'utf8')) as GoldDoc);
    for (const g of golds) if (g.facts?.length) goldFacts.set(g.article, { article: g.article, facts: [...g.facts] });
    // A missing facts folder is fine (a held-out set may carry its links inside the gold files).
    const factFiles = existsSync(values.facts!) ? readdirSync(values.facts!).filter((f) => f.endsWith('.json')).sort() : [];
    for (const f of factFiles) {
      const g = JSON.parse(readFileSync(join(values.facts!, f), 'utf8')) as GoldFacts;
      const have = goldFacts.get(g.article);
      if (have) have.facts.push(...g.facts.filter((x) => !have.facts.some((y) => y.money === x.money && y.occurrence === x.occurrence)));
      else goldFacts.set(g.article, g);
    }
    files = walk(values.corpus!);
  } catch (err) {
    io.stderr.write(`eval: ${reasonOf(err)}\n`);
    return 2;
  }
  const raw: FactsDoc[] = [];
  const started = performance.now();
  let bytes = 0;
  for (const rel of files) {
    const buf = readFileSync(join(values.corpus!, rel));
    bytes += buf.length;
    try {
      raw.push(processArticle({ bytes: buf, relPath: rel, source: rel }).doc);
    } catch (err) {
      io.stderr.write(`eval: ${rel}: ${reasonOf(err)}\n`);
    }
  }
  const ms = performance.now() - started;
  const map = canonicalise(raw.map((d) => ({ articleId: d.article.id, entities: d.entities })));
  const preds = new Map(raw.map((d) => [d.article.id, renderDoc(d, map)]));
  const report = score(golds, preds);
  const factsReport = scoreFacts([...goldFacts.values()], preds);
  if (values.json) {
    io.stdout.write(JSON.stringify({ ...report, facts: factsReport }, null, 2) + '\n');
    return 0;
  }
  io.stdout.write(`eval: ${golds.length} gold article(s) in ${values.gold}, ${files.length} article file(s) processed in ${ms.toFixed(0)} ms (${(bytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s)\n`);
  for (const k of KINDS) {
    const s = report.scores[k];
    io.stdout.write(`${k.padEnd(13)} P ${s.p.toFixed(3)} R ${s.r.toFixed(3)} F1 ${s.f1.toFixed(3)}  (tp ${s.tp} fp ${s.fp} fn ${s.fn})\n`);
  }
  io.stdout.write(`date values right ${report.dateValues.right}/${report.dateValues.total}\n`);
  const fr = factsReport;
  io.stdout.write(`money facts   links right ${fr.links.right}/${fr.links.total} (role ${fr.role.right}/${fr.role.total}, organisations ${fr.organisations.right}/${fr.organisations.total}); ${fr.predicted.typed}/${fr.predicted.facts} predicted facts typed\n`);
  if (values.details) {
    for (const [id, d] of Object.entries(report.details)) {
      io.stdout.write(`\n${id}\n`);
      for (const [kind, x] of Object.entries(d)) {
        if (x.missed.length) io.stdout.write(`  ${kind} missed: ${x.missed.join(' | ')}\n`);
        if (x.spurious.length) io.stdout.write(`  ${kind} spurious: ${x.spurious.join(' | ')}\n`);
        if (x.wrong?.length) io.stdout.write(`  ${kind} wrong: ${x.wrong.join(' | ')}\n`);
      }
      const f = fr.details[id];
      if (f?.wrong.length) io.stdout.write(`  facts wrong: ${f.wrong.join(' | ')}\n`);
    }
  }
  return 0;
}

if (isMain(import.meta.url)) {
  run(process.argv.slice(2), process).then((code) => process.exit(code));
}
