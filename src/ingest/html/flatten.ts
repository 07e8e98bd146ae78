// htmlparser2 keeps its open-element stack with unshift/indexOf, so a page nesting tags 100,000 deep
// costs it quadratic time (seconds). Before parsing, tags nested deeper than any real layout needs are
// dropped (their text is kept): the tree below that depth carries no reading structure anyway.

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>/g;
const selfClosing = (tag: string) => tag.charCodeAt(tag.length - 2) === 47; // '/>'
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen']);

/** Deeper than this, open tags are dropped (with their matching close tags). */
export const MAX_DEPTH = 1000;

export function capNesting(html: string, maxDepth = MAX_DEPTH): string {
  // Fast path: a page with fewer tags than the cap cannot exceed it.
  let tags = 0;
  for (let i = html.indexOf('<'); i !== -1 && tags <= maxDepth; i = html.indexOf('<', i + 1)) tags++;
  if (tags <= maxDepth) return html;
  let depth = 0;
  let deep = false;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (VOID.has(name) || selfClosing(m[0])) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > maxDepth) { deep = true; break; }
  }
  if (!deep) return html;
  depth = 0;
  const suppressed = new Map<string, number>();
  return html.replace(TAG, (whole: string, close: string, rawName: string) => {
    const name = rawName.toLowerCase();
    if (VOID.has(name) || selfClosing(whole)) return whole;
    if (close) {
      const n = suppressed.get(name) ?? 0;
      if (n > 0) {
        suppressed.set(name, n - 1);
        return '';
      }
      depth = Math.max(0, depth - 1);
      return whole;
    }
    if (depth >= maxDepth) {
      suppressed.set(name, (suppressed.get(name) ?? 0) + 1);
      return '';
    }
    depth++;
    return whole;
  });
}
