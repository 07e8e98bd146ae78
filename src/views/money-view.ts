import type { FactsDoc, MoneyFact } from '../types.js';

export interface MoneyViewEntry {
  article: string;
  start: number;
  end: number;
  text: string;
  amount: number;
  currency: string;
  approximate: boolean;
  role: string | null;
  organisations: string[];
  organisation_names: string[];
  products: string[];
  dates: string[];
  evidence: { start: number; end: number; text: string } | null;
}

/**
 * One document's entries of money.json: every amount with what the facts say of it (role, organisations by
 * id and name, products, dates, the evidence sentence), in the document's order. The view sorts them by
 * currency, then value (largest first): amounts in different currencies are not converted, so not compared.
 */
export function moneyEntries(doc: FactsDoc): MoneyViewEntry[] {
  const names = new Map(doc.entities.map((e) => [e.id, e.name]));
  const factsByMoney = new Map<number, MoneyFact>();
  for (const f of doc.facts) if (f.kind === 'money' && !factsByMoney.has(f.money)) factsByMoney.set(f.money, f);
  return doc.money.map((m, i) => {
    const f = factsByMoney.get(i);
    return {
      article: doc.article.id, start: m.start, end: m.end, text: m.text,
      amount: m.amount, currency: m.currency, approximate: m.approximate,
      role: f?.role ?? null,
      organisations: f?.organisations ?? [],
      organisation_names: (f?.organisations ?? []).map((id) => names.get(id) ?? id),
      products: f?.products ?? [],
      dates: (f?.dates ?? []).map((d) => doc.dates[d]?.value ?? doc.dates[d]?.text ?? '').filter(Boolean),
      evidence: f ? { ...f.evidence, text: doc.article.text.slice(f.evidence.start, f.evidence.end) } : null,
    };
  });
}
