import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { BadInputError } from '../errors.js';
import { toIsoDay } from '../normalise/published.js';
import type { Ingested, Warning } from '../types.js';

// Loaded at the first front matter, not with the core: importing yaml takes ~20 ms of every batch thread's
// start, for articles that mostly have none (require is synchronous; the core is too).
let yaml: typeof Yaml | undefined;
const loadYaml = () => (yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * Markdown to the plain text facts are read from: front matter removed, and the markup that is not prose
 * (heading hashes, emphasis marks, link targets, images, code fences) dropped, so names are not glued to
 * asterisks. Paragraph breaks are kept.
 */
export function markdownToText(md: string): string {
  const lines = md.split(/\r?\n/);
  const out: string[] = [];
  let fenced = false;
  for (const raw of lines) {
    if (/^\s*(```|~~~)/.test(raw)) { fenced = !fenced; continue; }
    if (fenced) continue;
    let line = raw
      .replace(/^\s{0,3}#{1,6}\s+/, '')
      .replace(/\s+#+\s*$/, '')
      .replace(/^\s{0,3}>\s?/, '')
      .replace(/^\s*[-*+]\s+/, '• ')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
      .replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
      .replace(/`([^`]*)`/g, '$1');
    if (/^\s*(\*\s*){3,}$|^\s*(-\s*){3,}$|^\s*(_\s*){3,}$/.test(line)) line = '';
    if (/^\s*\[[^\]]+\]:\s*\S+/.test(line)) continue;
    out.push(line);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

export function ingestMarkdown(source: string, warnings: Warning[]): Ingested {
  let meta: Record<string, unknown> = {};
  let body = source;
  const fm = FRONT_MATTER.exec(source);
  if (fm) {
    try {
      const parsed = loadYaml().parse(fm[1]!);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) meta = parsed as Record<string, unknown>;
    } catch (err) {
      throw new BadInputError(`front matter is not valid YAML (${(err as Error).message.split('\n')[0]}); fix or remove the block between the --- lines`);
    }
    body = source.slice(fm[0].length);
  }
  const text = markdownToText(body);
  let title = str(meta.title) ?? str(meta.headline);
  if (!title) {
    const h = /^\s{0,3}#\s+(.+?)\s*#*\s*$/m.exec(body);
    if (h) title = h[1]!.trim();
  }
  const published = toIsoDay(meta.published ?? meta.date ?? meta.publishedAt ?? meta.datePublished ?? meta.pubDate ?? null);
  return {
    format: 'markdown', text, title, published, warnings,
    author: str(meta.author), url: str(meta.url) ?? str(meta.canonical),
  };
}
