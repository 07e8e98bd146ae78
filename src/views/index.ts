import { loadLexicon, lookup } from '../extract/entities/lexicon.js';
import type { FactsDoc } from '../types.js';
import { dateKey } from './date-key.js';
import { EntityViewBuilder, type EntityViewEntry } from './entity-views.js';
import { productLinks, type Trace } from './links.js';
import { MoneyViewBuilder, type MoneyViewEntry } from './money-view.js';
import { personRoles, type PersonRole } from './roles.js';
import { TimelineViewBuilder } from './timeline-view.js';

export const VIEW_NAMES = ['organisations', 'people', 'products', 'money', 'timeline'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const fold = (s: string) => s.normalize('NFKC').replace(/[’‘]/g, "'").replace(/'s$/i, '').replace(/^the\s+/i, '').trim().toLowerCase();

interface DatedTrace extends Trace { value: string; text: string }

/** Per-entity lists keyed by id, created on first use. */
class Multi<T> {
  readonly map = new Map<string, T[]>();
  push(key: string, v: T): void {
    const l = this.map.get(key);
    if (l) l.push(v); else this.map.set(key, [v]);
  }
  get(key: string): T[] { return this.map.get(key) ?? []; }
}

/**
 * The corpus-wide views, accumulated one (rendered) document at a time so the corpus is never held in
 * memory. Each entry names its canonical entity id and the article ids and offsets that support it.
 * organisations.json joins what the other views know of each organisation: its money by role (totals per
 * currency), the products it sells or is named with, its people (from their titles), first and last dates.
 */
export class ViewsBuilder {
  private readonly organisations = new EntityViewBuilder('organisation');
  private readonly people = new EntityViewBuilder('person');
  private readonly products = new EntityViewBuilder('product');
  private readonly money = new MoneyViewBuilder();
  private readonly timeline = new TimelineViewBuilder();
  private readonly names = new Map<string, string>();
  private readonly roles = new Multi<PersonRole>();
  private readonly vendorsInText = new Multi<{ org: string; trace: Trace }>();
  private readonly users = new Multi<{ org: string; trace: Trace }>();
  private readonly dated = new Multi<DatedTrace>();
  private readonly orgMoney = new Multi<MoneyViewEntry>();

  add(doc: FactsDoc): void {
    this.organisations.add(doc);
    this.people.add(doc);
    this.products.add(doc);
    this.timeline.add(doc);
    for (const e of doc.entities) if (!this.names.has(e.id)) this.names.set(e.id, e.name);
    for (const m of this.money.add(doc)) for (const o of m.organisations) this.orgMoney.push(o, m);
    for (const r of personRoles(doc)) this.roles.push(r.person, r);
    const links = productLinks(doc);
    for (const v of links.vendors) this.vendorsInText.push(v.product, v);
    for (const u of links.users) this.users.push(u.product, u);
    for (const f of doc.facts) {
      const idx = f.kind === 'event' ? [f.date] : f.dates;
      for (const i of idx) {
        const d = doc.dates[i];
        if (!d || d.value == null) continue;
        for (const o of f.organisations) this.dated.push(o, { value: d.value, text: d.text, article: doc.article.id, start: d.start, end: d.end });
      }
    }
  }

  private name = (id: string) => this.names.get(id) ?? id;

  build(): Record<ViewName, unknown> {
    const orgBase = this.organisations.build();
    const orgByForm = new Map<string, string>();
    for (const o of orgBase) for (const f of [o.name, ...o.aliases]) if (!orgByForm.has(fold(f))) orgByForm.set(fold(f), o.id);

    const people = this.people.build().map((p) => {
      const roles = this.roles.get(p.id).map((r) => ({ title: r.title, organisation: r.organisation, article: r.article, start: r.start, end: r.end, text: r.text }));
      const organisations = [...new Set(roles.map((r) => r.organisation).filter((o): o is string => !!o))].sort(cmp);
      const titles = [...new Set(roles.map((r) => r.title))];
      return { id: p.id, name: p.name, aliases: p.aliases, titles, organisations, roles, articles: p.articles, mentions: p.mentions, occurrences: p.occurrences };
    });

    const lex = loadLexicon();
    const products = this.products.build().map((p) => this.productEntry(p, lex, orgByForm));

    // Indexed once so the join stays linear in the corpus size.
    const productsByOrg = new Multi<(typeof products)[number]>();
    for (const p of products) for (const id of new Set([p.vendor?.id, ...p.organisations.map((u) => u.id)])) if (id) productsByOrg.push(id, p);
    const peopleByOrg = new Multi<(typeof people)[number]>();
    for (const p of people) for (const id of p.organisations) peopleByOrg.push(id, p);
    const organisations = orgBase.map((o) => {
      const money = this.orgMoney.get(o.id);
      const totals: Record<string, Record<string, number>> = {};
      // The same amount restated in several sentences or articles is one sum, not several.
      const seen = new Set<string>();
      for (const m of money) {
        const role = m.role ?? 'other';
        const key = `${role}|${m.currency}|${m.amount}`;
        if (seen.has(key)) continue;
        seen.add(key);
        (totals[role] ??= {})[m.currency] = ((totals[role] ??= {})[m.currency] ?? 0) + m.amount;
      }
      const dates = this.dated.get(o.id).sort((a, b) => cmp(dateKey(a.value), dateKey(b.value)) || cmp(a.article, b.article) || a.start - b.start);
      const prods = productsByOrg.get(o.id)
        .map((p) => ({ id: p.id, name: p.name, relation: p.vendor?.id === o.id ? 'vendor' : 'named with' }));
      const staff = peopleByOrg.get(o.id)
        .map((p) => ({ id: p.id, name: p.name, titles: [...new Set(p.roles.filter((r) => r.organisation === o.id).map((r) => r.title))] }));
      return {
        id: o.id, name: o.name, aliases: o.aliases, articles: o.articles, mentions: o.mentions,
        money: {
          totals,
          facts: money.map((m) => ({ article: m.article, start: m.start, end: m.end, text: m.text, amount: m.amount, currency: m.currency, role: m.role, evidence: m.evidence })),
        },
        products: prods,
        people: staff,
        first_date: dates[0] ?? null,
        last_date: dates[dates.length - 1] ?? null,
        occurrences: o.occurrences,
      };
    });

    return {
      organisations,
      people,
      products,
      money: this.money.build(),
      timeline: this.timeline.build(),
    };
  }

  private productEntry(p: EntityViewEntry, lex: ReturnType<typeof loadLexicon>, orgByForm: Map<string, string>) {
    // Vendor: what the article says ("iSoft's Lorenzo") wins over the lexicon; the lexicon fills the gaps.
    const said = new Map<string, Trace[]>();
    for (const v of this.vendorsInText.get(p.id)) said.set(v.org, [...(said.get(v.org) ?? []), v.trace]);
    const entry = [p.name, ...p.aliases].map((f) => lookup(lex, f)).find((e) => e?.vendor);
    const lexId = entry?.vendor ? orgByForm.get(fold(entry.vendor)) ?? null : null;
    // Most often said wins; on a tie the lexicon's vendor ("iSoft's Lorenzo" = "CSC's Lorenzo" twice each).
    const best = [...said.entries()].sort((a, b) => b[1].length - a[1].length || Number(b[0] === lexId) - Number(a[0] === lexId) || cmp(a[0], b[0]))[0];
    let vendor: { id: string | null; name: string; source: 'text' | 'lexicon'; evidence: Trace[] } | null = null;
    if (best) vendor = { id: best[0], name: this.name(best[0]), source: 'text', evidence: best[1] };
    else if (entry?.vendor) vendor = { id: lexId, name: lexId ? this.name(lexId) : entry.vendor, source: 'lexicon', evidence: [] };
    const users = new Map<string, Trace[]>();
    for (const u of this.users.get(p.id)) if (u.org !== vendor?.id) users.set(u.org, [...(users.get(u.org) ?? []), u.trace]);
    const organisations = [...users.entries()]
      .map(([id, traces]) => ({ id, name: this.name(id), articles: [...new Set(traces.map((t) => t.article))], evidence: traces.slice(0, 5) }))
      .sort((a, b) => b.articles.length - a.articles.length || b.evidence.length - a.evidence.length || cmp(a.id, b.id));
    return { id: p.id, name: p.name, aliases: p.aliases, vendor, organisations, articles: p.articles, mentions: p.mentions, occurrences: p.occurrences };
  }
}

export function buildViews(docs: Iterable<FactsDoc>): Record<ViewName, unknown> {
  const b = new ViewsBuilder();
  for (const d of docs) b.add(d);
  return b.build();
}
