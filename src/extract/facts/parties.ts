// Who an amount or a date belongs to. English names the parties in the same sentence (the subject,
// "with X", "X's", "awarded to X"); when it does not, it points back ("the company", "the deal") or
// describes the company by its trade ("the local service provider"). Organisations that only report the
// statement ("HSJ reported that", "according to Reuters") are sources, not parties.
import type { Sentence } from '../../types.js';
import { partyLexicon } from './lexicon.js';
import { clauseAround, type Range } from './role.js';

export interface EntitySpan { start: number; end: number; id: string }

/** Mentions inside [start, end), in text order (list sorted by start). */
export function within(list: EntitySpan[], r: Range): EntitySpan[] {
  return list.filter((m) => m.start >= r.start && m.end <= r.end);
}

/** True when the organisation only reports the statement ('HSJ reported', 'told EHI'). */
export function isSource(text: string, s: Range, m: EntitySpan): boolean {
  const lex = partyLexicon();
  const after = text.slice(m.end, Math.min(s.end, m.end + 60));
  const before = text.slice(Math.max(s.start, m.start - 40), m.start);
  return lex.sourceAfter.test(after) || lex.sourceBefore.test(before);
}

const dist = (m: Range, a: Range) => (m.end <= a.start ? a.start - m.end : m.start >= a.end ? m.start - a.end : 0);

/** The parties named in one sentence, nearest the anchor first (same clause before other clauses). */
function inSentence(text: string, s: Range, anchor: Range, orgs: EntitySpan[]): { parties: string[]; subject: string | null; onlySources: boolean } {
  const here = within(orgs, s);
  if (!here.length) return { parties: [], subject: null, onlySources: false };
  const tagged = here.map((m) => ({ m, source: isSource(text, s, m) }));
  const onlySources = !tagged.some((t) => !t.source);
  const keep = onlySources ? tagged : tagged.filter((t) => !t.source);
  const clause = clauseAround(text, s, anchor.start, anchor.end);
  const inClause = (m: Range) => m.start >= clause.start && m.end <= clause.end;
  const subject = tagged.find((t) => !t.source)?.m.id ?? null;
  // The clause's subject leads ("CSC was contracted ... in a deal worth £3.1bn"), then nearest first.
  const lead = (m: EntitySpan) => (m.id === subject && m.start - s.start < 60 ? 1 : 0);
  keep.sort((a, b) => lead(b.m) - lead(a.m) || Number(inClause(b.m)) - Number(inClause(a.m)) || dist(a.m, anchor) - dist(b.m, anchor));
  return { parties: unique(keep.map((t) => t.m.id)), subject, onlySources };
}

const unique = (ids: string[]) => [...new Set(ids)];

const DETERMINED = /(?:\bthe|\bits|\btheir|\bthis|\bthat|['’]s)\s+(?:[\p{L}\p{N}-]+\s+){0,3}$/iu;

/**
 * "its biggest provider", "the local service provider": a described company, resolved to the
 * organisation named with the same noun in the sentences around ("software provider CSC",
 * "Acme, the Dutch supplier").
 */
function bridged(text: string, sentences: Sentence[], si: number, anchor: Range, orgs: EntitySpan[]): string[] {
  const lex = partyLexicon();
  const s = sentences[si]!;
  const clause = clauseAround(text, s, anchor.start, anchor.end);
  const out: string[] = [];
  const body = text.slice(clause.start, clause.end);
  for (const m of body.matchAll(lex.roleNounRe)) {
    const at = clause.start + m.index;
    const end = at + m[0].length;
    if (!DETERMINED.test(text.slice(Math.max(s.start, at - 50), at))) continue;
    if (orgs.some((o) => o.start >= end && o.start - end <= 2)) continue; // "provider CSC" names it already
    const noun = m[0].toLowerCase().replace(/s$/, '');
    const apposed = new RegExp(`\\b${noun}s?\\s+$`, 'iu');
    const described = new RegExp(`^\\s*,\\s*(?:a|an|the|its)\\s+[^,.;]{0,50}\\b${noun}s?\\b`, 'iu');
    let found: string | null = null;
    for (const k of [si, si - 1, si + 1, si - 2, si + 2]) {
      const t = sentences[k];
      if (!t) continue;
      for (const o of within(orgs, t)) {
        if (apposed.test(text.slice(Math.max(t.start, o.start - 40), o.start)) || described.test(text.slice(o.end, Math.min(t.end, o.end + 80)))) {
          found = o.id;
          break;
        }
      }
      if (found) break;
    }
    if (found) out.push(found);
  }
  return out;
}

/**
 * The organisations an anchor (an amount, a date) belongs to. Same sentence first (sources dropped
 * when anyone else is named), plus any company described by its trade; with nobody named, the previous
 * sentence when the sentence points back: its subject for "it"/"the company", all its parties for
 * "the deal"/"the contract".
 */
export function partiesFor(text: string, sentences: Sentence[], si: number, anchor: Range, orgs: EntitySpan[], max = 4): string[] {
  const lex = partyLexicon();
  const s = sentences[si]!;
  const here = inSentence(text, s, anchor, orgs);
  const extra = bridged(text, sentences, si, anchor, orgs);
  // Only a reporter named ("..., according to NBC News"): the party is further back, if anywhere.
  let parties = unique([...(here.onlySources ? [] : here.parties), ...extra]);
  const body = text.slice(s.start, s.end);
  const pointsBack = lex.anaphorCompany.test(body) || lex.anaphorAgreement.test(body);
  // Without a word pointing back, a sentence naming nobody is not about the last one named.
  if (!parties.length && pointsBack) {
    for (let k = si - 1; k >= Math.max(0, si - 2); k--) {
      const prev = inSentence(text, sentences[k]!, { start: sentences[k]!.end, end: sentences[k]!.end }, orgs);
      if (!prev.parties.length) continue;
      const firstOrder = within(orgs, sentences[k]!).map((m) => m.id).filter((id) => prev.parties.includes(id));
      parties = lex.anaphorAgreement.test(body) ? unique(firstOrder).slice(0, 3) : [prev.subject ?? firstOrder[0]!];
      break;
    }
  }
  if (!parties.length) parties = here.parties;
  return parties.slice(0, max);
}
