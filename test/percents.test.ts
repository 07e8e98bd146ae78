import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPercents, findPercentSpans, resolvePercent } from '../src/extract/percents.js';
import type { ExtractContext } from '../src/types.js';

const ctx = (text: string): ExtractContext => ({ text, sentences: [], referenceDate: null, dayFirst: true, warnings: [] });
const pct = (text: string) => extractPercents(ctx(text)).map((p) => [p.text, p.value] as const);

test('percentages as news writes them', () => {
  const table: [string, [string, number][]][] = [
    ['about 10% of the value', [['10%', 10]]],
    ['cut 10 per cent of the budgets', [['10 per cent', 10]]],
    ['rose 10 percent', [['10 percent', 10]]],
    ['Ten per cent of staff', [['Ten per cent', 10]]],
    ['inflation hit 2.5pc', [['2.5pc', 2.5]]],
    ['won 25.7% of the vote', [['25.7%', 25.7]]],
    ['a 10–15% rise', [['10–15%', 10], ['10–15%', 15]]],
    ['between 16 and 17 percent', [['16 and 17 percent', 16], ['16 and 17 percent', 17]]],
    ['from 45% to 60%', [['45% to 60%', 45], ['45% to 60%', 60]]],
    ['one hundred per cent', [['one hundred per cent', 100]]],
    ['3 and 4 percent', [['4 percent', 4]]],
    ['it was 89% and 85%.', [['89%', 89], ['85%', 85]]],
  ];
  for (const [text, want] of table) assert.deepEqual(pct(text), want, text);
});

test('not percentages', () => {
  for (const text of ['less than a third of organisations', 'up 5 percentage points', 'half of the trusts', '1,000 people', 'the 3-1 win', 'one in ten'])
    assert.deepEqual(pct(text), [], text);
});

test('finding and resolving are separate steps, offsets exact', () => {
  const text = 'The CQC plans to cut 10 per cent of the budgets.';
  const spans = findPercentSpans(text);
  assert.deepEqual(spans.map((s) => [s.text, s.nums]), [['10 per cent', ['10']]]);
  const [m] = resolvePercent(spans[0]!);
  assert.equal(text.slice(m!.start, m!.end), '10 per cent');
  assert.equal(m!.value, 10);
});
