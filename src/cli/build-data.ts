#!/usr/bin/env node
// Build step (run by the npm scripts after tsc): compiles the word data the entity rules read
// (src/extract/entities/word-data.ts) into dist/data/, unless an up-to-date copy is there. Quiet on stdout.
import { WORD_DATA_FILE, writeWordData } from '../extract/entities/word-data.js';

try {
  if (writeWordData()) process.stderr.write(`build: compiled ${WORD_DATA_FILE}\n`);
} catch (err) {
  // Not fatal: without the file the same data is taken from the libraries at run time, only more slowly.
  process.stderr.write(`build: could not write ${WORD_DATA_FILE} (${(err as Error).message}); word data will be read from the libraries at run time\n`);
}
