// The checkpointing thread (started by Checkpointer): one connection to the store, a passive WAL checkpoint
// for each message, and an answer after each (whether it worked or not).
import { parentPort, workerData } from 'node:worker_threads';
import { FactStore } from '../store/fact-store.js';

parentPort!.on('message', () => {
  try {
    FactStore.checkpoint(workerData as string);
  } catch { /* left to the next checkpoint, or to closing the store */ }
  parentPort!.postMessage('done');
});
