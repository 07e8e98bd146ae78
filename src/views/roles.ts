// People's titles and organisations read from the words around their names: "health secretary Andrew
// Lansley", "CSC's president of healthcare Guy Hains", "Ruth Carnall, chief executive of NHS London".
// Rendered documents carry no sentences, so this reads the article text around each person mention.
import { createRequire } from 'node:module';
import type { FactsDoc } from '../types.js';

const require = createRequire(import.meta.url);
const raw = require('../../../lexicons/facts/titles.json') as { heads: { words: string[] }; stop: { words: string[] } };
const HEADS = new Set(raw.heads.words.map((w) => w.toLowerCase()));
const STOP = new Set(raw.stop.words.map((w) => w.toLowerCase()));

export interface PersonRole {
  person: string;
  title: string;
  organisation: string | null;
  article: string;
  /** The phrase that states the role (title, name and any organisation named with it). */
  start: number;
  end: number;
  text: string;
}

interface OrgSpan { start: number; end: number; id: string }

const WORD = /[\p{L}\p{N}][\p{L}\p{N}&'’.-]*/gu;
const isHead = (w: string) => HEADS.has(w.toLowerCase().replace(/['’]s$/, ''));

/** Characters that end a title read backwards from a name. */
const TITLE_BREAK = new Set([',', ';', ':', '(', ')', '"', '“', '”', '.', '–', '—'].map((c) => c.charCodeAt(0)));

/** The first index in 0..n at which `before` (false from some index on) is false: one binary search for both uses. */
function firstNotBefore(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The title words right before a name (stopping at a line break, punctuation or a stop word, within 90
 * characters), or null. `peopleEnds`: where every person mention ends, sorted.
 */
function titleBefore(text: string, at: number, peopleEnds: number[]): { start: number; title: string } | null {
  // Another person's name ends the title ("President Trump congratulated Pelosi" gives Pelosi no title).
  const k = firstNotBefore(peopleEnds.length, (i) => peopleEnds[i]! <= at);
  let chunkStart = Math.max(0, at - 90, k > 0 ? peopleEnds[k - 1]! : 0);
  let chunk = text.slice(chunkStart, at);
  // Within the line (looked for in the chunk only: the line may start thousands of characters back).
  const nl = chunk.lastIndexOf('\n');
  if (nl >= 0) {
    chunkStart += nl + 1;
    chunk = chunk.slice(nl + 1);
  }
  let cut = chunk.length - 1;
  while (cut >= 0 && !TITLE_BREAK.has(chunk.charCodeAt(cut))) cut--;
  const body = chunk.slice(cut + 1);
  if (!/\s$/.test(body)) return null;
  // The words and where they start (an exec loop: matchAll's iterator was most of the views' role reading).
  const words: string[] = [];
  const starts: number[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(body); m; m = WORD.exec(body)) {
    words.push(m[0]);
    starts.push(m.index);
  }
  let first = words.length;
  for (let k = words.length - 1; k >= 0 && words.length - k <= 6; k--) {
    const w = words[k]!.toLowerCase();
    if (STOP.has(w) || (/^\p{Ll}+ed$/u.test(words[k]!) && !HEADS.has(w))) break; // a verb ("praised") ends it
    first = k;
  }
  let head = false;
  for (let k = first; k < words.length && !head; k++) head = isHead(words[k]!);
  if (!head) return null;
  // A possessive organisation opens the title ("CSC's president"): keep it in the phrase, not the title.
  const s = chunkStart + cut + 1 + starts[first]!;
  return { start: s, title: text.slice(s, at).trim() };
}

/** The appositive right after a name ("Ruth Carnall, chief executive of NHS London,"), if it is a title. */
function titleAfter(text: string, end: number): { end: number; phrase: string } | null {
  const m = /^,\s+(?:the\s+|a\s+|an\s+)?([^,;:.()"“”\n]{2,180}?)(?=[,;:.()"“”\n]|$)/u.exec(text.slice(end, end + 200));
  if (!m) return null;
  const words = m[1]!.match(WORD) ?? [];
  if (!words.slice(0, 4).some(isHead)) return null;
  return { end: end + m[0].length, phrase: m[1]! };
}

/** Every role stated next to a person mention in one rendered document. */
export function personRoles(doc: FactsDoc): PersonRole[] {
  const text = doc.article.text;
  const orgs: OrgSpan[] = [];
  for (const e of doc.entities) if (e.type === 'organisation') for (const m of e.mentions) orgs.push({ start: m.start, end: m.end, id: e.id });
  // By start (a stable sort: equal starts keep the document's order).
  orgs.sort((x, y) => x.start - y.start);
  /** The first organisation mention (by start) wholly inside [a, b], or null. */
  const orgIn = (a: number, b: number): OrgSpan | null => {
    for (let i = firstNotBefore(orgs.length, (j) => orgs[j]!.start < a); i < orgs.length && orgs[i]!.start <= b; i++) if (orgs[i]!.end <= b) return orgs[i]!;
    return null;
  };
  const peopleEnds: number[] = [];
  for (const e of doc.entities) if (e.type === 'person') for (const m of e.mentions) peopleEnds.push(m.end);
  peopleEnds.sort((x, y) => x - y);
  const out: PersonRole[] = [];
  for (const e of doc.entities) {
    if (e.type !== 'person') continue;
    for (const m of e.mentions) {
      const before = titleBefore(text, m.start, peopleEnds);
      if (before) {
        let title = before.title;
        const org = orgIn(before.start, m.start);
        if (org) title = (text.slice(before.start, org.start) + text.slice(org.end, m.start)).replace(/^\s*['’]s\b/, '').replace(/^[\s'’s]+|\s+$/g, '').replace(/^['’]s\s+/, '').trim();
        if (title) out.push({ person: e.id, title: title.replace(/\s+/g, ' '), organisation: org?.id ?? null, article: doc.article.id, start: before.start, end: m.end, text: text.slice(before.start, m.end) });
      }
      const after = titleAfter(text, m.end);
      if (after) {
        // "head of X and director of Y at Z": each part its own role.
        const phraseStart = text.indexOf(after.phrase, m.end);
        const parts: string[] = [];
        for (const p of after.phrase.split(/\s+and\s+/u)) {
          // "programme and systems delivery" is one complement: only a part with a title word of its own starts a role.
          if (parts.length && !(p.match(WORD) ?? []).slice(0, 3).some(isHead)) parts[parts.length - 1] += ' and ' + p;
          else parts.push(p);
        }
        let at = phraseStart;
        for (const part of parts) {
          const ps = text.indexOf(part, at);
          if (ps < 0) continue; // spacing differed from the rejoined part: skip rather than misplace it
          at = ps + part.length;
          const org = orgIn(ps, ps + part.length);
          let title = org ? text.slice(ps, org.start).replace(/\s+(?:of|at|for|with|in)\s*(?:the\s*)?$/i, '') : part;
          title = title.replace(/^(?:the|a|an)\s+/i, '').replace(/^.*\b\p{L}+['’]s\s+/u, '').trim(); // "the trust's director" -> "director"
          if (!title || !(title.match(WORD) ?? []).some(isHead)) continue;
          out.push({ person: e.id, title: title.replace(/\s+/g, ' '), organisation: org?.id ?? null, article: doc.article.id, start: m.start, end: ps + part.length, text: text.slice(m.start, ps + part.length) });
        }
      }
    }
  }
  return out;
}
