// Title, publication date, author and canonical URL from what the page says about itself: meta tags
// (Open Graph, Twitter, Dublin Core, Parse.ly, Sailthru), JSON-LD, <time>, <h1>, <title>.

import { type AnyNode, type Element, attr, collapse, isElement, rawText, textOf } from './dom.js';
import { parseMetaDate } from './dates.js';

export interface PageFacts {
  /** meta name/property/itemprop (lower-cased) -> content, first one wins. */
  meta: Map<string, string>;
  jsonLd: Record<string, unknown>[];
  canonical: string | null;
  titleTag: string | null;
  h1: string[];
  /** <time datetime> values, the ones marked as publication first. */
  times: string[];
}

export interface Metadata {
  title: string | null;
  published: string | null;
  author: string | null;
  url: string | null;
  /** JSON-LD articleBody, for pages that carry the article only there. */
  articleBody: string | null;
}

/** Meta names that carry the publication date, most specific first. */
const DATE_META = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'published_time',
  'datepublished', 'article.published', 'article:published', 'publish-date', 'publish_date', 'publishdate',
  'pubdate', 'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dcterms.issued', 'dc.date',
  'dcterms.date', 'dc.date.created', 'dcterms.created', 'citation_publication_date', 'citation_date',
  'original-publish-date', 'date', 'displaydate', 'article_date_original', 'cxenseparse:recs:publishtime',
];

const AUTHOR_META = ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'byl', 'twitter:creator'];

const ARTICLE_TYPES = /article|posting|report|newsarticle|blog|webpage|liveblog/i;

/** One iterative walk over the whole page collecting the metadata carriers. */
export function collectPageFacts(root: AnyNode): PageFacts {
  const facts: PageFacts = { meta: new Map(), jsonLd: [], canonical: null, titleTag: null, h1: [], times: [] };
  const pubTimes: string[] = [];
  const otherTimes: string[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) {
      if (node.type === 'root') pushChildren(stack, (node as unknown as { children: AnyNode[] }).children);
      continue;
    }
    const el = node;
    switch (el.name) {
      case 'meta': {
        const key = (attr(el, 'property') ?? attr(el, 'name') ?? attr(el, 'itemprop') ?? attr(el, 'http-equiv'))?.trim().toLowerCase();
        const content = attr(el, 'content') ?? attr(el, 'value');
        if (key && content !== undefined && content.trim() !== '' && !facts.meta.has(key)) facts.meta.set(key, content.trim());
        break;
      }
      case 'script': {
        if ((attr(el, 'type') ?? '').toLowerCase().includes('ld+json')) facts.jsonLd.push(...parseJsonLd(rawText(el)));
        continue;
      }
      case 'style':
      case 'svg':
        continue;
      case 'link': {
        const rel = (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/);
        if (rel.includes('canonical') && !facts.canonical) facts.canonical = attr(el, 'href')?.trim() || null;
        break;
      }
      case 'title':
        if (facts.titleTag === null && !hasAncestor(el, 'svg')) facts.titleTag = collapse(rawText(el)) || null;
        continue;
      case 'h1':
        if (facts.h1.length < 3) facts.h1.push(textOf(el));
        break;
      case 'time': {
        const dt = attr(el, 'datetime');
        if (dt) {
          const marked = attr(el, 'pubdate') !== undefined || /datepublished/i.test(attr(el, 'itemprop') ?? '') ||
            /publish|posted|created/i.test(attr(el, 'class') ?? '');
          (marked ? pubTimes : otherTimes).push(dt);
        }
        break;
      }
      default:
        break;
    }
    // itemprop="datePublished" / "author" on ordinary elements (microdata).
    const itemprop = attr(el, 'itemprop')?.toLowerCase();
    if (itemprop && el.name !== 'meta') {
      const value = attr(el, 'content') ?? attr(el, 'datetime');
      if (itemprop === 'datepublished' && value && !facts.meta.has('datepublished')) facts.meta.set('datepublished', value);
      if (itemprop === 'author' && !facts.meta.has('itemprop:author')) {
        const name = value ?? textOf(el);
        if (name && name.length < 100) facts.meta.set('itemprop:author', name);
      }
    }
    pushChildren(stack, el.children);
  }
  facts.times = [...pubTimes, ...otherTimes];
  return facts;
}

function pushChildren(stack: AnyNode[], kids: AnyNode[]): void {
  for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
}

function hasAncestor(el: Element, name: string): boolean {
  for (let p = el.parent; p; p = p.parent) if (isElement(p as AnyNode) && (p as Element).name === name) return true;
  return false;
}

/** JSON-LD blocks as flat list of objects (@graph and arrays unpacked); broken JSON is skipped. */
export function parseJsonLd(raw: string): Record<string, unknown>[] {
  const cleaned = raw.replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)/, '').replace(/(?:-->|\/\/\s*\]\]>)\s*$/, '').trim();
  if (!cleaned) return [];
  let data: unknown;
  try {
    data = JSON.parse(cleaned);
  } catch {
    // Control characters inside strings are a common fault of hand-made JSON-LD.
    try {
      data = JSON.parse(cleaned.replace(/[\u0000-\u001f]+/g, ' '));
    } catch {
      return [];
    }
  }
  const out: Record<string, unknown>[] = [];
  const stack: unknown[] = [data];
  let guard = 0;
  while (stack.length > 0 && guard++ < 1000) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      out.push(o);
      if (Array.isArray(o['@graph'])) stack.push(...(o['@graph'] as unknown[]));
      if (o['mainEntity'] && typeof o['mainEntity'] === 'object') stack.push(o['mainEntity']);
    }
  }
  return out;
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) return str(v[0]);
  return null;
}

function nameOf(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter((x): x is string => !!x);
    return names.length > 0 ? names.join(', ') : null;
  }
  if (v && typeof v === 'object') return str((v as Record<string, unknown>)['name']);
  return null;
}

function typeOf(o: Record<string, unknown>): string {
  const t = o['@type'];
  return Array.isArray(t) ? t.join(' ') : typeof t === 'string' ? t : '';
}

/** The JSON-LD object that describes the article: an Article-like @type, else anything with a headline. */
function articleObject(objects: Record<string, unknown>[]): Record<string, unknown> | null {
  const typed = objects.filter((o) => ARTICLE_TYPES.test(typeOf(o)) && !/^webpage$/i.test(typeOf(o)));
  const withBody = typed.find((o) => typeof o['articleBody'] === 'string') ?? objects.find((o) => typeof o['articleBody'] === 'string');
  return withBody ?? typed.find((o) => o['headline'] || o['datePublished']) ?? objects.find((o) => o['headline'] || o['datePublished']) ?? null;
}

/** " | Site", " - Site", " — Site" at the end (or "Site | " at the start) of a <title>. */
export function stripSiteName(title: string, siteName: string | null): string {
  const t = collapse(title);
  if (siteName) {
    const site = siteName.trim().toLowerCase();
    const parts = t.split(/\s+[|\-–—:·•»]\s+/);
    if (parts.length > 1) {
      const kept = parts.filter((p) => p.trim().toLowerCase() !== site);
      if (kept.length > 0 && kept.length < parts.length) return kept.join(' - ');
    }
  }
  // Without a known site name, drop the shortest end segment after the last separator when the rest is clearly
  // the headline (longer). " | " is the usual separator; " - " only when the tail is short (a name, not a clause).
  const pipe = t.split(/\s+[|•»·]\s+/);
  if (pipe.length > 1) {
    const head = pipe.reduce((a, b) => (b.length > a.length ? b : a));
    return head;
  }
  const dash = /^(.{15,}?)\s+[-–—]\s+([^-–—]{2,40})$/.exec(t);
  if (dash && dash[2]!.split(/\s+/).length <= 4) return dash[1]!;
  return t;
}

function sameText(a: string, b: string): boolean {
  return a.toLowerCase().replace(/\W+/g, '') === b.toLowerCase().replace(/\W+/g, '');
}

export function extractMetadata(facts: PageFacts): Metadata {
  const meta = facts.meta;
  const ld = articleObject(facts.jsonLd);
  const siteName = meta.get('og:site_name') ?? meta.get('application-name') ?? null;

  const candidates: (string | null | undefined)[] = [
    meta.get('og:title'), meta.get('twitter:title'), ld ? str(ld['headline']) ?? str(ld['name']) : null,
    facts.h1.find((h) => h.length > 0), facts.titleTag,
  ];
  let title: string | null = null;
  for (const c of candidates) {
    if (c && collapse(c)) {
      title = stripSiteName(c, siteName);
      break;
    }
  }

  let published: string | null = null;
  if (ld) published = parseMetaDate(str(ld['datePublished'])) ?? parseMetaDate(str(ld['dateCreated']));
  for (const key of DATE_META) {
    if (published) break;
    published = parseMetaDate(meta.get(key));
  }
  for (const t of facts.times) {
    if (published) break;
    published = parseMetaDate(t);
  }
  // A modification date is only a stand-in: better than nothing as a reference date for relative dates.
  if (!published && ld) published = parseMetaDate(str(ld['dateModified']));
  if (!published) published = parseMetaDate(meta.get('article:modified_time') ?? meta.get('og:updated_time'));

  let author: string | null = ld ? nameOf(ld['author']) : null;
  for (const key of AUTHOR_META) {
    if (author) break;
    const v = meta.get(key);
    // article:author is often a profile URL, not a name.
    if (v && !/^https?:\/\//i.test(v) && !/^@/.test(v)) author = v;
  }
  if (!author) author = meta.get('itemprop:author') ?? null;

  const urls = [facts.canonical, meta.get('og:url'), ld ? str(ld['url']) : null,
    ld && ld['mainEntityOfPage'] && typeof ld['mainEntityOfPage'] === 'object' ? str((ld['mainEntityOfPage'] as Record<string, unknown>)['@id']) : null,
  ].filter((u): u is string => !!u);
  const url = urls.find((u) => /^https?:\/\//i.test(u)) ?? urls[0] ?? null;

  const articleBody = ld ? str(ld['articleBody']) : null;
  return { title: title ? collapse(title) : null, published, author: cleanAuthor(author), url, articleBody };
}

/** "By Jane Doe @jdoe Nov 18, 2019 • 2 min read" -> "Jane Doe": bylines carry handles and dates after the name. */
function cleanAuthor(raw: string | null): string | null {
  if (!raw) return null;
  const name = collapse(raw).replace(/^by\s+/i, '').split(/\s+(?:@|•|\||\d)/)[0]!.trim();
  return name || null;
}

export { sameText };
