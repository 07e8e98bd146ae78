import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export class StoreBusyError extends Error {
  override readonly name = 'StoreBusyError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One writer at a time per store: a lock file beside it holding the writer's pid. A second `extract` on the
 * same store refuses clearly instead of interleaving; a lock left by a killed process (pid gone) is taken over.
 */
export function acquireStoreLock(storeFile: string): () => void {
  const lockFile = `${storeFile}.lock`;
  mkdirSync(dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try { unlinkSync(lockFile); } catch { /* already gone */ }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let pid = NaN;
      try { pid = Number(readFileSync(lockFile, 'utf8').trim()); } catch { /* vanished meanwhile */ }
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new StoreBusyError(`the store ${storeFile} is in use by another extract (pid ${pid}); wait for it to finish, or give this run its own --store`);
      }
      try { unlinkSync(lockFile); } catch { /* raced with another taker */ }
    }
  }
  throw new StoreBusyError(`the store ${storeFile} is being locked by another extract; try again`);
}
