import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beside } from '../bench/bench.js';

// The bench prints each figure beside its verdict; the number printed must never read as the other verdict.
test('a figure just short of its target is printed with the decimals that show it', () => {
  const atLeast = (v: number) => v >= 1.6;
  assert.equal(beside(1.5957, 2, atLeast), '1.596');
  assert.equal(beside(1.6, 2, atLeast), '1.60');
  assert.equal(beside(1.6049, 2, atLeast), '1.60');
  assert.equal(beside(1.42, 2, atLeast), '1.42');
  assert.equal(beside(4.96, 1, (v) => v >= 5), '4.96');
});

test('an at-most target: a figure just over it is not rounded down onto it', () => {
  const atMost = (v: number) => v <= 15;
  assert.equal(beside(15.4, 0, atMost), '15.4');
  assert.equal(beside(14.6, 0, atMost), '15');
  assert.equal(beside(3.004, 2, (v) => v <= 3), '3.004');
  assert.equal(beside(500.2, 0, (v) => v <= 500), '500.2');
});
