// A job's outcomes as they travel beside the job (src/queue/results.ts): what is packed is what comes back,
// text of any script included, and a value cut short or padded is refused rather than misread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JobOutcome } from '../src/contract.js';
import { packOutcomes, resultKeyOf, unpackOutcomes } from '../src/queue/results.js';

const outcomes: JobOutcome[] = [
  { ok: true, docJson: JSON.stringify({ text: 'CSC’s £3.1bn — “Lorenzo” für Ärzte 😀' }), warnings: [{ origin: 'ingest', reason: 'no date' }] },
  { ok: false, reason: 'not an article: empty file', bad: true },
  { ok: true, docJson: '{}', warnings: [] },
];

test('outcomes packed for their key come back as they were, in order', () => {
  const packed = packOutcomes(outcomes);
  assert.ok(Buffer.isBuffer(packed));
  assert.deepEqual(unpackOutcomes(packed), outcomes);
  assert.deepEqual(unpackOutcomes(packOutcomes([])), []);
  assert.equal(resultKeyOf('bull:newsfacts', 'b-123'), 'bull:newsfacts:nf-result:b-123');
});

test('a packed value cut short, padded or not a pack at all is refused', () => {
  const packed = packOutcomes(outcomes);
  assert.throws(() => unpackOutcomes(packed.subarray(0, packed.length - 1)), /cut short in its documents/);
  assert.throws(() => unpackOutcomes(Buffer.concat([packed, Buffer.from('x')])), /1 bytes more than its documents/);
  assert.throws(() => unpackOutcomes(packed.subarray(0, 10)), /cut short in its header/);
  assert.throws(() => unpackOutcomes(Buffer.from([0, 0])), /shorter than its header/);
  const notList = Buffer.concat([Buffer.from([0, 0, 0, 2]), Buffer.from('{}')]);
  assert.throws(() => unpackOutcomes(notList), /not a list/);
});
