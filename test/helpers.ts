import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

/** The project root (tests run from dist/test). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
export const FIXTURES = join(ROOT, 'fixtures');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The process's own peak resident memory (VmHWM; worker threads live in the same process), in MB. */
  peakMb: number;
  ms: number;
}

export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  done: Promise<CliResult>;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

/**
 * Starts one of the built commands (e.g. 'src/cli/extract.js') as a user would, in its own process, keeping
 * hold of it (for signals) and polling its peak memory while it runs. Env keys set to undefined are removed.
 */
export function startCli(script: string, args: string[], opts: CliOptions = {}): RunningCli {
  const env = { ...process.env, ...opts.env };
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v === undefined) delete env[k];
  const started = Date.now();
  const child = spawn(process.execPath, [join(DIST, script), ...args], { cwd: opts.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peakKb = 0;
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch { /* exited */ }
  }, 25);
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, peakMb: Math.round(peakKb / 1024), ms: Date.now() - started });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

/** Runs one of the built commands to the end; see startCli. */
export function runCli(script: string, args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return startCli(script, args, opts).done;
}

/** A fresh temporary folder, removed when the returned cleanup runs. */
export function tempDir(prefix = 'newsfacts-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The last line extract wrote to stderr: its summary. */
export function summaryOf(stderr: string): string {
  const lines = stderr.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}

/** The Redis the queue tests run against. */
export const TEST_REDIS_URL = process.env.NEWSFACTS_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

function ping(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const sock = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (ok: boolean) => { sock.destroy(); resolve(ok); };
    sock.setTimeout(2000, () => done(false));
    sock.on('error', () => done(false));
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/**
 * Whether the queue tests can run. Outside CI a missing Redis skips them with a reason; in CI (CI=true)
 * it is an error, so the queue path is never silently untested there.
 */
export async function redisForTests(): Promise<string | false> {
  if (await ping(TEST_REDIS_URL)) return TEST_REDIS_URL;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`CI: no Redis at ${TEST_REDIS_URL}; the queue tests must run in CI (.ci/run starts Redis)`);
  }
  return false;
}

export function uniqueQueue(name: string): string {
  return `newsfacts-test-${name}-${process.pid}-${Date.now().toString(36)}`;
}

/** Removes a test queue and all its jobs from Redis. */
export async function dropQueue(url: string, name: string): Promise<void> {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const q = new Queue(name, { connection });
  await q.obliterate({ force: true }).catch(() => undefined);
  await q.close();
  connection.disconnect();
}

/** A small seeded PRNG (mulberry32) so generated and mutated inputs are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The texts of the seed articles in fixtures/seeds, in file-name order. */
export function seedTexts(): string[] {
  return readdirSync(join(FIXTURES, 'seeds')).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => readFileSync(join(FIXTURES, 'seeds', f), 'utf8'));
}
