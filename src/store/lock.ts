import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
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
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // Written aside, then linked into place (fails if a lock exists): the lock file never exists
      // without its pid, so no reader takes a lock being written for a stale one.
      const tmp = `${lockFile}.${process.pid}.tmp`;
      writeFileSync(tmp, String(process.pid));
      try { linkSync(tmp, lockFile); } finally { try { unlinkSync(tmp); } catch { /* gone */ } }
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
      // Stale: take it over by renaming it aside (atomic), then check what was taken. Between our read and
      // the rename another extract may have taken the stale lock over and written its own: then that live
      // lock is put back and this run refuses, rather than both running on the store.
      const aside = `${lockFile}.stale-${process.pid}`;
      try { renameSync(lockFile, aside); } catch { continue; /* someone else took it aside: try again */ }
      let taken = NaN;
      try { taken = Number(readFileSync(aside, 'utf8').trim()); } catch { /* unreadable: treat as stale */ }
      if (Number.isInteger(taken) && taken > 0 && taken !== pid && alive(taken)) {
        try { linkSync(aside, lockFile); } catch { /* a third taker holds it now */ }
        try { unlinkSync(aside); } catch { /* gone */ }
        throw new StoreBusyError(`the store ${storeFile} is in use by another extract (pid ${taken}); wait for it to finish, or give this run its own --store`);
      }
      try { unlinkSync(aside); } catch { /* gone */ }
    }
  }
  throw new StoreBusyError(`the store ${storeFile} is being locked by another extract; try again`);
}
