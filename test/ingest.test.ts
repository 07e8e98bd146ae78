import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingest } from '../src/ingest/index.js';
import { articleIdOf } from '../src/ingest/formats.js';
import { toIsoDay } from '../src/normalise/published.js';
import { BadInputError } from '../src/errors.js';

const enc = (s: string) => new TextEncoder().encode(s);

test('plain text is kept as read: BOM dropped, line endings kept', () => {
  const r = ingest(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc('CSC\r\nsigned.\r\n')]), 'a.txt');
  assert.equal(r.format, 'text');
  assert.equal(r.text, 'CSC\r\nsigned.\r\n');
  assert.equal(r.title, null);
  assert.equal(r.published, null);
});

test('a Windows-1252 file reads "£" from byte 0xA3, with a warning', () => {
  const bytes = Uint8Array.from([...enc('Deal worth '), 0xa3, ...enc('3.1bn '), 0x96, ...enc(' signed')]);
  const r = ingest(bytes, 'old.txt');
  assert.equal(r.text, 'Deal worth £3.1bn – signed');
  assert.match(r.warnings[0]!.reason, /Windows-1252/);
});

test('NUL bytes become spaces so offsets still line up', () => {
  const r = ingest(enc('BT\u0000signed'), 'nul.txt');
  assert.equal(r.text, 'BT signed');
  assert.match(r.warnings.map((w) => w.reason).join(), /NUL/);
});

test('markdown: front matter gives title and date, markup is dropped', () => {
  const r = ingest(enc('---\ntitle: "CSC deal"\npublished: 2011-05-10\n---\n# Heading\n\nThe **NHS** paid [BT](https://bt.com) £1bn.\n\n- one\n- two\n'), 'x.md');
  assert.equal(r.format, 'markdown');
  assert.equal(r.title, 'CSC deal');
  assert.equal(r.published, '2011-05-10');
  assert.equal(r.text, 'Heading\n\nThe NHS paid BT £1bn.\n\n• one\n• two');
});

test('markdown without front matter takes the first heading as title; bad YAML is bad input', () => {
  assert.equal(ingest(enc('# The title\n\nBody.'), 'x.md').title, 'The title');
  assert.throws(() => ingest(enc('---\ntitle: [unclosed\n---\nBody'), 'x.md'), /front matter is not valid YAML/);
});

test('JSON exports: the common field variants', () => {
  const cases: [Record<string, unknown>, { title: string | null; published: string | null; text: string }][] = [
    [{ title: 'T', published: '2019-01-04', text: 'Body' }, { title: 'T', published: '2019-01-04', text: 'Body' }],
    [{ headline: 'H', publishedAt: '2019-01-04T23:30:00Z', body: 'B' }, { title: 'H', published: '2019-01-04', text: 'B' }],
    [{ title: 'C', date: 'January 4, 2019', content: '<p>One</p><p>Two &amp; three</p>' }, { title: 'C', published: '2019-01-04', text: 'One\n\nTwo & three' }],
    [{ text: 'No metadata' }, { title: null, published: null, text: 'No metadata' }],
  ];
  for (const [obj, want] of cases) {
    const r = ingest(enc(JSON.stringify(obj)), 'a.json');
    assert.deepEqual({ title: r.title, published: r.published, text: r.text }, want, JSON.stringify(obj));
  }
});

test('unusable files are BadInputError with a reason a user can act on', () => {
  const cases: [Uint8Array, string, RegExp][] = [
    [new Uint8Array(), 'a.txt', /empty file/],
    [enc('   \n\n'), 'a.txt', /only whitespace/],
    [enc('{"text": 42}'), 'a.json', /field "text" must be a string, got a number/],
    [enc('[1,2]'), 'a.json', /expected a JSON object.*got an array/],
    [enc('{"title": "x"'), 'a.json', /not valid JSON/],
    [enc('{"title": "x"}'), 'a.json', /no article text/],
    [Uint8Array.from([0, 0, 0, 1, 2, 3, 0, 0, 0, 0]), 'a.txt', /binary/],
  ];
  for (const [bytes, path, reason] of cases) {
    assert.throws(() => ingest(bytes, path), (err: unknown) => err instanceof BadInputError && reason.test((err as Error).message), String(reason));
  }
});

test('article ids are the corpus path without the extension', () => {
  assert.equal(articleIdOf('000_13f6bceb842ed5be.txt'), '000_13f6bceb842ed5be');
  assert.equal(articleIdOf('2011/csc-deal.html'), '2011/csc-deal');
  assert.equal(articleIdOf('a.b/c d.json'), 'a.b/c d');
});

test('publication dates from metadata become YYYY-MM-DD, or null when not a full date', () => {
  const cases: [unknown, string | null][] = [
    ['2019-01-04', '2019-01-04'], ['2019-01-04T23:59:00-05:00', '2019-01-04'], ['2019/1/4', '2019-01-04'],
    ['January 4, 2019', '2019-01-04'], ['Friday, 4 January 2019', '2019-01-04'], ['4 Jan 2019', '2019-01-04'],
    ['2019-02-30', null], ['2019', null], ['yesterday', null], [null, null], [1546560000, '2019-01-04'],
  ];
  for (const [input, want] of cases) assert.equal(toIsoDay(input), want, String(input));
});
