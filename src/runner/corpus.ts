import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatOf } from '../ingest/formats.js';

export interface CorpusFile {
  /** Path relative to the corpus folder, '/' between folders. */
  relPath: string;
  absPath: string;
}

export interface CorpusScan {
  files: CorpusFile[];
  /** Files that are not articles (other extensions), named so the user can see what was left out. */
  skipped: string[];
  /** Symbolic links, never followed: one could point out of the corpus. */
  symlinks: string[];
  /** Folders that could not be listed, with the reason. */
  unreadable: { relPath: string; reason: string }[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Lists the article files under a corpus folder, recursively, in a stable order (sorted by path).
 * Only paths are held, never contents, so a corpus of any size is listed in bounded memory.
 * Hidden files and folders (".git", ".DS_Store") are ignored; symlinks are reported and not followed.
 */
export async function scanCorpus(root: string): Promise<CorpusScan> {
  const scan: CorpusScan = { files: [], skipped: [], symlinks: [], unreadable: [] };
  const stack: string[] = [''];
  while (stack.length) {
    const rel = stack.pop()!;
    let dir;
    try {
      dir = await opendir(join(root, rel));
    } catch (err) {
      if (rel === '') throw err;
      scan.unreadable.push({ relPath: rel, reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
      continue;
    }
    for await (const entry of dir) {
      if (entry.name.startsWith('.')) continue;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) scan.symlinks.push(relPath);
      else if (entry.isDirectory()) stack.push(relPath);
      else if (entry.isFile() && formatOf(entry.name)) scan.files.push({ relPath, absPath: join(root, relPath) });
      // Other extensions, and FIFOs, sockets and devices (reading a FIFO would block the batch): named, not read.
      else scan.skipped.push(relPath);
    }
  }
  scan.files.sort((a, b) => cmp(a.relPath, b.relPath));
  scan.skipped.sort(cmp);
  scan.symlinks.sort(cmp);
  return scan;
}
