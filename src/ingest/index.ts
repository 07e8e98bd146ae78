import { BadInputError } from '../errors.js';
import type { Ingested } from '../types.js';
import { decodeBytes, looksBinary } from './decode.js';
import { formatOf } from './formats.js';
import { ingestHtml } from './html/index.js';
import { ingestJson } from './json.js';
import { ingestMarkdown } from './markdown.js';
import { ingestText } from './text.js';

/**
 * Longest article text processed, in UTF-16 units. The longest news articles run to a few hundred thousand
 * characters; a text far beyond that is a dump or a log, not an article, and would cost seconds and
 * hundreds of MB for mentions nobody reads. Refused with its length, as bad input.
 */
export const MAX_TEXT_CHARS = 2_000_000;

/**
 * Bytes of one article file → its plain text and metadata. Throws BadInputError for files that can never
 * be read as an article (empty, binary, malformed); everything else becomes a warning on the result.
 */
export function ingest(bytes: Uint8Array, path: string): Ingested {
  const format = formatOf(path);
  if (!format) throw new BadInputError('not an article format (expected .txt, .md, .html or .json)');
  if (bytes.length === 0) throw new BadInputError('empty file (0 bytes)');
  if (looksBinary(bytes)) throw new BadInputError('binary content, not text');
  let result: Ingested;
  if (format === 'html') {
    result = ingestHtml(bytes);
  } else {
    const { text, warnings } = decodeBytes(bytes);
    if (format === 'markdown') result = ingestMarkdown(text, warnings);
    else if (format === 'json') result = ingestJson(text, warnings);
    else result = ingestText(text, warnings);
  }
  if (result.text.length > MAX_TEXT_CHARS) {
    throw new BadInputError(`text too long for a news article (${(result.text.length / 1e6).toFixed(1)} M characters; the limit is ${MAX_TEXT_CHARS / 1e6} M)`);
  }
  if (!result.text.trim()) throw new BadInputError(format === 'html' ? 'no article text found in the page' : 'no text (only whitespace)');
  return result;
}
