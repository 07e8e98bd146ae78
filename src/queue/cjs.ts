import { createRequire } from 'node:module';
import type * as BullMQ from 'bullmq';
import type * as IORedis from 'ioredis';

// BullMQ and ioredis are CommonJS. Imported from an ES module, Node first scans each of their files for its
// exports (cjs-module-lexer: BullMQ's index re-exports every class, so every file is scanned): ~70 ms of
// each process's start, the coordinator's and the worker's, on the batch's busiest moment. Required, they
// are only loaded.
const require = createRequire(import.meta.url);

export const loadBullMQ = (): typeof BullMQ => require('bullmq') as typeof BullMQ;
export const loadIORedis = (): typeof IORedis => require('ioredis') as typeof IORedis;
