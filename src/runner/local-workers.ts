import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Local workers started by `extract` itself on this machine (the same program as `npm run worker`), so a
 * BullMQ batch completes on its own: one worker process taking `count` jobs at once, each on its own thread.
 * One process rather than `count`: a second Node process with its own copy of BullMQ and ioredis costs
 * ~80 MB and buys nothing here (the threads already run in parallel; a crash is contained by BullMQ's
 * stalled-job recovery either way). Its stderr is passed through, prefixed, for the user to see.
 */
export class LocalWorkers {
  private readonly children: ChildProcess[] = [];

  constructor(count: number, redisUrl: string, stderr: NodeJS.WritableStream) {
    const script = fileURLToPath(new URL('../../workers/worker.js', import.meta.url));
    const child = spawn(process.execPath, [script, '--concurrency', String(count)], {
      env: { ...process.env, REDIS_URL: redisUrl },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      // Not repeated: its start and stop, and Redis being unreachable (extract checks Redis and says so itself).
      for (const line of chunk.split('\n')) if (line.trim() && !/ ready on |: SIG(TERM|INT): finishing|cannot reach Redis/.test(line)) stderr.write(`  [local ${line.trim()}]\n`);
    });
    this.children.push(child);
  }

  get pids(): number[] {
    return this.children.map((c) => c.pid ?? -1);
  }

  /** SIGTERM each (they finish the job in hand), and wait for them to exit. */
  async stop(): Promise<void> {
    await Promise.all(this.children.map((c) => new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      const t = setTimeout(() => c.kill('SIGKILL'), 15_000);
      c.once('exit', () => { clearTimeout(t); resolve(); });
      c.kill('SIGTERM');
    })));
  }
}
