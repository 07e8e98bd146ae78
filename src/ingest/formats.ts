import type { Format } from '../types.js';

/** File extensions the batch reads as articles (lower-case, with the dot), and the format each means. */
export const ARTICLE_EXTENSIONS: Readonly<Record<string, Format>> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.json': 'json',
};

export function formatOf(path: string): Format | null {
  const m = /\.[^./\\]+$/.exec(path);
  return m ? ARTICLE_EXTENSIONS[m[0].toLowerCase()] ?? null : null;
}

/** Article id: the path relative to the corpus folder, without its extension, '/' between folders. */
export function articleIdOf(relPath: string): string {
  const posix = relPath.split('\\').join('/');
  return posix.replace(/\.[^./]+$/, '');
}
