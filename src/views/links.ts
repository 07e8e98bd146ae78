// Per-document links the views need beyond the facts: product vendors stated in the text ("iSoft's
// Lorenzo"), organisations named in the same sentence as a product, and the dated facts of each organisation.
import { splitSentences } from '../extract/sentences.js';
import { isSource } from '../extract/facts/parties.js';
import type { FactsDoc } from '../types.js';

export interface Trace { article: string; start: number; end: number }

interface Span { start: number; end: number; id: string }

function spans(doc: FactsDoc, type: string): Span[] {
  const out: Span[] = [];
  for (const e of doc.entities) if (e.type === type) for (const m of e.mentions) out.push({ start: m.start, end: m.end, id: e.id });
  return out.sort((a, b) => a.start - b.start);
}

/** "X's Y", "X’s Y software", "X-badged Y": organisation X makes or sells product Y (at most one word between). */
const POSSESSIVE = /^(?:['’]s\s+(?:[\p{L}-]+\s+)?|-(?:badged|branded|made|built|developed|designed)\s+)$/u;

export interface ProductLinks {
  /** product id -> vendor org id -> evidence */
  vendors: { product: string; org: string; trace: Trace }[];
  /** product id -> org id named in the same sentence (not as its vendor) */
  users: { product: string; org: string; trace: Trace }[];
}

export function productLinks(doc: FactsDoc): ProductLinks {
  const text = doc.article.text;
  const products = spans(doc, 'product');
  if (!products.length) return { vendors: [], users: [] };
  const orgs = spans(doc, 'organisation');
  const sentences = splitSentences(text);
  const vendors: ProductLinks['vendors'] = [];
  const users: ProductLinks['users'] = [];
  let si = 0;
  for (const p of products) {
    const owner = orgs.find((o) => o.end <= p.start && p.start - o.end <= 30 && POSSESSIVE.test(text.slice(o.end, p.start)));
    if (owner) vendors.push({ product: p.id, org: owner.id, trace: { article: doc.article.id, start: owner.start, end: p.end } });
    while (si < sentences.length - 1 && sentences[si]!.end <= p.start) si++;
    const s = sentences[si];
    if (!s || p.start < s.start) continue;
    for (const o of orgs) {
      if (o.start < s.start || o.end > s.end || o.id === owner?.id) continue;
      if (isSource(text, s, o)) continue; // "told EHI": the reporter does not use the product
      if (text.slice(o.end, o.end + 2).match(/^['’]s/) && o.end <= p.start && p.start - o.end <= 30) continue; // someone else's possessive
      users.push({ product: p.id, org: o.id, trace: { article: doc.article.id, start: s.start, end: s.end } });
    }
  }
  return { vendors, users };
}
