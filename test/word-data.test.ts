import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';
import { compileWordData, loadWordData, sourceStamp, WORD_DATA_FILE, writeWordData } from '../src/extract/entities/word-data.js';
import { isDictionaryWord, isOrdinaryWord } from '../src/extract/entities/words.js';
import { tempDir } from './helpers.js';

test('the compiled word data is what the libraries give: compromise ES module lexicon, Brill word lists', () => {
  // npm test builds it first (package.json); it must match the installed libraries exactly.
  const compiled = JSON.parse(readFileSync(WORD_DATA_FILE, 'utf8')) as ReturnType<typeof compileWordData>;
  assert.equal(compiled.stamp, sourceStamp());
  const esm = (nlp as unknown as { model(): { one: { lexicon: Record<string, unknown> } } }).model().one.lexicon;
  assert.deepEqual(compiled.lexicon, JSON.parse(JSON.stringify(esm)));
  const fresh = compileWordData();
  assert.deepEqual(compiled.ordinary, fresh.ordinary);
  assert.deepEqual(compiled.properOnly, fresh.properOnly);
  assert.ok(compiled.ordinary.includes('however') && compiled.properOnly.includes('Gravesend'));
});

test('a stale or broken compiled file is not used: the data comes from the libraries', () => {
  const t = tempDir();
  try {
    const file = join(t.dir, 'word-data.json');
    writeFileSync(file, JSON.stringify({ stamp: 'compromise@0.0.1 natural@0 format 1', lexicon: { london: 'Noun' }, ordinary: ['london'], properOnly: [] }));
    const data = loadWordData(file);
    assert.equal(data.stamp, sourceStamp());
    assert.ok(data.properOnly.includes('Gravesend'));
    writeFileSync(file, '{ not json');
    assert.equal(loadWordData(file).stamp, sourceStamp());
    // writeWordData replaces the broken file, then leaves an up-to-date one alone.
    assert.equal(writeWordData(file), true);
    assert.equal(loadWordData(file).stamp, sourceStamp());
    assert.equal(writeWordData(file), false);
  } finally {
    t.cleanup();
  }
});

test('the word facts the entity rules read', () => {
  assert.equal(isOrdinaryWord('However'), true); // a sentence-opening ordinary word
  assert.equal(isOrdinaryWord('London'), false); // a place in compromise's lexicon
  assert.equal(isDictionaryWord('contracts'), true); // an inflection of a Brill word
});
