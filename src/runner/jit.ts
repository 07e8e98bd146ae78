import { setFlagsFromString } from 'node:v8';

/**
 * JIT tuning for batch threads. V8 optimises a function after a small amount of work (its "interrupt
 * budget"); the extractors' large rule functions then meet new object shapes and input kinds, are thrown
 * away and optimised again, many times over in each new thread — measured at about a third of a short
 * batch's CPU time. Waiting longer before optimising lets the type feedback settle first. The core alone
 * on one CPU over 1,180 articles, 4 interleaved rounds each (V8's own budget is 67584): 6.69 s at 614400
 * (the setting before), 6.18 s at 2457600, 5.73 s at 4915200, 6.23-6.28 s at 9830400 and 19660800; and
 * 3 rounds: 9.02 s at V8's own against 5.92 s at 4915200. The flag is process-wide and read when code
 * is first run, so it is set before any worker thread starts. NEWSFACTS_JIT=default leaves V8's own setting.
 *
 * Regular expressions: V8 first compiles each one to bytecode and interprets it, then compiles it again to
 * machine code once it has run. Every rule here runs thousands of times, so the first compile is wasted, and
 * the lexicon-built ones are large (243 of them, 5.4 MB of machine code, the money patterns ~0.5 MB each):
 * in a fresh thread over 590 articles, CPU samples (perf, 4 kHz, on one CPU, two runs each) under regexp
 * compilation read 155 and 158 ms with the tier-up, 106 and 101 ms without; the whole thread 2,126-2,128
 * against 2,078-2,100 ms. Each batch thread (and the main thread) pays it once, so it is part of what a
 * second thread costs on top of the first.
 */
export const BATCH_JIT_FLAGS = process.env.NEWSFACTS_JIT === 'default' ? [] : ['--interrupt-budget=4915200', '--no-regexp-tier-up'];

export function tuneJitForBatch(): void {
  for (const flag of BATCH_JIT_FLAGS) setFlagsFromString(flag);
}
