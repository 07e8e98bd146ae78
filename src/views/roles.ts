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

/** The title words right before a name (stopping at punctuation or a stop word), or null. */
function titleBefore(text: string, at: number, lineStart: number, people: { start: number; end: number }[]): { start: number; title: string } | null {
  // Another person's name ends the title ("President Trump congratulated Pelosi" gives Pelosi no title).
  const other = people.filter((p) => p.end <= at && p.end > at - 90).reduce((x, p) => Math.max(x, p.end), 0);
  const chunkStart = Math.max(lineStart, at - 90, other);
  const chunk = text.slice(chunkStart, at);
  const cut = Math.max(...[',', ';', ':', '(', ')', '"', '“', '”', '.', '–', '—'].map((c) => chunk.lastIndexOf(c)));
  const body = chunk.slice(cut + 1);
  if (!/\s$/.test(body)) return null;
  const words = [...body.matchAll(WORD)];
  let first = words.length;
  for (let k = words.length - 1; k >= 0 && words.length - k <= 6; k--) {
    const w = words[k]![0].toLowerCase();
    if (STOP.has(w) || (/^\p{Ll}+ed$/u.test(words[k]![0]) && !HEADS.has(w))) break; // a verb ("praised") ends it
    first = k;
  }
  const kept = words.slice(first);
  if (!kept.some((m) => isHead(m[0]))) return null;
  // A possessive organisation opens the title ("CSC's president"): keep it in the phrase, not the title.
  const s = chunkStart + cut + 1 + kept[0]!.index;
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
  const orgIn = (a: number, b: number) => orgs.filter((o) => o.start >= a && o.end <= b).sort((x, y) => x.start - y.start);
  const people = doc.entities.filter((e) => e.type === 'person').flatMap((e) => e.mentions);
  const out: PersonRole[] = [];
  for (const e of doc.entities) {
    if (e.type !== 'person') continue;
    for (const m of e.mentions) {
      const lineStart = text.lastIndexOf('\n', m.start - 1) + 1;
      const before = titleBefore(text, m.start, lineStart, people);
      if (before) {
        let title = before.title;
        const org = orgIn(before.start, m.start)[0] ?? null;
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
          const org = orgIn(ps, ps + part.length)[0] ?? null;
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
