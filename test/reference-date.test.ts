import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { inferReferenceDate } from '../src/normalise/reference-date.js';

test('the publication date wins', () => {
  assert.deepEqual(inferReferenceDate('Signed in March 2011.', '2011-05-10'), { date: '2011-05-10', source: 'published' });
});

test('inferred from the latest explicit past date, not from deadlines or plans', () => {
  const table: [string, string | null][] = [
    ['As of March 2011 less than a third had it. The deal was signed on 4 April 2011.', '2011-04-04'],
    ['The figures were published in March 2011. The contract ends by April 2020.', '2011-03-31'],
    ['It happened on June 3, 2019, and the trial will start on 5 November 2019.', '2019-06-03'],
    ['Friday, January 4, 2019\n\nAn apartment building collapsed on Monday.', '2019-01-04'],
  ];
  for (const [text, want] of table) assert.deepEqual(inferReferenceDate(text, null), { date: want, source: 'inferred' }, text);
});

test('no explicit date: none, and never the clock', () => {
  assert.deepEqual(inferReferenceDate('Last year, he triggered an investigation two years ago.', null), { date: null, source: 'none' });
  assert.deepEqual(inferReferenceDate('It was signed in 2003.', null), { date: null, source: 'none' });
  assert.deepEqual(inferReferenceDate('Signed in March 2011.', 'not a date'), { date: '2011-03-31', source: 'inferred' });
});

test('dev seeds: the seed that states March 2011 gets it; the others have no full date', () => {
  const seed = (id: string) => fs.readFileSync(new URL(`../../fixtures/seeds/${id}.txt`, import.meta.url), 'utf8');
  assert.deepEqual(inferReferenceDate(seed('002_27b321e9dc35b123'), null), { date: '2011-03-31', source: 'inferred' });
  assert.deepEqual(inferReferenceDate(seed('000_13f6bceb842ed5be'), null), { date: null, source: 'none' });
});
