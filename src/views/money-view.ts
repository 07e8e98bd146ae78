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
 * Every amount in the corpus with what the facts say of it: role, organisations (ids and names), products,
 * dates, article, offsets and the evidence sentence. Sorted by currency, then value (largest first):
 * amounts in different currencies are not converted, so they are not compared.
 */
export class MoneyViewBuilder {
  private readonly entries: MoneyViewEntry[] = [];

  /** Adds one document's amounts; returns the entries it added (organisations.json reuses them). */
  add(doc: FactsDoc): MoneyViewEntry[] {
    const added: MoneyViewEntry[] = [];
    const names = new Map(doc.entities.map((e) => [e.id, e.name]));
    const factsByMoney = new Map<number, MoneyFact>();
    for (const f of doc.facts) if (f.kind === 'money' && !factsByMoney.has(f.money)) factsByMoney.set(f.money, f);
    doc.money.forEach((m, i) => {
      const f = factsByMoney.get(i);
      const entry: MoneyViewEntry = {
        article: doc.article.id, start: m.start, end: m.end, text: m.text,
        amount: m.amount, currency: m.currency, approximate: m.approximate,
        role: f?.role ?? null,
        organisations: f?.organisations ?? [],
        organisation_names: (f?.organisations ?? []).map((id) => names.get(id) ?? id),
        products: f?.products ?? [],
        dates: (f?.dates ?? []).map((d) => doc.dates[d]?.value ?? doc.dates[d]?.text ?? '').filter(Boolean),
        evidence: f ? { ...f.evidence, text: doc.article.text.slice(f.evidence.start, f.evidence.end) } : null,
      };
      this.entries.push(entry);
      added.push(entry);
    });
    return added;
  }

  build(): MoneyViewEntry[] {
    return this.entries.sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0)
      || b.amount - a.amount || (a.article < b.article ? -1 : a.article > b.article ? 1 : 0) || a.start - b.start);
  }
}
