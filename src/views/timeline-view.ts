import type { FactsDoc } from '../types.js';

export interface TimelineEntry {
  value: string;
  grain: string;
  modifier: string | null;
  article: string;
  start: number;
  end: number;
  text: string;
  organisations: string[];
  evidence: { start: number; end: number; text: string } | null;
}

/** Dated mentions whose value is fixed, in calendar order (coarser grains first within the same start). */
export class TimelineViewBuilder {
  private readonly entries: TimelineEntry[] = [];

  add(doc: FactsDoc): void {
    const eventByDate = new Map<number, { organisations: string[]; evidence: { start: number; end: number } }>();
    for (const f of doc.facts) if (f.kind === 'event' && !eventByDate.has(f.date)) eventByDate.set(f.date, f);
    doc.dates.forEach((d, i) => {
      if (d.value == null) return;
      const ev = eventByDate.get(i);
      this.entries.push({
        value: d.value, grain: d.grain, modifier: d.modifier ?? null, article: doc.article.id,
        start: d.start, end: d.end, text: d.text,
        organisations: ev?.organisations ?? [],
        evidence: ev ? { ...ev.evidence, text: doc.article.text.slice(ev.evidence.start, ev.evidence.end) } : null,
      });
    });
  }

  build(): TimelineEntry[] {
    return this.entries.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)
      || (a.article < b.article ? -1 : a.article > b.article ? 1 : 0) || a.start - b.start);
  }
}
