// Small helpers over the htmlparser2/domhandler tree that cheerio builds. Everything here is iterative:
// real pages nest tags 100,000 deep, and a recursive walk would overflow the stack.

import { createRequire } from 'node:module';
import type { AnyNode, Element } from 'domhandler';
import type * as CheerioSlim from 'cheerio/slim';
import { capNesting } from './flatten.js';

export type { AnyNode, Element };

// Loaded at the first HTML page, not with the core: importing cheerio takes ~35 ms of every batch thread's
// start, and a corpus of text or JSON articles never needs it. Its CommonJS build (require is synchronous;
// the core is too). Nothing outside this file touches cheerio's or domhandler's objects but through it.
let cheerio: typeof CheerioSlim | undefined;
const loadCheerio = () => (cheerio ??= createRequire(import.meta.url)('cheerio/slim') as typeof CheerioSlim);

/** Parses a whole page with htmlparser2 (cheerio/slim), which builds even broken or very deep markup. */
export function parseHtml(html: string): AnyNode {
  const $ = loadCheerio().load(capNesting(html), { xml: false, decodeEntities: true } as never, true);
  return $.root()[0] as AnyNode;
}

export function isElement(node: AnyNode): node is Element {
  // domhandler marks <script> and <style> with their own types; they are elements all the same.
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function attr(el: Element, name: string): string | undefined {
  return el.attribs[name];
}

/** The text under a node, whitespace collapsed, without the content of script/style/template. */
export function textOf(node: AnyNode): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      parts.push((n as unknown as { data: string }).data);
    } else if (isElement(n)) {
      if (n.name === 'script' || n.name === 'style' || n.name === 'template') continue;
      const kids = n.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    } else if (n.type === 'root') {
      const kids = (n as unknown as { children: AnyNode[] }).children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return collapse(parts.join(''));
}

/** Raw text content of an element (for <script> bodies, <title>), not collapsed. */
export function rawText(el: Element): string {
  let s = '';
  for (const c of el.children) if (c.type === 'text') s += (c as unknown as { data: string }).data;
  return s;
}

/** Whitespace runs (NBSP included) to one space, ends trimmed. */
export function collapse(s: string): string {
  return s.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}
