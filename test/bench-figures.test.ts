import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beside, TARGETS } from '../bench/bench.js';

// The bench prints each figure beside its verdict; the number printed must never read as the other verdict.
test('a figure just short of its target is printed with the decimals that show it', () => {
  assert.equal(beside(1.5957, 2, TARGETS.allCores), '1.596');
  assert.equal(beside(1.6, 2, TARGETS.allCores), '1.60');
  assert.equal(beside(1.6049, 2, TARGETS.allCores), '1.60');
  assert.equal(beside(1.42, 2, TARGETS.allCores), '1.42');
  assert.equal(beside(4.96, 1, TARGETS.oneCore), '4.96');
});

test('an at-most target: a figure just over it is not rounded down onto it', () => {
  assert.equal(beside(15.4, 0, TARGETS.queue), '15.4');
  assert.equal(beside(14.6, 0, TARGETS.queue), '15');
  assert.equal(beside(3.004, 2, TARGETS.rerun), '3.004');
  assert.equal(beside(500.2, 0, TARGETS.peak), '500.2');
});
