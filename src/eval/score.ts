import type { FactsDoc } from '../types.js';

// Scores facts/v1 documents against gold files written by fixtures/gold-dev/GUIDE.md, with the same rules
// as the dev-set scorer the issues' figures come from: entities match when any normalised surface form
// overlaps (type-strict), money on (currency, amount), dates on overlapping text then value, percents on value.

export interface GoldEntity { type: string; name: string; aliases?: string[] }
/**
 * A gold file. A kind left out (no `money` key, say) was not annotated in that file and is not scored there,
 * so a gold set may cover only entities, or only values.
 */
export interface GoldDoc {
  article: string;
  published: string | null;
  entities?: GoldEntity[];
  money?: { text: string; amount: number; currency: string }[];
  dates?: { text: string; value: string | null; grain: string; relative?: boolean; modifier?: string }[];
  percents?: { text: string; value: number }[];
  facts?: GoldFact[];
}
export interface GoldFact { money: string; role: string; organisations: string[] }

export interface Counts { tp: number; fp: number; fn: number }
export interface Score extends Counts { p: number; r: number; f1: number }

export const KINDS = ['organisation', 'person', 'product', 'place', 'entity_any', 'money', 'date', 'percent'] as const;
export type Kind = (typeof KINDS)[number];

export interface Report {
  scores: Record<Kind, Score>;
  dateValues: { right: number; total: number };
  details: Record<string, Record<string, { missed: string[]; spurious: string[]; wrong?: string[] }>>;
}

export const normForm = (s: unknown): string => String(s ?? '').normalize('NFKC').replace(/[’‘`]/g, "'").replace(/'s$/i, '')
  .replace(/^the\s+/i, '').replace(/[^\p{L}\p{N}&]+/gu, ' ').trim().toLowerCase();

const VALUE_FORM = /^(\d{4}|\d{4}\/\d{4}|\d{4}-Q[1-4]|\d{4}-\d{2}|\d{4}-W\d{2}|\d{4}-\d{2}-\d{2})$/;

function formsOf(e: { name: string; aliases?: string[]; mentions?: { text: string }[] }): Set<string> {
  return new Set([e.name, ...(e.aliases ?? []), ...(e.mentions ?? []).map((m) => m.text)].map(normForm).filter(Boolean));
}

function matchSets<G, P>(gold: G[], pred: P[], same: (g: G, p: P) => boolean) {
  const used = new Set<number>();
  let tp = 0;
  const missed: G[] = [];
  for (const g of gold) {
    const i = pred.findIndex((p, k) => !used.has(k) && same(g, p));
    if (i >= 0) { used.add(i); tp++; } else missed.push(g);
  }
  return { tp, fp: pred.length - tp, fn: gold.length - tp, missed, spurious: pred.filter((_, k) => !used.has(k)) };
}

const overlap = (a: Set<string>, b: Set<string>) => { for (const x of a) if (b.has(x)) return true; return false; };
const textsOverlap = (a: string, b: string) => { const x = normForm(a), y = normForm(b); return !!x && !!y && (x.includes(y) || y.includes(x)); };

export function score(golds: GoldDoc[], preds: Map<string, FactsDoc>): Report {
  const c = Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<Kind, Counts>;
  const dateValues = { right: 0, total: 0 };
  const details: Report['details'] = {};
  const add = (k: Kind, r: Counts) => { c[k].tp += r.tp; c[k].fp += r.fp; c[k].fn += r.fn; };
  for (const gold of golds) {
    const pred = preds.get(gold.article);
    const d: Report['details'][string] = (details[gold.article] = {});
    if (gold.entities) {
      const pents = (pred?.entities ?? []).map((e) => ({ ...e, forms: formsOf(e) }));
      const gents = gold.entities.map((e) => ({ ...e, forms: formsOf(e) }));
      for (const t of ['organisation', 'person', 'product', 'place'] as const) {
        const r = matchSets(gents.filter((e) => e.type === t), pents.filter((e) => e.type === t), (g, p) => overlap(g.forms, p.forms));
        add(t, r);
        d[t] = { missed: r.missed.map((e) => e.name), spurious: r.spurious.map((e) => e.name) };
      }
      const any = matchSets(gents, pents, (g, p) => overlap(g.forms, p.forms));
      add('entity_any', { tp: any.tp, fn: any.fn, fp: Math.max(0, pents.length - any.tp) });
    }
    if (gold.money) {
      const money = matchSets(gold.money, pred?.money ?? [], (g, p) => p.currency === g.currency && Math.abs(p.amount - g.amount) <= 1e-6 * Math.max(1, g.amount));
      add('money', money);
      d.money = { missed: money.missed.map((m) => m.text), spurious: money.spurious.map((m) => `${m.text}=${m.amount} ${m.currency}`) };
    }
    if (gold.percents) {
      const pc = matchSets(gold.percents, pred?.percents ?? [], (g, p) => Math.abs(p.value - g.value) < 1e-9);
      add('percent', pc);
      d.percent = { missed: pc.missed.map((x) => x.text), spurious: pc.spurious.map((x) => x.text) };
    }
    if (!gold.dates) continue;
    const dates = matchSets(gold.dates, pred?.dates ?? [], (g, p) => textsOverlap(g.text, p.text));
    add('date', dates);
    const wrong: string[] = [];
    const used = new Set<number>();
    for (const g of gold.dates) {
      if (g.value == null || !VALUE_FORM.test(g.value)) continue;
      dateValues.total++;
      const list = pred?.dates ?? [];
      const i = list.findIndex((p, k) => !used.has(k) && textsOverlap(g.text, p.text));
      if (i >= 0) {
        used.add(i);
        if (String(list[i]!.value) === String(g.value)) dateValues.right++;
        else wrong.push(`${g.text}: ${list[i]!.value} != ${g.value}`);
      } else wrong.push(`${g.text}: missing != ${g.value}`);
    }
    d.date = { missed: dates.missed.map((x) => x.text), spurious: dates.spurious.map((x) => x.text), wrong };
  }
  const f1 = (k: Counts): Score => {
    const p = k.tp / Math.max(1, k.tp + k.fp);
    const r = k.tp / Math.max(1, k.tp + k.fn);
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return { ...k, p: round(p), r: round(r), f1: round(p + r ? (2 * p * r) / (p + r) : 0) };
  };
  return { scores: Object.fromEntries(KINDS.map((k) => [k, f1(c[k])])) as Record<Kind, Score>, dateValues, details };
}
