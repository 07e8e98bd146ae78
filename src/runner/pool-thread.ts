// A pool thread (started by PoolExecutor): says when it is ready (the core loaded and run once on a made-up
// text, see warmUp: its articles' time budgets start then), then runs the core on each article it is sent, one
// at a time, in the order sent, and sends back each outcome. The next article may already be waiting in its port.
import { parentPort } from 'node:worker_threads';
import type { ArticleInput } from '../pipeline.js';
import { runThreadTask, warmUp } from './pool-task.js';

parentPort!.on('message', (input: ArticleInput) => parentPort!.postMessage(runThreadTask(input)));
warmUp();
parentPort!.postMessage('ready');
