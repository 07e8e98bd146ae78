import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Where a command writes: stdout only for its data, stderr for everything else. */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** True when the module is the program node was started with (not imported by a test). */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return moduleUrl === pathToFileURL(entry).href;
  }
}

/** Parses an option that must be a positive integer, naming the option and echoing what it got. */
export function positiveInt(name: string, raw: string, { allowZero = false } = {}): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    throw new Error(`Expected \`${name}\` to be a ${allowZero ? 'non-negative' : 'positive'} integer, got \`${raw}\``);
  }
  return n;
}
