import type { FactsDoc } from '../types.js';
import { dateKey } from './date-key.js';

export interface TimelineEntry {
  value: string;
  grain: string;
  modifier: string | null;
  article: string;
  start: number;
  end: number;
  text: string;
  organisations: string[];
  organisation_names: string[];
  products: string[];
  evidence: { start: number; end: number; text: string } | null;
}

/**
 * Dated events: every date mention whose value is fixed, with the organisations and products of the
 * sentence it time-stamps, in calendar order (a year before its months, a month before its days).
 */
export class TimelineViewBuilder {
  private readonly entries: TimelineEntry[] = [];

  add(doc: FactsDoc): void {
    const names = new Map(doc.entities.map((e) => [e.id, e.name]));
    const eventByDate = new Map<number, { organisations: string[]; products: string[]; evidence: { start: number; end: number } }>();
    for (const f of doc.facts) if (f.kind === 'event' && !eventByDate.has(f.date)) eventByDate.set(f.date, f);
    doc.dates.forEach((d, i) => {
      if (d.value == null) return;
      const ev = eventByDate.get(i);
      this.entries.push({
        value: d.value, grain: d.grain, modifier: d.modifier ?? null, article: doc.article.id,
        start: d.start, end: d.end, text: d.text,
        organisations: ev?.organisations ?? [],
        organisation_names: (ev?.organisations ?? []).map((id) => names.get(id) ?? id),
        products: ev?.products ?? [],
        evidence: ev ? { ...ev.evidence, text: doc.article.text.slice(ev.evidence.start, ev.evidence.end) } : null,
      });
    });
  }

  build(): TimelineEntry[] {
    const key = new Map(this.entries.map((e) => [e, dateKey(e.value)]));
    return this.entries.sort((a, b) => (key.get(a)! < key.get(b)! ? -1 : key.get(a)! > key.get(b)! ? 1 : 0)
      || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)
      || (a.article < b.article ? -1 : a.article > b.article ? 1 : 0) || a.start - b.start);
  }
}
