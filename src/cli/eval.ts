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
--facts and any \`facts\` in the gold files. Gold folders are read recursively and files for one article
merged, so a kind left out of a file is simply not scored there. Without --corpus/--gold it scores the two
sets bundled in fixtures/: the dev set (seeds + gold-dev + gold-facts) and general news (30 Wikinews
articles, 15 of them annotated in gold-wikinews/entities and gold-wikinews/values).

options
  --corpus DIR   articles (then only this set is scored; default fixtures/seeds)
  --gold DIR     gold files (default fixtures/gold-dev)
  --facts DIR    gold money-fact links (default fixtures/gold-facts, or DIR/facts beside --gold; format in
                 fixtures/gold-facts/README.md)
  --json         the full report as JSON on stdout
  --details      also list, per article, what was missed, spurious or wrong
  -h, --help     this help
`;

function walk(dir: string, base = dir, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out);
    else if (formatOf(e.name) && !/^(README|ATTRIBUTION|LICENSE)\b/i.test(e.name)) out.push(relative(base, p).split('\\').join('/'));
  }
  return out.sort();
}

interface EvalSet {
  name: string;
  corpus: string;
  gold: string;
  facts: string;
}

/** The sets `npm run eval` scores when no folder is named: the dev set, and general news with publication dates. */
const DEFAULT_SETS: EvalSet[] = [
  { name: 'dev set (fixtures/seeds, gold-dev, gold-facts)', corpus: join(ROOT, 'fixtures', 'seeds'), gold: join(ROOT, 'fixtures', 'gold-dev'), facts: join(ROOT, 'fixtures', 'gold-facts') },
  { name: 'general news (fixtures/wikinews, gold-wikinews: entities and values annotated separately)', corpus: join(ROOT, 'fixtures', 'wikinews'), gold: join(ROOT, 'fixtures', 'gold-wikinews'), facts: join(ROOT, 'fixtures', 'gold-wikinews', 'facts') },
];

/**
 * Gold files under a folder, recursively; files for the same article (one annotating entities, another
 * values) are merged, so each kind can be annotated on its own.
 */
function loadGold(dir: string): GoldDoc[] {
  const byId = new Map<string, GoldDoc>();
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.json')) {
        const g = JSON.parse(readFileSync(p, 'utf8')) as GoldDoc;
        if (typeof g.article !== 'string') continue;
        byId.set(g.article, { ...byId.get(g.article), ...g });
      }
    }
  };
  visit(dir);
  return [...byId.values()];
}

function evaluate(set: EvalSet, io: Io) {
  const golds = loadGold(set.gold);
  const goldFacts = new Map<string, GoldFacts>();
  for (const g of golds) if (g.facts?.length) goldFacts.set(g.article, { article: g.article, facts: [...g.facts] });
  // A missing facts folder is fine (a held-out set may carry its links inside the gold files).
  const factFiles = existsSync(set.facts) ? readdirSync(set.facts).filter((f) => f.endsWith('.json')).sort() : [];
  for (const f of factFiles) {
    const g = JSON.parse(readFileSync(join(set.facts, f), 'utf8')) as GoldFacts;
    const have = goldFacts.get(g.article);
    if (have) have.facts.push(...g.facts.filter((x) => !have.facts.some((y) => y.money === x.money && y.occurrence === x.occurrence)));
    else goldFacts.set(g.article, g);
  }
  const files = walk(set.corpus);
  const raw: FactsDoc[] = [];
  const started = performance.now();
  let bytes = 0;
  for (const rel of files) {
    const buf = readFileSync(join(set.corpus, rel));
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
  return { golds, files, ms, bytes, report: score(golds, preds), facts: scoreFacts([...goldFacts.values()], preds) };
}

function print(set: EvalSet, r: ReturnType<typeof evaluate>, details: boolean, io: Io): void {
  const { report, facts: fr } = r;
  io.stdout.write(`eval: ${set.name}\n  ${r.golds.length} gold article(s) in ${set.gold}, ${r.files.length} article file(s) processed in ${r.ms.toFixed(0)} ms\n`);
  for (const k of KINDS) {
    const s = report.scores[k];
    if (s.tp + s.fp + s.fn === 0) continue;
    io.stdout.write(`${k.padEnd(13)} P ${s.p.toFixed(3)} R ${s.r.toFixed(3)} F1 ${s.f1.toFixed(3)}  (tp ${s.tp} fp ${s.fp} fn ${s.fn})\n`);
  }
  if (report.dateValues.total) io.stdout.write(`date values right ${report.dateValues.right}/${report.dateValues.total}\n`);
  if (fr.links.total) io.stdout.write(`money facts   links right ${fr.links.right}/${fr.links.total} (role ${fr.role.right}/${fr.role.total}, organisations ${fr.organisations.right}/${fr.organisations.total}); ${fr.predicted.typed}/${fr.predicted.facts} predicted facts typed\n`);
  if (!details) return;
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

export async function run(argv: string[], io: Io): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        corpus: { type: 'string' },
        gold: { type: 'string' },
        facts: { type: 'string' },
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
  const sets: EvalSet[] = values.corpus || values.gold
    ? [{
      name: values.corpus ?? DEFAULT_SETS[0]!.corpus,
      corpus: values.corpus ?? DEFAULT_SETS[0]!.corpus,
      gold: values.gold ?? DEFAULT_SETS[0]!.gold,
      facts: values.facts ?? (values.gold ? join(values.gold, 'facts') : DEFAULT_SETS[0]!.facts),
    }]
    : DEFAULT_SETS.map((s) => ({ ...s, facts: values.facts ?? s.facts }));
  const results = [];
  for (const set of sets) {
    try {
      results.push({ set, result: evaluate(set, io) });
    } catch (err) {
      io.stderr.write(`eval: ${set.name}: ${reasonOf(err)}\n`);
      return 2;
    }
  }
  if (values.json) {
    const out = Object.fromEntries(results.map(({ set, result }) => [set.name, { ...result.report, facts: result.facts }]));
    io.stdout.write(JSON.stringify(results.length === 1 ? Object.values(out)[0] : out, null, 2) + '\n');
    return 0;
  }
  results.forEach(({ set, result }, i) => {
    if (i) io.stdout.write('\n');
    print(set, result, values.details!, io);
  });
  return 0;
}

if (isMain(import.meta.url)) {
  run(process.argv.slice(2), process).then((code) => process.exit(code));
}
