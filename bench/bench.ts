#!/usr/bin/env node
// Throughput and memory of the whole batch, as ratios against compromise's own speed measured in the same
// run on the same texts (these machines are shared and noisy: absolute numbers drift, ratios much less).
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMain } from '../src/cli/io.js';
import { processArticle } from '../src/pipeline.js';
import type { StageTimings } from '../src/pipeline.js';
import { BATCH_JIT_FLAGS } from '../src/runner/jit.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXTRACT = join(ROOT, 'dist', 'src', 'cli', 'extract.js');

const HELP = `usage: npm run bench -- [--data DIR] [--min-mb N] [--repeat N] [--rerun-articles N] [--settle S] [--no-queue] [--json FILE]

Measures the whole batch (ingest, extract, normalise, store, write JSON) in MB of article text per second,
per stage, on one core and on all cores, on the articles as given and on copies of them (the large corpus,
at least --min-mb MB of text: the targets are read there), through BullMQ with local workers, peak memory,
and an unchanged re-run; and compromise's full parse + organisation/person/place/money views over the same
texts as the baseline. "One core" is one CPU: the batch (--concurrency 1) and the baseline run under
taskset -c, so V8's helper threads and SQLite share that CPU too, the baseline once per round just before
that round's batch, and the rounds on each CPU in turn; --concurrency 1 with the other cores free is
reported beside it. Prints a table on stdout with each target and whether it is met.

options
  --data DIR            articles (JSON with "text", or .txt) to build the corpora from (default fixtures/wikinews;
                        e.g. ../shared/corpus-extra/wikinews)
  --min-mb N            the large corpus is copies of DIR up to at least N MB of text (default 5)
  --repeat N            runs of each whole-batch configuration on the large corpus, interleaved (the baseline
                        and the batch on one core, --concurrency 1 with the cores free, all cores, BullMQ, then
                        again); the median of each is reported (default 3: these machines are noisy)
  --rerun-articles N    size of the corpus for the unchanged re-run (default 10000; 0 skips it)
  --settle S            before it starts, wait up to S seconds for creating a file to cost what it normally
                        does (it does not for minutes after many files were deleted, e.g. by the last bench's
                        clean-up; default 300, 0: do not wait)
  --no-queue            skip the BullMQ run (otherwise needs REDIS_URL or Redis on 127.0.0.1:6379)
  --json FILE           also write the figures as JSON
  -h, --help            this help
`;

interface Article { name: string; json: string; text: string }

function loadArticles(dir: string): Article[] {
  const out: Article[] = [];
  for (const f of readdirSync(dir).sort()) {
    const raw = readFileSync(join(dir, f), 'utf8');
    if (f.endsWith('.json')) {
      const text = (JSON.parse(raw) as { text?: unknown }).text;
      if (typeof text === 'string') out.push({ name: f, json: raw, text });
    } else if (f.endsWith('.txt')) out.push({ name: f.replace(/\.txt$/, '.json'), json: JSON.stringify({ text: raw }), text: raw });
  }
  return out;
}

/** Microseconds per file to create `n` small files (an article file is ~5 KB) in the new folder `dir`. */
function fileCreationUs(dir: string, n = 300): number {
  mkdirSync(dir, { recursive: true });
  const body = Buffer.alloc(5000, 0x20);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `${i}.json`), body);
  return ((performance.now() - t0) * 1000) / n;
}

/** At most this many microseconds per file created once the filesystem has settled (18-45 on the VMs measured so far). */
const SETTLED_US = 60;

/**
 * Waits up to `maxS` seconds, probing every 10 s, until creating a file costs at most SETTLED_US; returns the
 * last probe and the seconds waited. For a few minutes after many files are deleted (the last bench's clean-up:
 * some 40,000), ext4 without a journal, as here, skips every recently freed inode one by one for each file it
 * creates (recently_deleted), and the freed blocks are discarded meanwhile. Measured here right after deleting
 * 39,000 files: a batch's 1,189 article files took 0.4-1.4 s instead of 0.1 s, and whole batches ran 1.0-1.2 s
 * longer on one CPU and on two alike (two cores: 1.59x one CPU, against 1.73-1.81x once settled), so benches
 * run back to back measured the one before's clean-up. The probes' files stay until this bench's own ends.
 */
async function settleFiles(dir: string, maxS: number, log: (s: string) => void): Promise<{ us: number; waitedS: number }> {
  const start = Date.now();
  let us = fileCreationUs(join(dir, '0'));
  for (let probe = 1; us > SETTLED_US && (Date.now() - start) / 1000 + 10 <= maxS; probe++) {
    log(`creating a file costs ${us.toFixed(0)} µs (settled: <= ${SETTLED_US}): files deleted recently; waiting 10 s (--settle ${maxS})`);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    us = fileCreationUs(join(dir, String(probe)));
  }
  return { us, waitedS: (Date.now() - start) / 1000 };
}

const mb = (texts: string[]) => texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;

/** Writes `copies` copies of the articles into folders c000, c001…; returns MB of text written. */
function writeCorpus(dir: string, articles: Article[], copies: number, limit = Infinity): { mb: number; files: number } {
  rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  let files = 0;
  for (let c = 0; c < copies && files < limit; c++) {
    const sub = join(dir, `c${String(c).padStart(3, '0')}`);
    mkdirSync(sub, { recursive: true });
    for (const a of articles) {
      if (files >= limit) break;
      writeFileSync(join(sub, a.name), a.json);
      bytes += Buffer.byteLength(a.text);
      files++;
    }
  }
  return { mb: bytes / 1e6, files };
}

interface RunFigures { seconds: number; peakRssMb: number; code: number | null; summary: string; cpuSeconds: number }

/**
 * "On one core" read literally: the process and every thread it starts (V8's compiler and GC helpers, SQLite,
 * libuv) confined to one CPU with taskset, as on a one-core machine. Without it a --concurrency 1 batch already
 * spreads over ~1.3-1.5 cores here (the pool thread extracts while the main thread stores and V8 compiles and
 * collects on helper threads), and compromise's own baseline over ~1.15, so neither is a one-core figure.
 * One prefix per CPU this process may use: the rounds take them in turn, because on these VMs one vCPU can run
 * far slower than the other for minutes (the core over 295 articles: 2.3 s on CPU 0 against 1.4 s on CPU 1, back
 * to back), and a one-core figure taken always on the same CPU carried that into every ratio.
 * Null where taskset is missing (not Linux): the one-core rows are then left out.
 */
function oneCorePrefixes(): string[][] | null {
  const probe = spawnSync('taskset', ['--version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) return null;
  const cpus: string[] = [];
  try {
    const m = /Cpus_allowed_list:\s*([\d,-]+)/.exec(readFileSync('/proc/self/status', 'utf8'));
    for (const part of m?.[1]?.split(',') ?? []) {
      const [a, b = a] = part.split('-').map(Number);
      for (let c = a!; c <= b!; c++) cpus.push(String(c));
    }
  } catch { /* not Linux: taskset would not be there either */ }
  return (cpus.length ? cpus : ['0']).map((cpu) => ['taskset', '-c', cpu]);
}

/**
 * Child processes of `pid`, from /proc/<pid>/task/<tid>/children: a few small reads, where scanning all of
 * /proc for parent ids cost ~2.5 ms of CPU per tick, taken from the cores the batch runs on. Kernels built
 * without those files get the scan, so a local worker's memory is never left out of the peak.
 */
function childrenOf(pid: number): number[] {
  if (!existsSync(`/proc/${pid}/task/${pid}/children`)) {
    const out: number[] = [];
    for (const p of readdirSync('/proc')) {
      if (!/^\d+$/.test(p)) continue;
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(p));
      } catch { /* gone */ }
    }
    return out;
  }
  const out: number[] = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) if (child.trim()) out.push(Number(child));
    } catch { /* that thread ended */ }
  }
  return out;
}

/** Resident memory (bytes) and CPU time so far (seconds) of a process and its descendants (local BullMQ workers are children). */
function usageOfTree(root: number): { rss: number; cpu: number } {
  let rss = 0;
  let ticks = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) rss += Number(m[1]) * 1024;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime, all threads (ended ones too)
      stack.push(...childrenOf(pid));
    } catch { /* gone */ }
  }
  return { rss, cpu: ticks / CLOCK_TICKS };
}

// USER_HZ: 100 on every Linux this runs on (the /proc stat unit).
const CLOCK_TICKS = 100;

/** Node with `argv`, behind `prefix` (taskset -c N: on one CPU) when one is given. */
function spawnNode(argv: string[], prefix: string[], options: SpawnOptions): ChildProcess {
  return prefix.length
    ? spawn(prefix[0]!, [...prefix.slice(1), process.execPath, ...argv], options)
    : spawn(process.execPath, argv, options);
}

function runExtract(args: string[], env: NodeJS.ProcessEnv, prefix: string[] = []): Promise<RunFigures> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawnNode([EXTRACT, ...args], prefix, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let peak = 0;
    let cpu = 0;
    const timer = setInterval(() => {
      const u = usageOfTree(child.pid!);
      peak = Math.max(peak, u.rss);
      cpu = Math.max(cpu, u.cpu); // the last sample before exit: a lower bound within 0.1 s
    }, 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const lines = stderr.trim().split('\n');
      resolve({ seconds: (performance.now() - t0) / 1000, peakRssMb: peak / 1e6, code, summary: lines[lines.length - 1] ?? '', cpuSeconds: cpu });
    });
  });
}

/** Runs a module script in a child Node process (optionally behind `prefix`, e.g. taskset); resolves with its stdout. */
function runScript(script: string, args: string[], prefix: string[] = [], nodeFlags: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const argv = [...nodeFlags, '--input-type=module', '-e', script, '--', ...args];
    const child = spawnNode(argv, prefix, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`bench child exited with ${code}`))));
  });
}

/**
 * compromise's full parse plus its organisation/person/place/money views over the texts (saved as a JSON
 * array in `textsFile`), in a fresh process: seconds. With `prefix` (taskset) it runs on one CPU.
 */
async function compromiseBaseline(textsFile: string, prefix: string[] = []): Promise<number> {
  const script = `
    import { readFileSync } from 'node:fs';
    import nlp from 'compromise';
    const texts = JSON.parse(readFileSync(process.argv[process.argv.length - 1], 'utf8'));
    nlp(texts[0]).organizations().out('array'); // load and warm up outside the timing
    const t0 = performance.now();
    for (const t of texts) {
      const doc = nlp(t);
      doc.organizations().out('array');
      doc.people().out('array');
      doc.places().out('array');
      doc.money().out('array');
    }
    process.stdout.write(String((performance.now() - t0) / 1000));`;
  return Number(await runScript(script, [textsFile], prefix));
}

/**
 * What the machine itself gives: the core function over the same texts in 1 process (on each CPU in turn when
 * `oneCores` are given: their mean), then in `n` processes at once. Two vCPUs that share a physical core (or a
 * throttled VM) give far less than 2x; the batch cannot beat this ceiling, so the all-cores figure is read
 * against it.
 */
async function machineCeiling(dataDir: string, n: number, oneCores: string[][]): Promise<number> {
  const script = `
    import { readdirSync, readFileSync } from 'node:fs';
    import { processArticle } from ${JSON.stringify(join(ROOT, 'dist', 'src', 'pipeline.js'))};
    const dir = ${JSON.stringify(dataDir)};
    const arts = readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.txt')).map((f) => ({ f, b: readFileSync(dir + '/' + f) }));
    for (const a of arts.slice(0, 5)) processArticle({ bytes: a.b, relPath: a.f, source: a.f });
    const until = performance.now() + 4000; let n = 0;
    while (performance.now() < until) { const a = arts[n++ % arts.length]; processArticle({ bytes: a.b, relPath: a.f, source: a.f }); }
    process.stdout.write(String(n));`;
  // The same V8 settings as the batch (src/runner/jit.ts), so the ceiling is read in the same regime.
  const once = (prefix: string[] = []) => runScript(script, [], prefix, BATCH_JIT_FLAGS).then(Number);
  let solo = 0;
  for (const prefix of oneCores.length ? oneCores : [[]]) solo += (await once(prefix)) / Math.max(1, oneCores.length);
  const together = await Promise.all(Array.from({ length: n }, () => once()));
  return together.reduce((a, b) => a + b, 0) / Math.max(1, solo);
}

async function redisAvailable(): Promise<string | null> {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const { checkRedis } = await import('../src/queue/config.js');
  try {
    await checkRedis(url, 2000);
    return url;
  } catch {
    return null;
  }
}

/** Removes the bench's own queue from Redis (its jobs are gone; the events stream and meta keys remain otherwise). */
async function dropBenchQueue(url: string, name: string): Promise<void> {
  const [{ Queue }, { redisConnection }] = await Promise.all([import('bullmq'), import('../src/queue/config.js')]);
  const connection = redisConnection(url);
  const queue = new Queue(name, { connection });
  try {
    await queue.obliterate({ force: true });
  } catch (err) {
    process.stderr.write(`bench: could not remove the queue ${name} from Redis: ${(err as Error).message}\n`);
  } finally {
    await queue.close().catch(() => undefined);
    connection.disconnect();
  }
}

/** The median element of a non-empty list by `key` (the lower one of the two middle ones for an even count). */
function middle<T>(list: T[], key: (x: T) => number): T {
  return [...list].sort((a, b) => key(a) - key(b))[(list.length - 1) >> 1]!;
}

/** The issue's targets, each tested once: for the verdict and for how its figure is printed (beside). */
export const TARGETS = {
  oneCore: (ratio: number) => ratio >= 5,
  allCores: (ratio: number) => ratio >= 1.6,
  queue: (slowerPct: number) => slowerPct <= 15,
  rerun: (seconds: number) => seconds <= 3,
  peak: (mb: number) => mb <= 500,
};

/**
 * A figure printed beside its verdict: `digits` decimals, or as many more as it takes for the printed number to
 * fall on the same side of the target as the figure itself (`ok` is the verdict's test): a median ratio of
 * 1.596 against >= 1.6 reads 1.596, not 1.60 beside NOT MET.
 */
export function beside(x: number, digits: number, ok: (v: number) => boolean): string {
  let d = digits;
  while (d < 6 && ok(+x.toFixed(d)) !== ok(x)) d++;
  return x.toFixed(d);
}

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        data: { type: 'string', default: join(ROOT, 'fixtures', 'wikinews') },
        'min-mb': { type: 'string', default: '5' },
        repeat: { type: 'string', default: '3' },
        'rerun-articles': { type: 'string', default: '10000' },
        settle: { type: 'string', default: '300' },
        'no-queue': { type: 'boolean', default: false },
        json: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) { process.stdout.write(HELP); return 0; }
  const minMb = Number(values['min-mb']);
  const rerunArticles = Number(values['rerun-articles']);
  const repeat = Number(values.repeat);
  const settleS = Number(values.settle);
  if (!(minMb > 0) || !Number.isInteger(rerunArticles) || rerunArticles < 0 || !Number.isInteger(repeat) || repeat < 1 || !(settleS >= 0)) {
    process.stderr.write(`bench: Expected \`--min-mb\` > 0, \`--repeat\` a positive integer, \`--rerun-articles\` a non-negative integer and \`--settle\` >= 0, got \`${values['min-mb']}\`, \`${values.repeat}\`, \`${values['rerun-articles']}\`, \`${values.settle}\`\n`);
    return 2;
  }
  let articles: Article[];
  try {
    articles = loadArticles(values.data!);
  } catch (err) {
    process.stderr.write(`bench: cannot read --data ${values.data}: ${(err as Error).message}\n`);
    return 2;
  }
  if (!articles.length) { process.stderr.write(`bench: no articles (JSON with "text", or .txt) in ${values.data}\n`); return 2; }
  const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
  const cores = availableParallelism();
  const work = join(tmpdir(), `newsfacts-bench-${process.pid}`);
  const texts = articles.map((a) => a.text);
  const smallMb = mb(texts);
  const figures: Record<string, unknown> = { cores, data: values.data, articles: articles.length, text_mb: +smallMb.toFixed(3) };
  const rows: [string, string, string, string][] = [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  let queueName: { url: string; name: string } | null = null;
  try {
    log(`${articles.length} articles, ${smallMb.toFixed(2)} MB of text; ${cores} cores`);

    const oneCores = oneCorePrefixes();
    /** One-core rows are taken on one CPU at a time (taskset): not where taskset is missing. */
    const pinned = oneCores !== null;
    mkdirSync(work, { recursive: true });
    // First, before anything is timed: the machine ceiling and the baseline were as disturbed as the batches.
    const settled = await settleFiles(join(work, 'settle'), settleS, log);
    const isSettled = settled.us <= SETTLED_US;
    rows.push(['creating a file, before the bench', `${settled.us.toFixed(0)} µs`, `${isSettled ? 'settled' : 'NOT settled: every figure below pays for it'}${settled.waitedS >= 1 ? `, after waiting ${settled.waitedS.toFixed(0)} s` : ''} (--settle ${settleS})`, '']);
    figures.file_creation = { us: +settled.us.toFixed(0), waited_s: +settled.waitedS.toFixed(0), settled: isSettled };
    const textsFile = join(work, 'texts.json');
    writeFileSync(textsFile, JSON.stringify(texts));
    log('baseline: compromise full parse + organisation/person/place/money views, in a fresh process, all cores');
    const baseFreeS = await compromiseBaseline(textsFile);
    const baseFreeRate = smallMb / baseFreeS;
    // On one CPU the baseline is measured in every round, just before that round's one-CPU batch (below): measured
    // once at the start, a slow spell of the machine during the rounds read as the batch being slow (one bench
    // here: baseline 0.113 MB/s at the start, then one-CPU batches of 7.2-11.3 s: 4.6x, where the benches
    // before read 5.3-6.6x).
    let baseRate = baseFreeRate;
    rows.push(['compromise baseline, cores free', `${baseFreeRate.toFixed(3)} MB/s`, `its GC helpers on the other core${pinned ? '' : ' (no taskset: the ratios are read against this)'}`, '']);
    figures.baseline_free_mb_s = +baseFreeRate.toFixed(3);

    log('per stage: the core in this process, one thread');
    for (const a of articles.slice(0, 3)) processArticle({ bytes: Buffer.from(a.json), relPath: a.name, source: a.name });
    const timings: StageTimings = new Map();
    const t0 = performance.now();
    for (const a of articles) processArticle({ bytes: Buffer.from(a.json), relPath: a.name, source: a.name }, timings);
    const coreS = (performance.now() - t0) / 1000;
    const stages: Record<string, number> = {};
    for (const [stage, ms] of [...timings].sort((x, y) => y[1] - x[1])) {
      stages[stage] = +(smallMb / (ms / 1000)).toFixed(2);
      rows.push([`  stage ${stage}`, `${(smallMb / (ms / 1000)).toFixed(2)} MB/s`, `${((ms / 1000 / coreS) * 100).toFixed(0)}% of core time`, '']);
    }
    figures.stages_mb_s = stages;
    figures.core_mb_s = +(smallMb / coreS).toFixed(3);
    rows.push(['core function, all stages (1 thread)', `${(smallMb / coreS).toFixed(3)} MB/s`, `${(smallMb / coreS / baseFreeRate).toFixed(1)}x baseline with cores free`, '']);

    log(`machine ceiling: the core in 1 process${pinned ? ' on one CPU' : ''}, then in ${cores} processes at once`);
    const ceiling = await machineCeiling(values.data!, cores, oneCores ?? []);
    figures.machine_ceiling = +ceiling.toFixed(2);
    rows.push([`machine ceiling, ${cores} processes vs 1${pinned ? ' on one core' : ''}`, `${ceiling.toFixed(2)}x`, 'independent processes, no coordination', '']);

    const env = { ...process.env };
    delete env.REDIS_URL;
    const small = writeCorpus(join(work, 'small'), articles, 1);
    const smallArgs = (name: string, extra: string[]) => ['--corpus', join(work, 'small'), '--out', join(work, name, 'out'), '--store', join(work, name, 'facts.sqlite'), ...extra];
    log(`whole batch on the ${small.files} articles as given, --concurrency 1 and ${cores}`);
    const s1 = await runExtract(smallArgs('s1', ['--concurrency', '1']), env);
    const sN = await runExtract(smallArgs('sN', ['--concurrency', String(cores)]), env);
    const s1Rate = small.mb / s1.seconds, sNRate = small.mb / sN.seconds;
    rows.push([`whole batch, ${small.files} articles, --concurrency 1`, `${s1Rate.toFixed(3)} MB/s (${s1.seconds.toFixed(1)} s, ${s1.peakRssMb.toFixed(0)} MB)`, `${(s1Rate / baseFreeRate).toFixed(1)}x baseline with cores free`, '']);
    rows.push([`whole batch, ${small.files} articles, --concurrency ${cores}`, `${sNRate.toFixed(3)} MB/s (${sN.seconds.toFixed(1)} s, ${sN.peakRssMb.toFixed(0)} MB)`, `${(sNRate / s1Rate).toFixed(2)}x --concurrency 1`, '']);
    figures.small_batch = { c1_mb_s: +s1Rate.toFixed(3), c1_vs_baseline_free: +(s1Rate / baseFreeRate).toFixed(2), cN_mb_s: +sNRate.toFixed(3), cN_vs_c1: +(sNRate / s1Rate).toFixed(2) };

    const copies = Math.max(1, Math.ceil(minMb / smallMb));
    const large = writeCorpus(join(work, 'large'), articles, copies);
    log(`large corpus: ${large.files} articles, ${large.mb.toFixed(2)} MB of text`);
    const args = (name: string, extra: string[]) => ['--corpus', join(work, 'large'), '--out', join(work, name, 'out'), '--store', join(work, name, 'facts.sqlite'), ...extra];

    const queueUrl = values['no-queue'] ? null : await redisAvailable();
    const queueEnv = queueUrl ? { ...env, REDIS_URL: queueUrl, NEWSFACTS_QUEUE: `newsfacts-bench-${process.pid}` } : null;
    if (queueUrl) queueName = { url: queueUrl, name: `newsfacts-bench-${process.pid}` };
    // Each configuration `repeat` times, interleaved, each run from scratch (new store, new output): the
    // machine's drift then falls on all of them alike, and the median of each is reported.
    const runs: { one: RunFigures[]; c1: RunFigures[]; cN: RunFigures[]; q: RunFigures[] } = { one: [], c1: [], cN: [], q: [] };
    /** Seconds of compromise's baseline on one CPU, one per round. */
    const baseRuns: number[] = [];
    // Every run gets folders of its own, and none is deleted until the bench ends. Deleting the run before
    // (a 40 MB store and 1,180 article files) just ahead of the next one made that run's article files cost
    // 1.0-1.4 s instead of 0.1-0.2 s: for a minute or so after a delete, ext4 skips the recently freed inodes
    // one by one (recently_deleted, find_inode_bit in a perf profile) for each file it creates. A user
    // re-running rewrites files in place; the bench measured its own clean-up (and, run right after another
    // bench, that one's: hence settleFiles at the start).
    for (let r = 0; r < repeat; r++) {
      const fresh = (name: string) => `${name}-${r}`;
      if (oneCores) {
        // This round's CPU, for its baseline and its batch alike.
        const cpu = oneCores[r % oneCores.length]!;
        log(`baseline on one CPU (${cpu.join(' ')}; run ${r + 1} of ${repeat})`);
        baseRuns.push(await compromiseBaseline(textsFile, cpu));
        log(`whole batch in-process on one CPU (${cpu.join(' ')}), --concurrency 1 (run ${r + 1} of ${repeat})`);
        runs.one.push(await runExtract(args(fresh('one'), ['--concurrency', '1']), env, cpu));
      }
      log(`whole batch in-process, --concurrency 1 (run ${r + 1} of ${repeat})`);
      runs.c1.push(await runExtract(args(fresh('c1'), ['--concurrency', '1']), env));
      log(`whole batch in-process, --concurrency ${cores} (run ${r + 1} of ${repeat})`);
      runs.cN.push(await runExtract(args(fresh('cN'), ['--concurrency', String(cores)]), env));
      if (queueEnv) {
        log(`whole batch through BullMQ, ${cores} local workers (run ${r + 1} of ${repeat})`);
        runs.q.push(await runExtract(args(fresh('q'), ['--local-workers', String(cores)]), queueEnv));
      }
    }
    const median = (list: RunFigures[]): RunFigures => ({ ...middle(list, (x) => x.seconds), peakRssMb: Math.max(...list.map((x) => x.peakRssMb)) });
    const spread = (list: RunFigures[]) => (list.length > 1 ? `, runs ${list.map((x) => x.seconds.toFixed(1)).join('/')} s` : '');
    const cores_ = (x: RunFigures) => `${(x.cpuSeconds / x.seconds).toFixed(2)} cores busy`;
    const c1 = median(runs.c1);
    const c1Rate = large.mb / c1.seconds;
    // The one-core figure: on one CPU where taskset exists, else --concurrency 1 with the cores free.
    const one = pinned ? median(runs.one) : c1;
    const oneRate = large.mb / one.seconds;
    let basePerRound: number[] = [];
    if (pinned) {
      const baseS = middle(baseRuns, (x) => x);
      baseRate = smallMb / baseS;
      basePerRound = runs.one.map((x, i) => (large.mb / x.seconds) / (smallMb / baseRuns[i]!));
      rows.splice(0, 0, ['compromise baseline, one core', `${baseRate.toFixed(3)} MB/s${baseRuns.length > 1 ? ` (runs ${baseRuns.map((x) => x.toFixed(1)).join('/')} s)` : ''}`, 'one CPU (taskset), once per round: the ratios below are read against this', '']);
    }
    figures.baseline_mb_s = +baseRate.toFixed(3);
    const oneRatio = oneRate / baseRate;
    if (pinned) {
      const rounds = basePerRound.length > 1 ? `; per round ${basePerRound.map((r) => r.toFixed(1)).join('/')}` : '';
      rows.push(['whole batch, one core (one CPU, --concurrency 1)', `${oneRate.toFixed(3)} MB/s (${one.seconds.toFixed(1)} s, ${one.peakRssMb.toFixed(0)} MB${spread(runs.one)})`, `${beside(oneRatio, 1, TARGETS.oneCore)}x baseline${rounds}`, `>= 5x: ${verdict(TARGETS.oneCore(oneRatio))}`]);
      rows.push(['whole batch, --concurrency 1, cores free', `${c1Rate.toFixed(3)} MB/s (${c1.seconds.toFixed(1)} s, ${c1.peakRssMb.toFixed(0)} MB${spread(runs.c1)})`, `${(c1Rate / baseFreeRate).toFixed(1)}x baseline with cores free; ${cores_(c1)}`, '']);
    } else {
      rows.push(['whole batch, --concurrency 1', `${c1Rate.toFixed(3)} MB/s (${c1.seconds.toFixed(1)} s, ${c1.peakRssMb.toFixed(0)} MB${spread(runs.c1)})`, `${beside(oneRatio, 1, TARGETS.oneCore)}x baseline; ${cores_(c1)}`, `>= 5x: ${verdict(TARGETS.oneCore(oneRatio))}`]);
    }
    const cN = median(runs.cN);
    const cNRate = large.mb / cN.seconds;
    const scaling = cNRate / oneRate;
    // The same ratio within each round (its runs minutes apart at most): how far the machine's noise moves it.
    const perRound = runs.cN.map((x, i) => (pinned ? runs.one[i]! : runs.c1[i]!).seconds / x.seconds);
    const rounds = perRound.length > 1 ? `; per round ${perRound.map((r) => r.toFixed(2)).join('/')}` : '';
    rows.push([`whole batch, --concurrency ${cores}`, `${cNRate.toFixed(3)} MB/s (${cN.seconds.toFixed(1)} s, ${cN.peakRssMb.toFixed(0)} MB${spread(runs.cN)})`, `${beside(scaling, 2, TARGETS.allCores)}x one core (machine ceiling ${ceiling.toFixed(2)}x${rounds})${pinned ? `, ${(cNRate / c1Rate).toFixed(2)}x --concurrency 1 with cores free` : ''}; ${cores_(cN)}`, `>= 1.6x: ${verdict(TARGETS.allCores(scaling))}`]);
    figures.batch = { repeat, one_core_mb_s: +oneRate.toFixed(3), one_core_vs_baseline: +beside(oneRatio, 2, TARGETS.oneCore), one_core_vs_baseline_per_round: basePerRound.map((r) => +r.toFixed(2)), baseline_runs_s: baseRuns.map((x) => +x.toFixed(2)), one_core_pinned: pinned, c1_mb_s: +c1Rate.toFixed(3), c1_cores_busy: +(c1.cpuSeconds / c1.seconds).toFixed(2), cN_mb_s: +cNRate.toFixed(3), cN_vs_one_core: +beside(scaling, 2, TARGETS.allCores), cN_vs_one_core_per_round: perRound.map((r) => +r.toFixed(2)), cN_vs_c1: +(cNRate / c1Rate).toFixed(2), one_runs_s: runs.one.map((x) => +x.seconds.toFixed(2)), c1_runs_s: runs.c1.map((x) => +x.seconds.toFixed(2)), cN_runs_s: runs.cN.map((x) => +x.seconds.toFixed(2)), c1_summary: c1.summary, cN_summary: cN.summary };
    let peak = Math.max(c1.peakRssMb, cN.peakRssMb, one.peakRssMb, s1.peakRssMb, sN.peakRssMb);

    log('unchanged re-run of the large corpus');
    const again = await runExtract(args(`cN-${repeat - 1}`, ['--concurrency', String(cores)]), env);
    rows.push(['unchanged re-run, large corpus', `${again.seconds.toFixed(2)} s`, again.summary.replace(/^extract: /, ''), '']);

    if (!values['no-queue'] && !queueEnv) {
      rows.push(['BullMQ, local workers', 'skipped: no Redis (set REDIS_URL)', '', '']);
    } else if (queueEnv) {
      const q = median(runs.q);
      const qRate = large.mb / q.seconds;
      const slower = 1 - qRate / cNRate;
      rows.push([`BullMQ, ${cores} local workers`, `${qRate.toFixed(3)} MB/s (${q.seconds.toFixed(1)} s, ${q.peakRssMb.toFixed(0)} MB${spread(runs.q)})`, `${beside(slower * 100, 0, TARGETS.queue)}% slower than in-process`, `within 15%: ${verdict(TARGETS.queue(slower * 100))}`]);
      figures.queue = { mb_s: +qRate.toFixed(3), slower_than_in_process: +slower.toFixed(3), runs_s: runs.q.map((x) => +x.seconds.toFixed(2)), summary: q.summary };
      peak = Math.max(peak, q.peakRssMb);
    }

    if (rerunArticles > 0) {
      const big = writeCorpus(join(work, 'many'), articles, Math.ceil(rerunArticles / articles.length), rerunArticles);
      log(`${big.files}-article corpus: first run (${big.mb.toFixed(1)} MB of text)`);
      const first = await runExtract(['--corpus', join(work, 'many'), '--out', join(work, 'many-out'), '--store', join(work, 'many.sqlite'), '--concurrency', String(cores)], env);
      peak = Math.max(peak, first.peakRssMb);
      log(`${big.files}-article corpus: unchanged re-run`);
      const rerun = await runExtract(['--corpus', join(work, 'many'), '--out', join(work, 'many-out'), '--store', join(work, 'many.sqlite'), '--concurrency', String(cores)], env);
      rows.push([`first run, ${big.files} articles`, `${first.seconds.toFixed(1)} s, ${first.peakRssMb.toFixed(0)} MB`, first.summary.replace(/^extract: /, ''), '']);
      rows.push([`unchanged re-run, ${big.files} articles`, `${beside(rerun.seconds, 2, TARGETS.rerun)} s`, rerun.summary.replace(/^extract: /, ''), `<= 3 s: ${verdict(TARGETS.rerun(rerun.seconds))}`]);
      figures.rerun = { articles: big.files, first_s: +first.seconds.toFixed(2), rerun_s: +rerun.seconds.toFixed(2) };
    }
    rows.push(['peak RSS (process tree)', `${beside(peak, 0, TARGETS.peak)} MB`, '', `<= 500 MB: ${verdict(TARGETS.peak(peak))}`]);
    figures.peak_rss_mb = Math.round(peak);
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (queueName) await dropBenchQueue(queueName.url, queueName.name);
  }
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  process.stdout.write(`newsfacts bench: ${figures.articles} articles (${figures.text_mb} MB) from ${figures.data}, ${figures.cores} cores\n`);
  for (const r of rows) process.stdout.write(`${r[0].padEnd(w[0]!)}  ${r[1].padEnd(w[1]!)}  ${r[2].padEnd(w[2]!)}  ${r[3]}\n`.replace(/\s+\n$/, '\n'));
  if (values.json) writeFileSync(values.json, JSON.stringify(figures, null, 2) + '\n');
  return 0;
}

if (isMain(import.meta.url)) run(process.argv.slice(2)).then((code) => process.exit(code));
