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
  organisation_names: string[];
  products: string[];
  evidence: { start: number; end: number; text: string } | null;
}

/**
 * One document's entries of timeline.json: every date mention whose value is fixed, with the organisations
 * and products of the event it time-stamps, in the document's order. The view puts them in calendar order
 * (a year before its months, a month before its days: see dateKey).
 */
export function timelineEntries(doc: FactsDoc): TimelineEntry[] {
  const names = new Map(doc.entities.map((e) => [e.id, e.name]));
  const eventByDate = new Map<number, { organisations: string[]; products: string[]; evidence: { start: number; end: number } }>();
  for (const f of doc.facts) if (f.kind === 'event' && !eventByDate.has(f.date)) eventByDate.set(f.date, f);
  const out: TimelineEntry[] = [];
  doc.dates.forEach((d, i) => {
    if (d.value == null) return;
    const ev = eventByDate.get(i);
    out.push({
      value: d.value, grain: d.grain, modifier: d.modifier ?? null, article: doc.article.id,
      start: d.start, end: d.end, text: d.text,
      organisations: ev?.organisations ?? [],
      organisation_names: (ev?.organisations ?? []).map((id) => names.get(id) ?? id),
      products: ev?.products ?? [],
      evidence: ev ? { ...ev.evidence, text: doc.article.text.slice(ev.evidence.start, ev.evidence.end) } : null,
    });
  });
  return out;
}
