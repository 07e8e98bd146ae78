import { Worker } from 'node:worker_threads';
import type { ArticleInput, ArticleResult } from '../pipeline.js';
import { ArticleFailure } from './executor.js';
import type { ArticleJson, Executor } from './executor.js';
import type { ThreadOutcome } from './pool-task.js';

/**
 * How long one article may take before it is given up. A news article takes well under a second; a text
 * that makes some rule super-linear could otherwise hold a thread (and the batch) for hours. Counted from
 * when its thread takes it up (as this thread learns: when the article before it on that thread is done,
 * or the thread has loaded the core).
 */
export function articleTimeoutMs(): number {
  const raw = process.env.NEWSFACTS_ARTICLE_TIMEOUT_MS;
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n > 0 ? n : 120_000;
}

/**
 * Articles sent to a thread at once: the one in work and the next ones, waiting in the thread's own port.
 * With one waiting, a thread still sat idle ~0.3 s per 500 articles (mostly waits over 2 ms, while this
 * thread committed or collected garbage); with two, ~0.1 s, and on two cores each thread still waited
 * 80-110 ms per 590 Wikinews articles; with five, 5-25 ms. Past the first two waiting, an article is sent
 * ahead only while the thread's queue holds less than QUEUE_BYTES of articles (a few tens of ms of work), so
 * a batch of long articles cannot end with one thread working through a long queue while another idles.
 */
const PER_THREAD = 6;
const ALWAYS_AHEAD = 3;
const QUEUE_BYTES = 64 * 1024;

// Memory stays bounded however large the corpus: a thread works on one article at a time (and holds the
// bytes of the next two, or up to five within QUEUE_BYTES). A young generation of its own size (V8 sizes
// it for a whole process otherwise: 1,180 articles on two threads peaked at 382 MB against 322 MB with 12 MB), but not too small: an article makes several MB
// of short-lived objects, scavenged every few articles at 12 MB with V8's helper threads joining in.
// Interleaved runs of 1,184 articles: 32 or 48 MB took 1-2 s less CPU than 12 MB; 24 MB keeps most of that
// for half the memory (two threads peaked at 276-288 MB, no longer holding compromise's model).
const THREAD_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 24 };

interface Task {
  input: ArticleInput;
  resolve(result: ArticleJson): void;
  reject(err: ArticleFailure): void;
}

interface Thread {
  worker: Worker;
  /** Sent to it and not yet answered, in the order sent: the first is in work. */
  tasks: Task[];
  clock: NodeJS.Timeout | null;
  /** Loaded (the core imported): until then the first article's budget does not run. */
  ready: boolean;
  gone: boolean;
}

/**
 * Concurrency N: N worker threads, each running the same core function, each sent its next articles while
 * it works on one, so it never waits for this thread (busy storing) between two articles: handing out one at
 * a time, as a generic pool does, left each thread idle ~2 ms per article here, ~20% of two threads.
 * The main thread stays free for signals and storing. An article over its time budget is given up by
 * ending its thread (the article waiting behind it goes to the new thread), so one hostile file cannot
 * stall the batch; a thread that dies (out of memory) fails its article, and is replaced the same way.
 */
export class PoolExecutor implements Executor {
  readonly capacity: number;
  private readonly threads: Thread[];
  private readonly waiting: Task[] = [];
  private closed = false;
  /** Threads in a row that died before loading the core, and why the pool gave up (a broken install). */
  private failedStarts = 0;
  private broken: string | null = null;

  /** Articles a pool of `count` threads takes at a time. */
  static capacityFor(count: number): number {
    return count * PER_THREAD;
  }

  constructor(count: number, private readonly timeoutMs = articleTimeoutMs(), private readonly script = new URL('./pool-thread.js', import.meta.url)) {
    this.capacity = PoolExecutor.capacityFor(count);
    this.threads = Array.from({ length: count }, () => this.start());
  }

  private start(): Thread {
    const worker = new Worker(this.script, { resourceLimits: THREAD_LIMITS });
    const thread: Thread = { worker, tasks: [], clock: null, ready: false, gone: false };
    worker.on('message', (message: ThreadOutcome | 'ready') => {
      if (message !== 'ready') return this.answer(thread, message);
      thread.ready = true;
      this.failedStarts = 0;
      if (thread.tasks.length) this.startClock(thread);
    });
    worker.on('error', (err) => this.lost(thread, `worker thread failed: ${err.message}`));
    worker.on('exit', (code) => this.lost(thread, `worker thread exited (code ${code})`));
    return thread;
  }

  /**
   * Runs the core on one article in a thread. More than `capacity` at once may be handed over (a BullMQ
   * worker hands over a bundle of articles per job): the rest wait here, their budget not yet running.
   */
  async process(input: ArticleInput): Promise<ArticleResult> {
    const { docJson, warnings } = await this.processJson(input);
    return { doc: JSON.parse(docJson) as ArticleResult['doc'], warnings, docJson };
  }

  processJson(input: ArticleInput): Promise<ArticleJson> {
    if (this.closed) return Promise.reject(new ArticleFailure('the thread pool is closed', false));
    if (this.broken) return Promise.reject(new ArticleFailure(this.broken, false));
    return new Promise<ArticleJson>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.dispatch();
    });
  }

  /** Sends waiting articles to the threads with the fewest: ALWAYS_AHEAD each, up to PER_THREAD within QUEUE_BYTES. */
  private dispatch(): void {
    while (this.waiting.length) {
      let best: Thread | undefined;
      for (const t of this.threads) if (!t.gone && (!best || t.tasks.length < best.tasks.length)) best = t;
      if (!best || best.tasks.length >= PER_THREAD) return;
      if (best.tasks.length >= ALWAYS_AHEAD) {
        let queued = this.waiting[0]!.input.bytes.length;
        for (const t of best.tasks) queued += t.input.bytes.length;
        if (queued > QUEUE_BYTES) return;
      }
      const task = this.waiting.shift()!;
      best.tasks.push(task);
      // Copied, not moved: should the thread die, the article is sent again to another.
      best.worker.postMessage(task.input);
      if (best.tasks.length === 1 && best.ready) this.startClock(best);
    }
  }

  private startClock(thread: Thread): void {
    if (thread.clock) clearTimeout(thread.clock);
    thread.clock = setTimeout(() => {
      // Deterministic: the same text would take as long again, so it is bad input, not a transient fault.
      thread.tasks.shift()?.reject(new ArticleFailure(`gave up after ${this.timeoutMs} ms (NEWSFACTS_ARTICLE_TIMEOUT_MS); some extraction rule is too slow on this text, please report the file`, true));
      this.replace(thread);
    }, this.timeoutMs);
  }

  private answer(thread: Thread, outcome: ThreadOutcome): void {
    if (thread.gone) return;
    const task = thread.tasks.shift();
    if (thread.clock) clearTimeout(thread.clock);
    thread.clock = null;
    if (thread.tasks.length) this.startClock(thread);
    if (task) {
      if (!outcome.ok) task.reject(new ArticleFailure(outcome.reason, outcome.bad));
      else task.resolve({ docJson: outcome.docJson, warnings: outcome.warnings });
    }
    this.dispatch();
  }

  /** A thread that died on its own: its article in work fails (not as bad input), the rest go elsewhere. */
  private lost(thread: Thread, reason: string): void {
    if (thread.gone) return;
    thread.tasks.shift()?.reject(new ArticleFailure(reason, false));
    // Threads that cannot even load the core (a broken build) are not started over and over.
    if (!thread.ready && ++this.failedStarts >= 3) {
      this.broken = `worker threads cannot start (${reason}); check the build (npm run build)`;
      thread.gone = true;
      this.waiting.push(...thread.tasks);
      thread.tasks = [];
      for (const task of this.waiting.splice(0)) task.reject(new ArticleFailure(this.broken, false));
      return;
    }
    this.replace(thread);
  }

  /** Ends a thread; what was waiting in it goes first to the others, and a new thread takes its place. */
  private replace(thread: Thread): void {
    thread.gone = true;
    if (thread.clock) clearTimeout(thread.clock);
    void thread.worker.terminate();
    this.waiting.unshift(...thread.tasks);
    thread.tasks = [];
    if (this.closed) return;
    this.threads[this.threads.indexOf(thread)] = this.start();
    this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    const ends: Promise<number>[] = [];
    for (const t of this.threads) {
      t.gone = true;
      if (t.clock) clearTimeout(t.clock);
      ends.push(t.worker.terminate());
      this.waiting.push(...t.tasks);
      t.tasks = [];
    }
    for (const task of this.waiting.splice(0)) task.reject(new ArticleFailure('the thread pool was closed', false));
    await Promise.allSettled(ends);
  }
}
