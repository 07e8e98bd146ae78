#!/usr/bin/env node
import { isMain } from '../src/cli/io.js';
import { PoolExecutor } from '../src/runner/in-process.js';
import { tuneJitForBatch } from '../src/runner/jit.js';
import { QUEUE_NAME } from '../src/queue/name.js';

const HELP = `usage: npm run worker [-- --concurrency N]

A newsfacts BullMQ worker: takes article jobs from the queue "${QUEUE_NAME}" on the Redis named by
REDIS_URL (e.g. redis://127.0.0.1:6379), runs the extraction core on each, and hands the facts back through
Redis. Jobs carry the article's bytes, so a worker needs nothing but Redis: start as many as you like, on
any machine that reaches it. Stops cleanly on Ctrl-C / SIGTERM (the job in hand is finished first).

options
  --concurrency N   articles processed at once in this worker (default 1; each runs in its own thread, and
                    one more job per thread is held ready)

environment: NEWSFACTS_ARTICLE_TIMEOUT_MS (per-article time budget, default 120000), NEWSFACTS_QUEUE,
NEWSFACTS_LOCK_MS, NEWSFACTS_STALLED_MS
  -h, --help        this help
`;

export async function run(argv: string[], io: { stderr: NodeJS.WritableStream; stdout: NodeJS.WritableStream }): Promise<number> {
  let concurrency = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') { io.stdout.write(HELP); return 0; }
    if (a === '--concurrency') {
      const raw = argv[++i];
      const n = Number(raw);
      if (!Number.isInteger(n) || n <= 0) { io.stderr.write(`worker: Expected \`--concurrency\` to be a positive integer, got \`${raw ?? ''}\`\n`); return 2; }
      concurrency = n;
    } else { io.stderr.write(`worker: unknown option \`${a}\`\n${HELP}`); return 2; }
  }
  const url = process.env.REDIS_URL;
  if (!url) { io.stderr.write('worker: REDIS_URL is not set; point it at the Redis the batch uses (e.g. redis://127.0.0.1:6379)\n'); return 2; }
  // The core runs in a thread pool (one thread per concurrent job), never on this thread: lock renewals
  // keep going however long an article takes, and one over its time budget is given up. Started first, before
  // even ioredis is loaded, so its threads load the core while this thread checks Redis and loads BullMQ.
  tuneJitForBatch();
  const executor = new PoolExecutor(concurrency);
  let serving: import('./serve.js').Serving;
  let redactUrl: (url: string) => string;
  try {
    const config = await import('../src/queue/config.js');
    redactUrl = config.redactUrl;
    await config.checkRedis(url);
    const { serveQueue } = await import('./serve.js');
    serving = serveQueue(url, executor, (message) => io.stderr.write(`worker: ${message}\n`));
  } catch (err) {
    io.stderr.write(`worker: ${(err as Error).message}\n`);
    await executor.close().catch(() => undefined);
    return 1;
  }
  io.stderr.write(`worker: pid ${process.pid} ready on ${redactUrl(url)} (queue ${QUEUE_NAME}, concurrency ${concurrency})\n`);
  return await new Promise<number>((resolve) => {
    let closing = false;
    const stop = (sig: string) => {
      if (closing) return;
      closing = true;
      io.stderr.write(`worker: ${sig}: finishing the job in hand, then stopping\n`);
      serving.close().catch(() => undefined).then(() => executor.close()).catch(() => undefined).finally(() => resolve(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

if (isMain(import.meta.url)) {
  run(process.argv.slice(2), process).then((code) => process.exit(code));
}
