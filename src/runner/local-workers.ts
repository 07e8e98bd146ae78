import type { Serving } from '../../workers/serve.js';
import { PoolExecutor } from './in-process.js';

/**
 * The local worker extract runs itself, so a BullMQ batch completes on its own: the same BullMQ worker as
 * `npm run worker` (workers/serve.ts), taking jobs from Redis and handing back their outcomes through Redis,
 * but inside this process, with a pool of `count` threads. It used to be a worker process of its own: a
 * second Node started and loaded BullMQ, ioredis and the core while this one did the same (its pool was
 * ready ~0.3 s after an in-process batch's), and a second main thread and heap handled every job; on two
 * cores that was most of what BullMQ added to a batch.
 * The pool is started at once (its threads load the core while this thread loads BullMQ and checks Redis);
 * jobs are taken from `start()`, once Redis is known to answer.
 */
export class LocalWorkers {
  private readonly executor: PoolExecutor;
  private serving: Promise<Serving> | undefined;

  constructor(count: number, private readonly redisUrl: string, private readonly stderr: NodeJS.WritableStream) {
    this.executor = new PoolExecutor(count);
  }

  start(): void {
    this.serving ??= import('../../workers/serve.js').then(({ serveQueue }) =>
      serveQueue(this.redisUrl, this.executor, (message) => this.stderr.write(`  [local worker: ${message}]\n`)));
    this.serving.catch((err: Error) => this.stderr.write(`  [local worker: cannot start: ${err.message}]\n`));
  }

  /** Finishes the jobs in hand, then stops taking jobs and ends the threads. */
  async stop(): Promise<void> {
    const serving = await this.serving?.catch(() => undefined);
    await serving?.close().catch(() => undefined);
    await this.executor.close();
  }
}
