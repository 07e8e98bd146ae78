import type { FactsDoc, MoneyFact } from '../types.js';
import { normForm } from './score.js';

// Scores money facts against gold links (fixtures/gold-facts/README.md): a link is right when the fact
// of that amount has the gold role and every gold organisation is among its organisations (matched on
// normalised surface forms, as entities are). Role and organisations are also counted apart, so a miss
// says which half went wrong.

export interface GoldLink { money: string; occurrence?: number; role: string; organisations: string[]; why?: string }
export interface GoldFacts { article: string; facts: GoldLink[] }

export interface FactsReport {
  links: { right: number; total: number };
  role: { right: number; total: number };
  organisations: { right: number; total: number };
  /** Money facts predicted for the gold articles, and how many carry a role other than `other`. */
  predicted: { facts: number; typed: number };
  details: Record<string, { right: string[]; wrong: string[] }>;
}

function factFor(doc: FactsDoc, g: GoldLink): MoneyFact | undefined {
  let seen = 0;
  const want = g.occurrence ?? 1;
  const idx = doc.money.findIndex((m) => m.text === g.money && ++seen === want);
  if (idx < 0) return undefined;
  return doc.facts.find((f): f is MoneyFact => f.kind === 'money' && f.money === idx);
}

export function scoreFacts(golds: GoldFacts[], preds: Map<string, FactsDoc>): FactsReport {
  const r: FactsReport = { links: { right: 0, total: 0 }, role: { right: 0, total: 0 }, organisations: { right: 0, total: 0 }, predicted: { facts: 0, typed: 0 }, details: {} };
  for (const gold of golds) {
    const doc = preds.get(gold.article);
    const d = (r.details[gold.article] ??= { right: [], wrong: [] });
    if (doc) for (const f of doc.facts) if (f.kind === 'money') { r.predicted.facts++; if (f.role !== 'other') r.predicted.typed++; }
    for (const g of gold.facts) {
      r.links.total++; r.role.total++; r.organisations.total++;
      const f = doc ? factFor(doc, g) : undefined;
      const forms = new Map<string, Set<string>>();
      for (const e of doc?.entities ?? []) forms.set(e.id, new Set([e.name, ...e.aliases, ...e.mentions.map((m) => m.text)].map(normForm)));
      const orgsOk = !!f && g.organisations.every((name) => f.organisations.some((id) => forms.get(id)?.has(normForm(name))));
      const roleOk = !!f && f.role === g.role;
      if (roleOk) r.role.right++;
      if (orgsOk) r.organisations.right++;
      const names = f ? f.organisations.map((id) => doc!.entities.find((e) => e.id === id)?.name ?? id).join(', ') : '';
      const line = f ? `${g.money}: ${f.role} [${names}]` : `${g.money}: no fact`;
      if (roleOk && orgsOk) { r.links.right++; d.right.push(line); }
      else d.wrong.push(`${line}, want ${g.role} [${g.organisations.join(', ')}]`);
    }
  }
  return r;
}
