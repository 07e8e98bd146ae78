import type { Warning } from '../types.js';

export interface Decoded {
  text: string;
  /** The encoding the bytes were read as (WHATWG label). */
  encoding: string;
  warnings: Warning[];
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

// Node 20's TextDecoder reads 'windows-1252' (and its aliases latin1, iso-8859-1, ascii) as ISO-8859-1:
// bytes 0x80–0x9F come out as C1 control characters instead of “ ” ‘ ’ – — € …. WHATWG says those
// labels all mean Windows-1252, so the 27 mapped bytes are put right after decoding (same length:
// each is one UTF-16 unit, so nothing shifts).
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

function decodeWith(decoder: TextDecoder, bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  return decoder.encoding === 'windows-1252' ? fixWindows1252(text) : text;
}

/** Labels TextDecoder knows, normalised; anything else falls back to sniffing. */
function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label.trim().toLowerCase(), { fatal: false });
  } catch {
    return null;
  }
}

/**
 * Turns a file's bytes into text. A BOM wins; then a charset the file declares (HTML meta, XML prolog),
 * when given; then strict UTF-8; and when the bytes are not valid UTF-8, Windows-1252 (what a "£" saved by
 * an old Windows editor is: byte 0xA3), with a warning so the user knows the file was guessed.
 * NUL bytes are replaced by spaces (same length, so offsets hold) and reported.
 */
export function decodeBytes(bytes: Uint8Array, declared?: string | null): Decoded {
  const warnings: Warning[] = [];
  let text: string;
  let encoding: string;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = new TextDecoder('utf-8').decode(bytes.subarray(3));
    encoding = 'utf-8';
  } else if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
    encoding = le ? 'utf-16le' : 'utf-16be';
  } else {
    const declaredDecoder = declared ? decoderFor(declared) : null;
    if (declaredDecoder && declaredDecoder.encoding !== 'utf-8') {
      text = decodeWith(declaredDecoder, bytes);
      encoding = declaredDecoder.encoding;
    } else {
      try {
        text = UTF8.decode(bytes);
        encoding = 'utf-8';
      } catch {
        text = decodeWith(new TextDecoder('windows-1252'), bytes);
        encoding = 'windows-1252';
        warnings.push({ origin: 'ingest:decode', reason: 'not valid UTF-8; read as Windows-1252' });
      }
    }
  }
  if (text.includes('\u0000')) {
    warnings.push({ origin: 'ingest:decode', reason: 'NUL bytes replaced by spaces' });
    text = text.replace(/\u0000/g, ' ');
  }
  return { text, encoding, warnings };
}

// Signatures of common binary formats a user may drop into a corpus by mistake.
const MAGIC: readonly number[][] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x25, 0x50, 0x44, 0x46], // PDF
  [0x50, 0x4b, 0x03, 0x04], // ZIP, docx, xlsx
  [0x1f, 0x8b], // gzip
  [0x7f, 0x45, 0x4c, 0x46], // ELF
];

/**
 * True when the bytes look like a binary file (images, archives), not text in any encoding: a known
 * signature, or mostly control bytes. A few stray NULs in a text file do not make it binary.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  if (n === 0) return false;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return false;
  if (MAGIC.some((sig) => sig.every((b, i) => bytes[i] === b))) return true;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0 || b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > n * 0.3;
}
