import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processArticle } from '../src/pipeline.js';
import { toJson } from '../src/store/render.js';
import { FIXTURES } from './helpers.js';

// Golden files: the core's facts/v1 document for each fixture article, one file per article under
// fixtures/golden/articles/<folder>/<id>.json. A change in extraction shows up as a diff here; when the change
// is intended, rewrite them on purpose with `UPDATE_GOLDEN=1 npm test` and review the diff before committing.
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = join(FIXTURES, 'golden', 'articles');
const SETS = ['seeds', 'wikinews', 'html'];

for (const set of SETS) {
  const dir = join(FIXTURES, set);
  const files = readdirSync(dir).filter((f) => /\.(txt|json|html|md)$/.test(f) && !/^(README|ATTRIBUTION|LICENSE)\b/i.test(f)).sort();
  for (const file of files) {
    test(`golden: ${set}/${file}`, () => {
      const doc = processArticle({ bytes: readFileSync(join(dir, file)), relPath: file, source: `corpus/${file}` }).doc;
      const actual = toJson(doc);
      const path = join(GOLDEN, set, `${doc.article.id}.json`);
      if (UPDATE || !existsSync(path)) {
        if (!UPDATE) assert.fail(`no golden file ${path}; create it with UPDATE_GOLDEN=1 npm test`);
        mkdirSync(join(GOLDEN, set), { recursive: true });
        writeFileSync(path, actual);
        return;
      }
      const expected = JSON.parse(readFileSync(path, 'utf8'));
      assert.deepEqual(JSON.parse(actual), expected);
    });
  }
}
