// The article body of a page: Readability-style paragraph scoring to find the container of the prose,
// then a block-by-block clean-up (link density, boilerplate lines) inside it. One iterative walk
// builds the text blocks and per-element text statistics, so deep or huge pages stay linear.

import { type AnyNode, type Element, attr, collapse, isElement } from './dom.js';
import { BOILERPLATE_LINE_RE, NEGATIVE_RE, POSITIVE_RE, ROLE_RE, WEAK_NEGATIVE_RE, hintWords } from './hints.js';

/** Tags whose subtree is never article prose. */
const SKIP_TAGS = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'video', 'audio', 'select', 'option', 'button', 'input', 'textarea', 'nav', 'footer', 'aside', 'dialog',
  'menu', 'img', 'picture', 'source', 'map', 'link', 'meta', 'title', 'label', 'fieldset',
  // Captions and photo credits: the benchmark's ground truth (and readers) treat them as non-prose.
  'figure', 'figcaption',
]);

/** Tags that start a new text block (the reading-order units joined by a blank line). */
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'body', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li',
  'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'dl', 'dt', 'dd', 'figure',
  'figcaption', 'header', 'address', 'hr', 'br', 'center', 'form', 'details', 'summary', 'caption', 'html',
]);

/** Tags that never get removed by a class/id hint (they are structure, not widgets). */
const HINT_EXEMPT = new Set(['html', 'body', 'article', 'main', 'a', 'p', 'span', 'em', 'strong', 'b', 'i']);

export interface Block {
  text: string;
  /** Characters of the block inside <a>. */
  linkChars: number;
  /** Innermost block-level element holding the text, and its tag. */
  el: Element;
  tag: string;
  /** Pre-order index of the walk when the block was closed: places it inside element ranges. */
  pos: number;
  /** Innermost ancestor named as a boilerplate widget (strong hint), and innermost with any negative hint. */
  widget: Element | null;
  negative: Element | null;
}

interface Stats {
  /** Pre-order index at entry and at exit: a block at pos p is inside when start < p < end. */
  start: number;
  end: number;
  chars: number;
  linkChars: number;
  score: number;
  scored: boolean;
}

export interface BodyResult {
  blocks: Block[];
  text: string;
}

function hintOf(el: Element): string {
  const c = attr(el, 'class');
  const i = attr(el, 'id');
  return c || i ? hintWords(`${c ?? ''} ${i ?? ''}`) : '';
}

/** 2 = named as a boilerplate widget, 1 = named as article furniture (byline, caption), 0 = neither. */
function negativeLevel(el: Element): number {
  if (HINT_EXEMPT.has(el.name)) return 0;
  const hint = hintOf(el);
  if (hint.length < 2 || POSITIVE_RE.test(hint)) return 0;
  if (NEGATIVE_RE.test(hint)) return 2;
  if (WEAK_NEGATIVE_RE.test(hint)) return 1;
  return 0;
}

/** True when an element is hidden from readers or is a landmark that is never the article. */
function isBoilerplateElement(el: Element): boolean {
  const a = el.attribs;
  if (a['hidden'] !== undefined) return true;
  if (a['aria-hidden'] === 'true') return true;
  const style = a['style'];
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  const role = a['role'];
  return !!role && ROLE_RE.test(role.trim());
}

function classWeight(el: Element): number {
  const hint = hintOf(el);
  if (hint.length < 2) return 0;
  let w = 0;
  if (NEGATIVE_RE.test(hint) || WEAK_NEGATIVE_RE.test(hint)) w -= 25;
  if (POSITIVE_RE.test(hint)) w += 25;
  return w;
}

function tagWeight(name: string): number {
  switch (name) {
    case 'div': case 'article': case 'main': case 'section': return 5;
    case 'pre': case 'td': case 'blockquote': return 3;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': return -3;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': return -5;
    default: return 0;
  }
}

/** Walks the page once: text blocks in reading order, and per-element chars/link chars/range. */
function walk(root: AnyNode): { blocks: Block[]; stats: Map<Element, Stats> } {
  const blocks: Block[] = [];
  const stats = new Map<Element, Stats>();
  let buf: string[] = [];
  let bufLink = 0;
  let pos = 0;
  let linkDepth = 0;
  const blockStack: Element[] = [];
  const widgetStack: Element[] = [];
  const negativeStack: Element[] = [];
  // Frames: a node to enter, or an element to leave (exit = true).
  const stack: { node: AnyNode; exit: boolean }[] = [{ node: root, exit: false }];

  const flush = () => {
    if (buf.length === 0) return;
    const text = collapse(buf.join(''));
    const el = blockStack[blockStack.length - 1];
    if (text && el) {
      blocks.push({ text, linkChars: Math.min(bufLink, text.length), el, tag: el.name, pos: pos++,
        widget: widgetStack[widgetStack.length - 1] ?? null, negative: negativeStack[negativeStack.length - 1] ?? null });
    }
    buf = [];
    bufLink = 0;
  };

  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (exit) {
      const el = node as Element;
      const st = stats.get(el)!;
      if (el.name === 'a') linkDepth--;
      if (BLOCK_TAGS.has(el.name)) {
        flush();
        blockStack.pop();
      }
      st.end = pos++;
      if (negativeStack[negativeStack.length - 1] === el) negativeStack.pop();
      if (widgetStack[widgetStack.length - 1] === el) widgetStack.pop();
      const parent = el.parent as Element | null;
      const ps = parent ? stats.get(parent) : undefined;
      if (ps) {
        ps.chars += st.chars;
        ps.linkChars += st.linkChars;
      }
      continue;
    }
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      buf.push(data);
      const n = data.replace(/\s+/g, '').length;
      if (linkDepth > 0) bufLink += n;
      const parent = node.parent as Element | null;
      const ps = parent ? stats.get(parent) : undefined;
      if (ps) {
        ps.chars += n;
        if (linkDepth > 0) ps.linkChars += n;
      }
      continue;
    }
    if (node.type === 'root') {
      const kids = (node as unknown as { children: AnyNode[] }).children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, exit: false });
      continue;
    }
    if (!isElement(node)) continue;
    const el = node;
    if (SKIP_TAGS.has(el.name) || isBoilerplateElement(el)) {
      // A skipped element still separates the text around it.
      if (BLOCK_TAGS.has(el.name) || el.name === 'nav' || el.name === 'footer' || el.name === 'aside') flush();
      continue;
    }
    if (el.name === 'br' || el.name === 'hr') {
      flush();
      continue;
    }
    if (BLOCK_TAGS.has(el.name)) {
      flush();
      blockStack.push(el);
    }
    stats.set(el, { start: pos++, end: -1, chars: 0, linkChars: 0, score: 0, scored: false });
    if (el.name === 'a') linkDepth++;
    const level = negativeLevel(el);
    if (level > 0) negativeStack.push(el);
    if (level > 1) widgetStack.push(el);
    stack.push({ node: el, exit: true });
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, exit: false });
  }
  flush();
  return { blocks, stats };
}

function linkDensity(st: Stats): number {
  return st.chars > 0 ? st.linkChars / st.chars : 0;
}

/** Blocks that count as paragraphs of prose for scoring. */
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'td', 'div', 'section', 'article', 'main', 'blockquote', 'dd', 'center', 'font']);

/** A block that reads as prose of the article: long enough, few links, not inside a small widget. */
function isProse(b: Block, stats: Map<Element, Stats>, pageChars: number): boolean {
  if (!PARAGRAPH_TAGS.has(b.tag) || b.text.length < 25) return false;
  if (b.linkChars / b.text.length > 0.5) return false;
  // Prose inside a comment thread or a related-stories box does not vote, unless that "widget" holds
  // most of the page (then it is a wrapper with an unlucky name).
  return !(b.widget && stats.get(b.widget)!.chars < pageChars * 0.5);
}

/** Characters of prose inside an element's range, by binary search over the prose blocks' positions. */
class ProseIndex {
  private readonly pos: number[] = [];
  private readonly cum: number[] = [0];
  constructor(prose: Block[]) {
    for (const b of prose) {
      this.pos.push(b.pos);
      this.cum.push(this.cum[this.cum.length - 1]! + b.text.length);
    }
  }
  private lower(x: number): number {
    let lo = 0, hi = this.pos.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pos[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  chars(st: Stats): number {
    return this.cum[this.lower(st.end - 1)]! - this.cum[this.lower(st.start)]!;
  }
}

/**
 * Articles split into several sibling sections (text, figure, text, pull quote, text) leave the top-scored
 * container holding only part of the prose. Climb while the parent holds clearly more prose and is not
 * mostly links: the extra prose is more of the article, not a neighbour.
 */
function climb(top: Element, stats: Map<Element, Stats>, prose: ProseIndex): Element {
  let cur = top;
  let good = prose.chars(stats.get(cur)!);
  for (let parent = cur.parent as Element | null; parent && stats.has(parent); parent = parent.parent as Element | null) {
    if (parent.name === 'body' || parent.name === 'html') break;
    const st = stats.get(parent)!;
    const more = prose.chars(st);
    if (more >= good * CLIMB_GAIN && linkDensity(st) < 0.2) {
      cur = parent;
      good = more;
    } else if (more > good) {
      break;
    }
  }
  return cur;
}

const CLIMB_GAIN = 1.25;

function scoreCandidates(blocks: Block[], stats: Map<Element, Stats>, pageChars: number): Element | null {
  const candidates: Element[] = [];
  const touch = (el: Element): Stats | null => {
    const st = stats.get(el);
    if (!st) return null;
    if (!st.scored) {
      st.scored = true;
      st.score = tagWeight(el.name) + classWeight(el);
      candidates.push(el);
    }
    return st;
  };
  for (const b of blocks) {
    if (!isProse(b, stats, pageChars)) continue;
    const commas = (b.text.match(/[,，、]/g) ?? []).length;
    const score = 1 + commas + Math.min(Math.floor(b.text.length / 100), 3);
    let anc: Element | null = b.el.parent as Element | null;
    for (let level = 0; anc && level < 5; level++) {
      if (!isElement(anc as AnyNode)) break;
      const st = touch(anc);
      if (st) st.score += level === 0 ? score : level === 1 ? score / 2 : score / (level * 3);
      anc = anc.parent as Element | null;
    }
  }
  let best: Element | null = null;
  let bestScore = -Infinity;
  for (const el of candidates) {
    const st = stats.get(el)!;
    st.score *= 1 - linkDensity(st);
    if (st.score > bestScore) {
      bestScore = st.score;
      best = el;
    }
  }
  return best;
}

/** Siblings of the top candidate that belong to the article too (Readability's sibling rule). */
function contentRoots(top: Element, stats: Map<Element, Stats>, blocks: Block[]): Element[] {
  const topSt = stats.get(top)!;
  const parent = top.parent as Element | null;
  if (!parent || !isElement(parent as AnyNode) || !stats.has(parent)) return [top];
  const threshold = Math.max(10, topSt.score * 0.2);
  const topClass = attr(top, 'class') ?? '';
  const roots: Element[] = [];
  for (const sib of parent.children) {
    if (!isElement(sib)) continue;
    const st = stats.get(sib);
    if (!st) continue;
    if (sib === top) {
      roots.push(sib);
      continue;
    }
    let bonus = 0;
    if (topClass && attr(sib, 'class') === topClass) bonus += topSt.score * 0.2;
    if (st.scored && st.score + bonus >= threshold) {
      roots.push(sib);
      continue;
    }
    if (sib.name === 'p' || sib.name === 'blockquote' || /^h[2-6]$/.test(sib.name) || sib.name === 'ul' || sib.name === 'ol') {
      const text = blocks.filter((b) => b.pos > st.start && b.pos < st.end).map((b) => b.text).join(' ');
      const ld = linkDensity(st);
      if ((text.length > 80 && ld < 0.25) || (text.length > 0 && text.length <= 80 && ld === 0 && /\.( |$)/.test(text))) roots.push(sib);
    }
  }
  return roots;
}

/** Drops blocks inside the content that are not prose: link lists, interface labels, the headline. */
function keepBlock(b: Block, title: string | null): boolean {
  const len = b.text.length;
  if (b.tag === 'h1') return false;
  if (title && /^h[1-6]$/.test(b.tag) && normal(b.text) === normal(title)) return false;
  const ld = b.linkChars / len;
  if (ld > 0.5 && !(b.tag === 'p' && len > 150)) return false;
  if (len < 100 && BOILERPLATE_LINE_RE.test(b.text)) return false;
  // A short loose line that is neither a paragraph, a heading nor a list item and does not end like a
  // sentence is interface text ("Advert", "Trending News", "More:"), not prose.
  if (len < SHORT_LINE && !SENTENCE_TAGS.has(b.tag) && !/[.!?…"”’)]$/.test(b.text)) return false;
  return true;
}

const SHORT_LINE = 50;
const SENTENCE_TAGS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'td', 'th', 'dd', 'dt']);

function normal(s: string): string {
  return s.toLowerCase().replace(/\W+/g, '');
}

export function extractBody(root: AnyNode, title: string | null): BodyResult {
  const { blocks, stats } = walk(root);
  let pageChars = 0;
  for (const st of stats.values()) pageChars = Math.max(pageChars, st.chars);
  const best = scoreCandidates(blocks, stats, pageChars);
  if (!best) return { blocks: [], text: '' };
  const top = climb(best, stats, new ProseIndex(blocks.filter((b) => isProse(b, stats, pageChars))));
  const roots = contentRoots(top, stats, blocks).map((el) => stats.get(el)!);
  const chosen: Block[] = [];
  for (const b of blocks) {
    const root = roots.find((r) => b.pos > r.start && b.pos < r.end);
    if (!root) continue;
    // A widget or byline inside the article is dropped; one that wraps the article is just a name.
    if (b.negative && stats.get(b.negative)!.start > root.start) continue;
    if (keepBlock(b, title)) chosen.push(b);
  }
  return { blocks: chosen, text: chosen.map((b) => b.text).join('\n\n') };
}
