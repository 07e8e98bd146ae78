// Views written one entry at a time, byte for byte what JSON.stringify(view, null, 2) + '\n' gives for the
// whole array (toJson), so a view never has to exist in memory as one object or one string.
import { closeSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import type { Occurrence } from './entity-views.js';

/**
 * An entity's occurrences, already as JSON text: one fragment per article (its occurrences in order, each
 * printed as JSON.stringify(view, null, 2) prints it three levels deep: view, entry, occurrences), in
 * article order. Rendered once when the document is added, so writing a view only concatenates them.
 */
export interface OccurrenceText {
  fragments: string[];
}

/** The occurrence objects back from their text. */
export function occurrenceList(o: OccurrenceText): Occurrence[] {
  return JSON.parse(`[${o.fragments.join(',')}]`) as Occurrence[];
}

const num = (n: number) => JSON.stringify(n);

/** One document's occurrences of one entity as a fragment of OccurrenceText; `article` is JSON already. */
export function occurrenceFragment(articleJson: string, mentions: readonly { start: number; end: number; text: string }[]): string {
  let out = '';
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    out += `${i ? ',\n' : ''}      {\n        "article": ${articleJson},\n        "start": ${num(m.start)},\n        "end": ${num(m.end)},\n        "text": ${JSON.stringify(m.text)}\n      }`;
  }
  return out;
}

/**
 * One entry of a view. Either its fields, with for the entity views their occurrences apart (always the
 * entry's last field, kept as text so a writer never builds them as objects), or the entry already
 * rendered as it appears in the file (money and timeline entries, rendered when their document was added).
 */
export type ViewEntry =
  | { value: Record<string, unknown>; occurrences?: OccurrenceText; text?: undefined }
  | { text: string; value?: undefined; occurrences?: undefined };

/**
 * A value as it appears as an entry of a top-level array in JSON.stringify(view, null, 2): indented two
 * spaces more (string values hold no raw line break: JSON escapes them).
 */
export function renderEntry(value: unknown): string {
  return '  ' + JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
}

/** The entry as one plain object (what JSON.parse of the view file gives back). */
export function entryValue(e: ViewEntry): Record<string, unknown> {
  if (e.text !== undefined) return JSON.parse(e.text) as Record<string, unknown>;
  return e.occurrences ? { ...e.value, occurrences: occurrenceList(e.occurrences) } : e.value;
}

/** One entry as it appears inside the top-level array: indented two spaces, no separator. */
export function entryJson(e: ViewEntry): string {
  if (e.text !== undefined) return e.text;
  const head = renderEntry(e.value);
  if (!e.occurrences) return head;
  if (!head.endsWith('\n  }')) return renderEntry(entryValue(e));
  const frags = e.occurrences.fragments;
  return `${head.slice(0, -4)},\n    "occurrences": ${frags.length ? `[\n${frags.join(',\n')}\n    ]` : '[]'}\n  }`;
}

/** Collects the text of a top-level JSON array written entry by entry: "[\n" entries ",\n" "\n]\n", or "[]\n". */
export class JsonArrayText {
  private first = true;
  constructor(private readonly out: (chunk: string) => void) {}

  add(entryText: string): void {
    this.out(this.first ? '[\n' : ',\n');
    this.first = false;
    this.out(entryText);
  }

  end(): void {
    this.out(this.first ? '[]\n' : '\n]\n');
  }
}

/** Bytes a view file is written (and compared) in: reused buffers, so writing allocates nothing per chunk. */
const CHUNK_BYTES = 256 * 1024;

/**
 * A view file written through a small buffer into a temporary file beside it, compared on the way with
 * the file already there: an unchanged view is left untouched (and not counted), a changed one replaces
 * the old file in one rename. Memory: two buffers, whatever the view's size. (Joining 1 M characters of
 * entries into one string and encoding it into a new Buffer each time, as before, took fresh memory for
 * every megabyte written: ~1,000 page faults each, at ~10 us a fault on these machines.)
 */
export class ViewFile {
  private readonly tmp: string;
  private readonly fd: number;
  private old: number | null;
  private same: boolean;
  private readonly array: JsonArrayText;
  private readonly buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private oldBuf: Buffer | null = null;
  private used = 0;
  private closed = false;

  constructor(private readonly file: string) {
    this.tmp = `${file}.${process.pid}.tmp`;
    try { this.old = openSync(file, 'r'); } catch { this.old = null; }
    this.same = this.old !== null;
    try {
      this.fd = openSync(this.tmp, 'w');
    } catch (err) {
      if (this.old !== null) closeSync(this.old);
      throw err;
    }
    this.array = new JsonArrayText((chunk) => this.put(chunk));
  }

  /** Appends one entry, as entryJson gives it. */
  add(entryText: string): void {
    this.array.add(entryText);
  }

  private put(chunk: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.used + 3 * chunk.length > this.buf.length) this.flush();
    if (3 * chunk.length > this.buf.length) this.emit(Buffer.from(chunk));
    else this.used += this.buf.write(chunk, this.used);
  }

  private flush(): void {
    if (!this.used) return;
    this.emit(this.buf.subarray(0, this.used));
    this.used = 0;
  }

  private emit(bytes: Buffer): void {
    writeSync(this.fd, bytes);
    if (this.same) this.same = this.readOld(bytes.length).equals(bytes);
  }

  private readOld(n: number): Buffer {
    if (!this.oldBuf || this.oldBuf.length < n) this.oldBuf = Buffer.allocUnsafe(Math.max(n, CHUNK_BYTES));
    const b = this.oldBuf;
    let got = 0;
    while (got < n) {
      const r = readSync(this.old!, b, got, n - got, null);
      if (r === 0) break;
      got += r;
    }
    return b.subarray(0, got);
  }

  /** Finishes the file; true when it changed (and was replaced). */
  close(): boolean {
    this.array.end();
    this.flush();
    this.closed = true;
    closeSync(this.fd);
    if (this.same && this.readOld(1).length !== 0) this.same = false;
    if (this.old !== null) closeSync(this.old);
    if (this.same) {
      unlinkSync(this.tmp);
      return false;
    }
    renameSync(this.tmp, this.file);
    return true;
  }

  /** Drops the temporary file after a failure; the old file stays as it was. */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    try { closeSync(this.fd); } catch { /* closed */ }
    if (this.old !== null) try { closeSync(this.old); } catch { /* closed */ }
    try { unlinkSync(this.tmp); } catch { /* gone */ }
  }
}
