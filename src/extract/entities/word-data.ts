// What the entity rules know about single words, taken from two libraries' data (see words.ts) and compiled
// once, at build time, into one small file. Getting it from the libraries themselves costs every new batch
// thread about a second of CPU before its first article: importing compromise builds its whole NLP model
// (~0.5 s) to hand over a 24,612-entry lexicon, and natural's Brill lexicon is a 4 MB JSON file (~0.4 s to
// read and sift). The compiled file is read in ~20 ms. It is stamped with both libraries' versions; when it
// is missing or stale (an upgrade without a build) the same data is taken from the libraries, as before.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export type Tags = string | string[] | undefined;

export interface WordData {
  /** compromise version + natural version + this format's number. */
  stamp: string;
  /** compromise's lexicon (`nlp.model().one.lexicon`): lower-case word or phrase -> tag(s). */
  lexicon: Record<string, Tags>;
  /** Brill lexicon: lower-case forms that are ordinary words (some tag other than NNP/NNPS). */
  ordinary: string[];
  /** Brill lexicon: capitalised forms only ever tagged NNP/NNPS. */
  properOnly: string[];
}

const FORMAT = 1;

/** dist/data/word-data.json (this file is dist/src/extract/entities/word-data.js once built). */
export const WORD_DATA_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'word-data.json');

const BRILL = 'natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json';

function packageVersion(entry: string, name: string): string {
  // compromise does not export its package.json: walk up from its entry file.
  let dir = dirname(require.resolve(entry));
  for (let i = 0; i < 6; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '?';
    }
    dir = dirname(dir);
  }
  return '?';
}

export function sourceStamp(): string {
  let natural = 'none';
  try { natural = packageVersion(BRILL, 'natural'); } catch { /* natural's data missing: compiled without it */ }
  return `compromise@${packageVersion('compromise', 'compromise')} natural@${natural} format ${FORMAT}`;
}

/** The data, from the libraries themselves (the slow way). */
export function compileWordData(): WordData {
  // The CommonJS build of compromise: the same lexicon as its ES module (checked in test/word-data.test.ts),
  // and loadable synchronously, so words.ts can fall back to it in the middle of an article.
  const nlp = require('compromise') as { model(): { one: { lexicon: Record<string, Tags> } } };
  const lexicon = nlp.model().one.lexicon;
  const ordinary: string[] = [];
  const properOnly: string[] = [];
  try {
    const lex = JSON.parse(readFileSync(require.resolve(BRILL), 'utf8')) as Record<string, unknown>;
    for (const [w, tags] of Object.entries(lex)) {
      if (!Array.isArray(tags)) continue;
      const proper = tags.every((t) => t === 'NNP' || t === 'NNPS');
      if (!proper && w === w.toLowerCase()) ordinary.push(w);
      if (proper && w !== w.toLowerCase()) properOnly.push(w);
    }
  } catch {
    // Without natural's data the compromise lexicon and the cue lists still work, only less well.
  }
  return { stamp: sourceStamp(), lexicon, ordinary, properOnly };
}

/** The compiled file when it matches the installed libraries, else the data taken from them. */
export function loadWordData(file = WORD_DATA_FILE): WordData {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as WordData;
    if (data.stamp === sourceStamp() && data.lexicon && Array.isArray(data.ordinary) && Array.isArray(data.properOnly)) return data;
  } catch { /* missing or unreadable: compile it here */ }
  return compileWordData();
}

/** Writes the compiled file (atomically) unless an up-to-date one is there; true when it wrote. */
export function writeWordData(file = WORD_DATA_FILE): boolean {
  try {
    if ((JSON.parse(readFileSync(file, 'utf8')) as WordData).stamp === sourceStamp()) return false;
  } catch { /* missing: write it */ }
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(compileWordData()));
  renameSync(tmp, file);
  return true;
}
