import { BadInputError } from '../errors.js';
import { toIsoDay } from '../normalise/published.js';
import type { Ingested, Warning } from '../types.js';

// Field names seen in news exports, in order of preference.
const TEXT_FIELDS = ['text', 'body', 'content', 'articleBody', 'article', 'story'];
const TITLE_FIELDS = ['title', 'headline', 'name'];
const DATE_FIELDS = ['published', 'publishedAt', 'published_at', 'datePublished', 'date', 'pubDate', 'publication_date'];

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Text that arrived as HTML inside a JSON field: blocks to paragraphs, tags dropped, entities decoded. */
function htmlFieldToText(s: string): string {
  if (!/<\/?(p|br|div|h\d|li)\b/i.test(s)) return s;
  return s
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h\d|li|blockquote)>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'")
    .replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

export function ingestJson(source: string, warnings: Warning[]): Ingested {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (err) {
    throw new BadInputError(`not valid JSON (${(err as Error).message}); a JSON article is an object with "title", "published" and "text"`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new BadInputError(`expected a JSON object with "title", "published" and "text", got ${describe(data)}`);
  }
  const obj = data as Record<string, unknown>;
  const field = TEXT_FIELDS.find((k) => k in obj);
  if (!field) {
    throw new BadInputError(`no article text: expected one of the fields ${TEXT_FIELDS.map((f) => `"${f}"`).join(', ')}`);
  }
  const value = obj[field];
  if (typeof value !== 'string') {
    throw new BadInputError(`field "${field}" must be a string, got ${describe(value)}`);
  }
  const titleField = TITLE_FIELDS.find((k) => typeof obj[k] === 'string' && (obj[k] as string).trim());
  const dateField = DATE_FIELDS.find((k) => obj[k] != null);
  const published = dateField ? toIsoDay(obj[dateField]) : null;
  if (dateField && !published) {
    warnings.push({ origin: 'ingest:json', reason: `field "${dateField}" is not a date (${JSON.stringify(obj[dateField]).slice(0, 40)}); published left null` });
  }
  return {
    format: 'json',
    text: htmlFieldToText(value),
    title: titleField ? (obj[titleField] as string).trim() : null,
    published,
    warnings,
    author: typeof obj.author === 'string' ? obj.author : null,
    url: typeof obj.url === 'string' ? obj.url : null,
  };
}
