import { Worker } from 'node:worker_threads';

/**
 * Copies the store's write-ahead log back into the database file from a thread of its own, so that neither
 * the storing thread nor the end of the batch waits for it. A checkpoint is mostly waiting for the disk
 * (27 MB of WAL: ~0.12 s, 20 ms of it CPU): done by the connection that commits, it stalled the batch's main
 * thread ~0.5 s at every 64 MB (the pool threads ran out of work meanwhile); done when the store was closed,
 * it was the last 0.2-0.3 s of every batch. Passive: it waits for no reader or writer, and copies what is
 * committed when it starts; what it misses is copied by the next one, or by closing the store.
 * A failure only leaves the copying to a later checkpoint or to closing the store, so it is not reported.
 */
export class Checkpointer {
  /** Started at the first request: a batch with nothing to store never pays for the thread. */
  private worker: Worker | undefined;
  private running = false;
  private again = false;
  private done: (() => void)[] = [];
  /** Document bytes stored since the last checkpoint was asked for. */
  private pending = 0;

  /**
   * `everyBytes`: how much document JSON a batch stores between two checkpoints. The WAL grows ~4.6x that
   * (each article's rows and the index pages they touch: 1,180 Wikinews articles, 12.9 MB of documents,
   * 59.5 MB of WAL), so the default of 4 MB keeps it near 20 MB, well before the store's own checkpoint on
   * the storing thread (at 128 MB, FactStore.open). Each checkpoint ends with an fsync, which on ext4 also
   * holds up the storing thread's writes to the WAL meanwhile; but the last one, after the batch, is copied
   * while the article files are written, and there a 60 MB WAL took 0.24-0.33 s and ended after everything
   * else. At 16 MB (no checkpoint at all during a batch of 1,180 articles) against 4 MB, 16 interleaved pairs
   * of two-core batches: 4 MB faster in 11, by 57 ms (median); on one CPU, 8 pairs: 64 ms, 4 of 8.
   */
  constructor(private readonly storeFile: string, private readonly everyBytes = 4 * 1024 * 1024) {}

  private thread(): Worker {
    if (!this.worker) {
      const worker = new Worker(new URL('./checkpoint-thread.js', import.meta.url), { workerData: this.storeFile });
      worker.on('message', () => this.finished());
      worker.on('error', () => this.finished());
      worker.on('exit', () => this.finished());
      this.worker = worker;
    }
    return this.worker;
  }

  /** A checkpoint soon: now, or when the one under way ends. */
  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.thread().postMessage('checkpoint');
  }

  /** After each commit of a batch: `bytes` of documents were stored; a checkpoint once they add up to `everyBytes`. */
  stored(bytes: number): void {
    this.pending += bytes;
    if (this.pending < this.everyBytes) return;
    this.pending = 0;
    this.request();
  }

  private finished(): void {
    this.running = false;
    if (this.again) {
      this.again = false;
      this.request();
      return;
    }
    for (const resolve of this.done.splice(0)) resolve();
  }

  /**
   * Waits for the checkpoints asked for, then ends the thread (its connection closed: the store may close).
   * Until then the thread keeps the process alive: a waited-for checkpoint always gets to finish.
   */
  async close(): Promise<void> {
    if (this.running) await new Promise<void>((resolve) => this.done.push(resolve));
    await this.worker?.terminate();
  }
}
