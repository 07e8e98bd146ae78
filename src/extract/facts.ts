// Facts: typed statements linking the mentions (issue 8). For every amount of money a money fact
// (its role from the cue words around it, the organisations it belongs to or passes between, the products
// and dates of its sentence); for every date an event fact (the organisations and products of the
// sentence it time-stamps). Evidence is always the sentence. Pure: text and mentions in, facts out.
import type { DateMention, Entity, EventFact, ExtractContext, Fact, MoneyFact, MoneyMention, PercentMention, Sentence } from '../types.js';
import { partiesFor, within, type EntitySpan } from './facts/parties.js';
import { clauseAround, maskSpans, moneyRole, restates, type Range } from './facts/role.js';

export interface Extracted {
  entities: Entity[];
  money: MoneyMention[];
  dates: DateMention[];
  percents: PercentMention[];
}

/** Mentions of one entity type as spans carrying their entity id, sorted by start. */
function spansOf(entities: Entity[], type: Entity['type']): EntitySpan[] {
  const out: EntitySpan[] = [];
  for (const e of entities) if (e.type === type) for (const m of e.mentions) out.push({ start: m.start, end: m.end, id: e.id });
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Index of the sentence holding [start, end); a span the splitter left out gets its own line as sentence. */
function sentenceOf(text: string, sentences: Sentence[], r: Range): { sentences: Sentence[]; index: number } {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (r.start < s.start) hi = mid - 1;
    else if (r.start >= s.end) lo = mid + 1;
    else return { sentences, index: mid };
  }
  const ls = text.lastIndexOf('\n', r.start - 1) + 1;
  let le = text.indexOf('\n', r.end);
  if (le < 0) le = text.length;
  const line: Sentence = { start: ls, end: le, text: text.slice(ls, le) };
  const copy = [...sentences];
  copy.splice(lo, 0, line);
  return { sentences: copy, index: lo };
}

const near = (a: Range) => (m: Range) => (m.end <= a.start ? a.start - m.end : m.start >= a.end ? m.start - a.end : 0);

/** Ids in order of closeness to the anchor, each once. */
function nearestIds(spans: EntitySpan[], anchor: Range, max: number): string[] {
  const d = near(anchor);
  return [...new Set([...spans].sort((a, b) => d(a) - d(b)).map((m) => m.id))].slice(0, max);
}

interface DateSpanAt { start: number; end: number; i: number }

/** The dates inside a sentence, in list order: by binary search when the list is in text order (it is,
 * from extractDates), so each amount costs the dates of its sentence, not all the article's dates. */
function datesIn(list: DateSpanAt[], sorted: boolean, s: Range): DateSpanAt[] {
  if (!sorted) return list.filter((x) => x.start >= s.start && x.end <= s.end);
  let lo = 0, hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid]!.start < s.start) lo = mid + 1; else hi = mid; }
  const out: DateSpanAt[] = [];
  for (let k = lo; k < list.length && list[k]!.start <= s.end; k++) if (list[k]!.end <= s.end) out.push(list[k]!);
  return out;
}

export function extractFacts(ctx: ExtractContext, found: Extracted): Fact[] {
  const { text } = ctx;
  const orgs = spansOf(found.entities, 'organisation');
  const products = spansOf(found.entities, 'product');
  const dateSpans = found.dates.map((d, i) => ({ start: d.start, end: d.end, i }));
  const datesSorted = dateSpans.every((x, k) => k === 0 || dateSpans[k - 1]!.start <= x.start);
  const facts: Fact[] = [];
  // Cue words inside names ("Internal Revenue Service", "Fund") are not about the amount.
  const masked = maskSpans(text, found.entities.flatMap((e) => e.mentions));
  let prev: MoneyFact | null = null;

  found.money.forEach((m, i) => {
    const { sentences, index } = sentenceOf(text, ctx.sentences, m);
    const s = sentences[index]!;
    const clause = clauseAround(text, s, m.start, m.end);
    const decided = moneyRole(masked, clause, m.start, m.end);
    const d = near(m);
    const dates = datesIn(dateSpans, datesSorted, s).sort((a, b) => d(a) - d(b)).slice(0, 3).map((x) => x.i).sort((a, b) => a - b);
    const fact: MoneyFact = {
      kind: 'money',
      money: i,
      role: decided.role,
      organisations: partiesFor(text, sentences, index, m, orgs),
      products: nearestIds(within(products, s), m, 3),
      dates,
      evidence: { start: s.start, end: s.end },
    };
    // A conversion in another currency right after an amount is the same sum: same role and parties.
    const before = found.money[i - 1];
    if (prev && before && fact.role === 'other' && restates(text, before.end, m.start)) {
      fact.role = prev.role;
      fact.organisations = [...prev.organisations];
    }
    facts.push(fact);
    prev = fact;
  });

  found.dates.forEach((dm, i) => {
    const { sentences, index } = sentenceOf(text, ctx.sentences, dm);
    const s = sentences[index]!;
    const fact: EventFact = {
      kind: 'event',
      date: i,
      organisations: partiesFor(text, sentences, index, dm, orgs),
      products: nearestIds(within(products, s), dm, 3),
      evidence: { start: s.start, end: s.end },
    };
    facts.push(fact);
  });
  return facts;
}
