// Who an amount or a date belongs to. English names the parties in the same sentence (the subject,
// "with X", "X's", "awarded to X"); when it does not, it points back ("the company", "the deal") or
// describes the company by its trade ("the local service provider"). Organisations that only report the
// statement ("HSJ reported that", "according to Reuters") are sources, not parties.
import type { Sentence } from '../../types.js';
import { partyLexicon } from './lexicon.js';
import { clauseAround, type Range } from './role.js';

export interface EntitySpan { start: number; end: number; id: string }

/** Mentions inside [start, end), in text order (list sorted by start): found by binary search, so asking
 * once per amount or date costs the mentions of the sentence, not of the article. */
export function within(list: EntitySpan[], r: Range): EntitySpan[] {
  const out: EntitySpan[] = [];
  for (let i = firstFrom(list, r.start); i < list.length; i++) {
    const m = list[i]!;
    if (m.start > r.end) break; // sorted by start, and a mention never ends before it starts
    if (m.end <= r.end) out.push(m);
  }
  return out;
}

/** Index of the first mention starting at or after `at`. */
function firstFrom(list: EntitySpan[], at: number): number {
  let lo = 0, hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid]!.start < at) lo = mid + 1; else hi = mid; }
  return lo;
}

// Per-sentence answers that do not depend on the anchor, kept for the text at hand (a sentence holding
// many amounts or dates is read once, not once per anchor).
interface SentenceFacts { pointsBack: boolean; agreement: boolean; roleNouns: { at: number; text: string }[] }
let factsText: string | null = null;
let factsCache = new Map<string, SentenceFacts>();
let bridgeCache = new WeakMap<EntitySpan[], WeakMap<Sentence[], Map<string, string | null>>>();
let sourceCache = new Map<string, boolean>();
function textCache(text: string): void {
  if (text !== factsText) { factsCache = new Map(); bridgeCache = new WeakMap(); sourceCache = new Map(); }
  factsText = text;
}
function sentenceFacts(text: string, s: Range): SentenceFacts {
  textCache(text);
  const key = s.start + ':' + s.end;
  let f = factsCache.get(key);
  if (f) return f;
  const lex = partyLexicon();
  const body = text.slice(s.start, s.end);
  const roleNouns: SentenceFacts['roleNouns'] = [];
  // Clause edges are never inside a word, so the nouns of a clause are the sentence's nouns within it.
  for (const m of body.matchAll(lex.roleNounRe)) roleNouns.push({ at: s.start + m.index, text: m[0] });
  f = { pointsBack: lex.anaphorCompany.test(body) || lex.anaphorAgreement.test(body), agreement: lex.anaphorAgreement.test(body), roleNouns };
  factsCache.set(key, f);
  return f;
}

/** True when the organisation only reports the statement ('HSJ reported', 'told EHI'). */
export function isSource(text: string, s: Range, m: EntitySpan): boolean {
  textCache(text);
  const key = s.start + ':' + s.end + ':' + m.start + ':' + m.end;
  let r = sourceCache.get(key);
  if (r === undefined) { r = isSourceRaw(text, s, m); sourceCache.set(key, r); }
  return r;
}

function isSourceRaw(text: string, s: Range, m: EntitySpan): boolean {
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
  const s = sentences[si]!;
  const clause = clauseAround(text, s, anchor.start, anchor.end);
  const out: string[] = [];
  const nouns = sentenceFacts(text, s).roleNouns;
  let bySentences = bridgeCache.get(orgs);
  if (!bySentences) { bySentences = new WeakMap(); bridgeCache.set(orgs, bySentences); }
  let memo = bySentences.get(sentences);
  if (!memo) { memo = new Map(); bySentences.set(sentences, memo); }
  for (const m of nouns) {
    const at = m.at;
    const end = at + m.text.length;
    if (at < clause.start || end > clause.end) continue;
    if (!DETERMINED.test(text.slice(Math.max(s.start, at - 50), at))) continue;
    const o = orgs[firstFrom(orgs, end)];
    if (o && o.start - end <= 2) continue; // "provider CSC" names it already
    const noun = m.text.toLowerCase().replace(/s$/, '');
    // Which organisation the noun describes depends on the noun and the sentences around, not the anchor.
    const memoKey = si + ':' + noun;
    const known = memo.get(memoKey);
    if (known !== undefined) { if (known) out.push(known); continue; }
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
    memo.set(memoKey, found);
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
  const s = sentences[si]!;
  const here = inSentence(text, s, anchor, orgs);
  const extra = bridged(text, sentences, si, anchor, orgs);
  // Only a reporter named ("..., according to NBC News"): the party is further back, if anywhere.
  let parties = unique([...(here.onlySources ? [] : here.parties), ...extra]);
  const sf = sentenceFacts(text, s);
  const pointsBack = sf.pointsBack;
  // Without a word pointing back, a sentence naming nobody is not about the last one named.
  if (!parties.length && pointsBack) {
    for (let k = si - 1; k >= Math.max(0, si - 2); k--) {
      const prev = inSentence(text, sentences[k]!, { start: sentences[k]!.end, end: sentences[k]!.end }, orgs);
      if (!prev.parties.length) continue;
      const firstOrder = within(orgs, sentences[k]!).map((m) => m.id).filter((id) => prev.parties.includes(id));
      parties = sf.agreement ? unique(firstOrder).slice(0, 3) : [prev.subject ?? firstOrder[0]!];
      break;
    }
  }
  if (!parties.length) parties = here.parties;
  return parties.slice(0, max);
}
