#!/usr/bin/env node
// Build step (run by the npm scripts after tsc): compiles the word data the entity rules read
// (src/extract/entities/word-data.ts) into dist/data/, unless an up-to-date copy is there. Quiet on stdout.
import { WORD_DATA_FILE, writeWordData } from '../extract/entities/word-data.js';

const HELP = `usage: node dist/src/cli/build-data.js

Build step, run by \`npm run build\` and every npm script after tsc: compiles what the entity rules read from
compromise's lexicon and natural's Brill lexicon into ${WORD_DATA_FILE}, stamped with both libraries'
versions, unless an up-to-date copy is there. Without the file the same data is read from the libraries at
run time, only more slowly. Exit status 0 either way; a file that cannot be written is said on stderr.
`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
} else if (args.length) {
  process.stderr.write(`build-data: takes no arguments, got \`${args.join(' ')}\`\n\n${HELP}`);
  process.exitCode = 2;
} else {
  try {
    if (writeWordData()) process.stderr.write(`build: compiled ${WORD_DATA_FILE}\n`);
  } catch (err) {
    // Not fatal: without the file the same data is taken from the libraries at run time, only more slowly.
    process.stderr.write(`build: could not write ${WORD_DATA_FILE} (${(err as Error).message}); word data will be read from the libraries at run time\n`);
  }
}
