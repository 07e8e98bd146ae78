// HTML articles: bytes -> the article body as plain text, plus the page's own title, date, author and URL.
//
//   bytes ─sniffCharset─▶ decodeBytes ─cheerio/slim─▶ tree ─┬─ collectPageFacts ─▶ extractMetadata
//                                                          └─ extractBody (Readability-style scoring)
//   JSON-LD articleBody stands in when the page's markup carries (almost) no article text.

import type { Ingested, Warning } from '../../types.js';
import { decodeBytes } from '../decode.js';
import { extractBody } from './body.js';
import { sniffCharset } from './charset.js';
import { findWrittenDate } from './dates.js';
import { parseHtml, collapse } from './dom.js';
import { collectPageFacts, extractMetadata } from './metadata.js';

export { sniffCharset } from './charset.js';
export { parseMetaDate } from './dates.js';

/** How much of the top of the body a dateline may sit in ("WASHINGTON, March 5, 2019 —"). */
const DATELINE_WINDOW = 300;

export function ingestHtml(bytes: Uint8Array): Ingested {
  const decoded = decodeBytes(bytes, sniffCharset(bytes));
  const warnings: Warning[] = [...decoded.warnings];
  const root = parseHtml(decoded.text);
  const meta = extractMetadata(collectPageFacts(root));
  const body = extractBody(root, meta.title);
  let text = body.text;

  // Pages rendered by script carry the article in JSON-LD only; prefer it when the markup gave
  // clearly less (a teaser, a paywall stub, nothing).
  if (meta.articleBody) {
    const ldText = articleBodyText(meta.articleBody);
    if (ldText.length > 0 && text.length < ldText.length * 0.5) {
      text = ldText;
      warnings.push({ origin: 'ingest:html', reason: 'article text taken from JSON-LD articleBody' });
    }
  }
  if (!text) warnings.push({ origin: 'ingest:html', reason: 'no article body found in the page' });

  const published = meta.published ?? findWrittenDate(text.slice(0, DATELINE_WINDOW));
  return { format: 'html', text, title: meta.title, published, author: meta.author, url: meta.url, warnings };
}

/** JSON-LD articleBody: plain text with newlines, or (on some sites) escaped HTML. */
function articleBodyText(raw: string): string {
  if (/<\/?(p|br|div)\b/i.test(raw)) {
    return extractBody(parseHtml(`<html><body><article>${raw}</article></body></html>`), null).text;
  }
  return raw.split(/\n\s*\n|\r?\n/).map(collapse).filter((p) => p.length > 0).join('\n\n');
}
