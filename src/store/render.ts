import type { Entity, FactsDoc, Span } from '../types.js';
import type { CanonicalEntry } from './fact-store.js';

const byStart = (a: Span, b: Span) => a.start - b.start || a.end - b.end;

/**
 * An article's document as the user sees it: local entity ids replaced by the corpus-wide ids of the store,
 * so "CSC" here and "Computer Sciences Corporation" elsewhere share one id. Two local entities that turn out
 * to be one thing are merged (mentions in text order, every other surface form an alias).
 */
export function renderDoc(raw: FactsDoc, map: ReadonlyMap<string, CanonicalEntry>): FactsDoc {
  const merged = new Map<string, Entity>();
  const forms = new Map<string, Set<string>>();
  for (const e of raw.entities) {
    const c = map.get(e.id);
    const id = c?.id ?? e.id;
    const name = c?.name ?? e.name;
    let out = merged.get(id);
    if (!out) {
      out = { id, type: e.type, name, aliases: [], mentions: [] };
      merged.set(id, out);
      forms.set(id, new Set());
    }
    const f = forms.get(id)!;
    for (const s of [e.name, ...e.aliases, ...e.mentions.map((m) => m.text)]) f.add(s);
    // One by one: spreading a huge mention list into push() overflows the call stack.
    for (const m of e.mentions) out.mentions.push(m);
  }
  const entities = [...merged.values()].map((e) => {
    const mentions = dedupeSpans(e.mentions.sort(byStart));
    const aliases = [...forms.get(e.id)!].filter((s) => s !== e.name);
    return { ...e, aliases, mentions };
  });
  entities.sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const remap = (ids: string[]) => [...new Set(ids.map((id) => map.get(id)?.id ?? id))];
  const facts = raw.facts.map((f) => ({ ...f, organisations: remap(f.organisations), products: remap(f.products) }));
  return { ...raw, entities, facts };
}

function dedupeSpans(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.start === s.start && last.end === s.end) continue;
    out.push(s);
  }
  return out;
}

/** Pretty-printed, stable JSON (two-space indent, trailing newline): same input, same bytes. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
