// Linearity of the core on degenerate text (issue 6): long runs of capitalised words with no punctuation,
// a run of digits, thousands of amounts or year pairs in one "sentence". Each shape is run at a size and at
// four times that size in this process, best of three; the time must grow about fourfold, never by the
// square. A ratio measured in one run, not an absolute time: the machine may be slow or shared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { processArticle } from '../src/pipeline.js';

const encode = (s: string) => new TextEncoder().encode(s);
const run = (text: string) => processArticle({ bytes: encode(text), relPath: 'shape.txt', source: 'shape.txt' }).doc;

/** Text of about `size` characters made of one unit repeated, optionally inside a sentence frame. */
function shape(unit: string, size: number, frame: boolean, tail = ''): string {
  const body = unit.repeat(Math.ceil(size / unit.length));
  return frame ? 'Start. ' + body + ' End.' : body + tail;
}

function bestOf3(text: string): number {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    run(text);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const SMALL = 20_000;
// Fourfold input may take up to ~6x (timer noise, garbage collection); a quadratic path takes ~16x.
const MAX_RATIO = 6;
// Below this the timer and the collector dominate: a fourfold input under it is linear enough.
const FLOOR_MS = 15;

const cases: { name: string; unit: string; frame: boolean; tail?: string; why: string }[] = [
  { name: 'capitalised words', unit: 'Aaa ', frame: true, why: 'one run of capitalised words: splitting it around lexicon names tried every stretch' },
  { name: 'acronyms', unit: 'ABC ', frame: true, why: 'a run of all-capital words' },
  { name: 'initials', unit: 'A. ', frame: true, why: 'initials keep their dot and join one run' },
  { name: 'company suffixes', unit: 'Inc. ', frame: true, why: 'abbreviations with a dot inside a run' },
  { name: 'of-phrases', unit: 'Bank of ', frame: true, why: 'each "of" looked back over the whole run' },
  { name: 'digits before "years ago"', unit: '1234567890', frame: false, tail: ' and 2 years ago', why: 'a count read from every digit of the run' },
  { name: 'amounts in one sentence', unit: '£1 ', frame: false, why: 'each amount read its whole sentence for clause, role and parties' },
  { name: 'year pairs', unit: '2011-', frame: false, why: 'each date looked at every date and the whole sentence' },
];

for (const c of cases) {
  test(`linear in input size: ${c.name} (${c.why})`, () => {
    const small = shape(c.unit, SMALL, c.frame, c.tail);
    const large = shape(c.unit, SMALL * 4, c.frame, c.tail);
    run(small); // warm the lexicons and the compiled code
    const t1 = bestOf3(small);
    const t4 = bestOf3(large);
    const ratio = t4 / Math.max(t1, FLOOR_MS / 4);
    assert.ok(t4 < FLOOR_MS || ratio < MAX_RATIO,
      `${c.name}: ${t1.toFixed(1)} ms at ${small.length} chars, ${t4.toFixed(1)} ms at ${large.length} chars (x${ratio.toFixed(1)})`);
  });
}

test('degenerate inputs still give every mention with exact offsets', () => {
  const text = shape('£1 ', 3000, false);
  const doc = run(text);
  assert.equal(doc.money.length, 1000);
  for (const m of doc.money) assert.equal(text.slice(m.start, m.end), m.text);
  assert.equal(doc.facts.filter((f) => f.kind === 'money').length, 1000);
  const names = run('Start. ' + 'Bank of '.repeat(50) + 'England said so.');
  for (const e of names.entities) for (const m of e.mentions) assert.equal(names.article.text.slice(m.start, m.end), m.text);
  // A count that is only the tail of a longer number is no date.
  assert.deepEqual(run('Flight x1234 years ago.').dates, []);
  assert.equal(run('It happened 12 years ago.').dates[0]?.text, '12 years ago');
});
