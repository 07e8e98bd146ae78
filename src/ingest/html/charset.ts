// The charset an HTML page declares about itself. Browsers read the first bytes as ASCII-compatible
// (latin1 here: one char per byte, so nothing is lost) and look for <meta charset>, the http-equiv
// Content-Type, or an XML prolog; we do the same before decoding the whole page.

/** How far into the page a declaration counts (the HTML spec's prescan looks at 1024 bytes; pages
 * with long <head> comments put it later, so we look a little further). */
const PRESCAN_BYTES = 4096;

const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)/i;
const XML_PROLOG = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_:.+-]+)["']/i;

/**
 * The declared charset label, or null. A declared UTF-16 is read as UTF-8 (the HTML spec does the same:
 * bytes we could sniff as ASCII are not UTF-16, and a real UTF-16 page carries a BOM, which decodeBytes
 * honours first).
 */
export function sniffCharset(bytes: Uint8Array): string | null {
  const head = latin1(bytes.subarray(0, PRESCAN_BYTES));
  const found = XML_PROLOG.exec(head)?.[1] ?? META_CHARSET.exec(head)?.[1] ?? null;
  if (!found) return null;
  const label = found.toLowerCase();
  if (label.startsWith('utf-16') || label === 'unicode') return 'utf-8';
  return label;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  // Chunked so a large prescan window never hits the argument-count limit of fromCharCode.
  for (let i = 0; i < bytes.length; i += 1024) {
    s += String.fromCharCode(...bytes.subarray(i, i + 1024));
  }
  return s;
}
