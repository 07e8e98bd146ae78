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

function timeOf(text: string): number {
  const t0 = performance.now();
  run(text);
  return performance.now() - t0;
}

/** Best of five for each size, the two sizes interleaved so that both see the same machine. */
function bestTimes(small: string, large: string): { t1: number; t4: number } {
  let t1 = Infinity;
  let t4 = Infinity;
  for (let r = 0; r < 5; r++) {
    t1 = Math.min(t1, timeOf(small));
    t4 = Math.min(t4, timeOf(large));
  }
  return { t1, t4 };
}

const SMALL = 20_000;
// Fourfold input takes ~4x when linear and ~16x when quadratic; 8 sits between with room for noise
// (garbage collection, a shared machine).
const MAX_RATIO = 8;
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
    // A busy machine can spoil one measurement; a super-linear path fails every one of three.
    let last = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const { t1, t4 } = bestTimes(small, large);
      const ratio = t4 / Math.max(t1, FLOOR_MS / 4);
      if (t4 < FLOOR_MS || ratio < MAX_RATIO) return;
      last = `${c.name}: ${t1.toFixed(1)} ms at ${small.length} chars, ${t4.toFixed(1)} ms at ${large.length} chars (x${ratio.toFixed(1)})`;
    }
    assert.fail(last);
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
