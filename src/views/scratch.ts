// The corpus-wide views, aggregated outside the JS heap. Each rendered document's contributions (entity
// occurrences and aliases, money and timeline entries, people's roles, product vendors and users) go into
// scratch tables of a private SQLite database; the views are then read back in their order and handed out
// one entry at a time. Memory is bounded by the vocabulary (one small summary per distinct entity) and by
// the largest single entry, not by the number of articles or occurrences.
import Database from 'better-sqlite3';
import { loadLexicon, lookup, type LexiconEntry } from '../extract/entities/lexicon.js';
import type { EntityType, FactsDoc, Span } from '../types.js';
import { dateKey } from './date-key.js';
import { byProminence, cmp, type EntitySummary } from './entity-views.js';
import { occurrenceFragment, renderEntry, type ViewEntry } from './json-stream.js';
import { productLinks, type Trace } from './links.js';
import { moneyEntries, type MoneyViewEntry } from './money-view.js';
import { personRoles } from './roles.js';
import { timelineEntries } from './timeline-view.js';

export type ViewName = 'organisations' | 'people' | 'products' | 'money' | 'timeline';

const VIEW_OF: Partial<Record<EntityType, ViewName>> = { organisation: 'organisations', person: 'people', product: 'products' };

const fold = (s: string) => s.normalize('NFKC').replace(/[’‘]/g, "'").replace(/'s$/i, '').replace(/^the\s+/i, '').trim().toLowerCase();

/**
 * A TEXT sort key whose SQLite order (BINARY: UTF-8 bytes, i.e. code points) is JavaScript's string order
 * (UTF-16 code units), which the views were always sorted by. The two differ only where a character above
 * U+FFFF meets one in U+E000..U+FFFF, so a string without any code unit from U+D800 up is its own key; in
 * the others each such unit becomes U+E000 and a character above it, in the same order. Always well-formed.
 */
export function orderKey(s: string): string {
  if (!/[\uD800-\uFFFF]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    out += u < 0xd800 ? s[i] : '\uE000' + String.fromCodePoint(0xe000 + (u - 0xd800));
  }
  return out;
}

interface DatedTrace { value: string; text: string; article: string; start: number; end: number }

/** The earliest and latest dated fact of an organisation, as a stable sort of all of them would give. */
interface DatedRange { first: DatedTrace; firstKey: string; last: DatedTrace; lastKey: string }

const datedCmp = (a: DatedTrace, ak: string, b: DatedTrace, bk: string) => cmp(ak, bk) || cmp(a.article, b.article) || a.start - b.start;

const SCHEMA = `
-- Occurrences of organisations, people and products, one row per entity and article: the article as
-- orderKey (raw: the id itself, as JSON, when that differs) and its occurrences as JSON text (see
-- occurrenceFragment).
CREATE TABLE occ (ent INTEGER NOT NULL, article TEXT NOT NULL, raw TEXT, json TEXT NOT NULL);
-- Every surface form of an entity (JSON strings, so any text survives).
CREATE TABLE alias (ent INTEGER NOT NULL, form TEXT NOT NULL, PRIMARY KEY (ent, form)) WITHOUT ROWID;
-- Rows below are read back in insertion order (rowid): document order, then order within the document.
CREATE TABLE role (person TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE link (product TEXT NOT NULL, vendor INTEGER NOT NULL, org TEXT NOT NULL, trace TEXT NOT NULL);
-- Money entries as rendered in their view (renderEntry).
CREATE TABLE money (currency TEXT NOT NULL, amount REAL, article TEXT NOT NULL, start INTEGER NOT NULL, json TEXT NOT NULL);
CREATE TABLE org_money (org TEXT NOT NULL, money INTEGER NOT NULL);
-- Filled while people.json and products.json are assembled; organisations.json joins them.
CREATE TABLE org_person (org TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE org_product (org TEXT NOT NULL, json TEXT NOT NULL);
`;

// Built once the documents are in (cheaper than keeping them up to date row by row). An index ends with the
// rowid, so "ORDER BY ..., rowid" reads straight off it.
const INDEXES = `
CREATE INDEX occ_by_ent ON occ(ent, article);
CREATE INDEX role_by_person ON role(person);
CREATE INDEX link_by_product ON link(product);
CREATE INDEX org_money_by_org ON org_money(org);
CREATE INDEX org_person_by_org ON org_person(org);
CREATE INDEX org_product_by_org ON org_product(org);
`;

// Documents per transaction while loading.
const DOCS_PER_COMMIT = 256;

/** Every view, in the order a full scratch hands them out. */
export const VIEW_NAMES = ['organisations', 'people', 'products', 'money', 'timeline'] as const satisfies readonly ViewName[];

/**
 * A private scratch database: by default a temporary file (deleted when closed, or when the process dies)
 * with a small page cache; `:memory:` for a few documents.
 */
function openScratch(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('temp_store = FILE');
  // Pages in memory, in KiB: enough for the indexes being built, small next to the corpus.
  db.pragma('cache_size = -16384');
  return db;
}

function emitSorted(sink: (view: ViewName, entry: ViewEntry) => void, view: ViewName, query: Database.Statement): void {
  for (const text of query.pluck().iterate() as Iterable<string>) sink(view, { text });
}

/**
 * timeline.json's entries (timelineEntries, rendered), one row each, handed out in calendar order. Part of
 * a ViewScratch (in its database, inside its transactions), or on its own (a database and transactions of
 * its own): a publishing thread that renders every document for the article files builds it there, so
 * the thread building the other views does not. Documents may come in any order: the view's order is
 * (date, value, article, offset), and only a document's own entries could tie, in the order added.
 */
export class TimelineScratch {
  private readonly db: Database.Database;
  private readonly own: boolean;
  private readonly insert: Database.Statement;
  private docs = 0;
  private inTx = false;
  readonly views: readonly ViewName[] = ['timeline'];

  constructor(db?: Database.Database) {
    this.own = !db;
    this.db = db ?? openScratch('');
    this.db.exec('CREATE TABLE timeline (dkey TEXT NOT NULL, value TEXT NOT NULL, article TEXT NOT NULL, start INTEGER NOT NULL, json TEXT NOT NULL)');
    this.insert = this.db.prepare('INSERT INTO timeline (dkey, value, article, start, json) VALUES (?, ?, ?, ?, ?)');
  }

  /** Adds one rendered document's dated mentions; `articleKey` is orderKey of its id when the caller has it. */
  add(doc: FactsDoc, articleKey = orderKey(doc.article.id)): void {
    if (this.own && !this.inTx) { this.db.exec('BEGIN'); this.inTx = true; }
    for (const t of timelineEntries(doc)) this.insert.run(orderKey(dateKey(t.value)), orderKey(t.value), articleKey, t.start, renderEntry(t));
    if (this.own && ++this.docs % DOCS_PER_COMMIT === 0) { this.db.exec('COMMIT'); this.inTx = false; }
  }

  emit(sink: (view: ViewName, entry: ViewEntry) => void): void {
    if (this.own && this.inTx) { this.db.exec('COMMIT'); this.inTx = false; }
    emitSorted(sink, 'timeline', this.db.prepare('SELECT json FROM timeline ORDER BY dkey, value, article, start, rowid'));
  }

  close(): void {
    if (this.own && this.db.open) this.db.close();
  }
}

/**
 * The views' scratch: `add` every rendered document (in article order, each article once: the views list
 * what comes in several places in that order), then `emit` hands out each view's entries in file order, in
 * a private scratch database (see openScratch).
 */
export class ViewScratch {
  private readonly db: Database.Database;
  private readonly q;
  private readonly ents = new Map<string, EntitySummary>();
  private readonly names = new Map<string, string>();
  private readonly dated = new Map<string, DatedRange>();
  private readonly timeline: TimelineScratch | null;
  /** The views this scratch hands out (emit), in VIEW_NAMES order. */
  readonly views: readonly ViewName[];
  private docs = 0;
  private inTx = false;
  private finished = false;

  /**
   * `timeline: false` leaves timeline.json out (`views` then names the four others): a publishing thread that
   * renders every document for its article files builds the timeline beside them (see TimelineScratch).
   */
  constructor(file = '', { timeline = true }: { timeline?: boolean } = {}) {
    this.db = openScratch(file);
    this.db.exec(SCHEMA);
    this.timeline = timeline ? new TimelineScratch(this.db) : null;
    this.views = timeline ? VIEW_NAMES : VIEW_NAMES.filter((v) => v !== 'timeline');
    const db = this.db;
    this.q = {
      occ: db.prepare('INSERT INTO occ (ent, article, raw, json) VALUES (?, ?, ?, ?)'),
      alias: db.prepare('INSERT OR IGNORE INTO alias (ent, form) VALUES (?, ?)'),
      role: db.prepare('INSERT INTO role (person, json) VALUES (?, ?)'),
      link: db.prepare('INSERT INTO link (product, vendor, org, trace) VALUES (?, ?, ?, ?)'),
      money: db.prepare('INSERT INTO money (currency, amount, article, start, json) VALUES (?, ?, ?, ?, ?)'),
      orgMoney: db.prepare('INSERT INTO org_money (org, money) VALUES (?, ?)'),
      orgPerson: db.prepare('INSERT INTO org_person (org, json) VALUES (?, ?)'),
      orgProduct: db.prepare('INSERT INTO org_product (org, json) VALUES (?, ?)'),
      aliasesOf: db.prepare('SELECT form FROM alias WHERE ent = ?').pluck(),
    };
  }

  private tx(): void {
    if (!this.inTx) { this.db.exec('BEGIN'); this.inTx = true; }
  }

  private commit(): void {
    if (this.inTx) { this.db.exec('COMMIT'); this.inTx = false; }
  }

  /** Adds one rendered document's contributions to every view. */
  add(doc: FactsDoc): void {
    if (this.finished) throw new Error('ViewScratch: add after emit');
    this.tx();
    const q = this.q;
    const docNo = ++this.docs;
    const articleId = doc.article.id;
    const articleKey = orderKey(articleId);
    const articleRaw = articleKey === articleId ? null : JSON.stringify(articleId);
    const articleJson = JSON.stringify(articleId);

    // A rendered document names each entity once; should one come twice, its mentions are pooled.
    const mentionsOf = new Map<EntitySummary, Span[]>();
    for (const e of doc.entities) {
      if (!this.names.has(e.id)) this.names.set(e.id, e.name);
      if (!VIEW_OF[e.type]) continue;
      const k = `${e.type}\u0000${e.id}`;
      let s = this.ents.get(k);
      if (!s) {
        s = { key: this.ents.size + 1, type: e.type, id: e.id, name: e.name, articles: 0, mentions: 0 };
        this.ents.set(k, s);
      }
      for (const a of e.aliases) q.alias.run(s.key, JSON.stringify(a));
      const before = mentionsOf.get(s);
      mentionsOf.set(s, before ? before.concat(e.mentions) : e.mentions);
    }
    for (const [s, mentions] of mentionsOf) {
      if (!mentions.length) continue;
      s.articles++;
      s.mentions += mentions.length;
      // Occurrences go by article, then offset; equal offsets keep the document's order (a stable sort).
      const sorted = mentions.every((m, i) => i === 0 || mentions[i - 1]!.start <= m.start) ? mentions : [...mentions].sort((a, b) => a.start - b.start);
      q.occ.run(s.key, articleKey, articleRaw, occurrenceFragment(articleJson, sorted));
    }

    for (const m of moneyEntries(doc)) {
      const { lastInsertRowid } = q.money.run(orderKey(m.currency), m.amount, articleKey, m.start, renderEntry(m));
      for (const o of m.organisations) q.orgMoney.run(o, lastInsertRowid);
    }
    this.timeline?.add(doc, articleKey);

    for (const r of personRoles(doc)) {
      q.role.run(r.person, JSON.stringify({ title: r.title, organisation: r.organisation, article: r.article, start: r.start, end: r.end, text: r.text }));
    }
    const links = productLinks(doc);
    for (const v of links.vendors) q.link.run(v.product, 1, v.org, JSON.stringify(v.trace));
    for (const u of links.users) q.link.run(u.product, 0, u.org, JSON.stringify(u.trace));

    for (const f of doc.facts) {
      const idx = f.kind === 'event' ? [f.date] : f.dates;
      for (const i of idx) {
        const d = doc.dates[i];
        if (!d || d.value == null) continue;
        for (const o of f.organisations) this.addDated(o, { value: d.value, text: d.text, article: articleId, start: d.start, end: d.end });
      }
    }
    if (docNo % DOCS_PER_COMMIT === 0) this.commit();
  }

  private addDated(org: string, t: DatedTrace): void {
    const key = dateKey(t.value);
    const r = this.dated.get(org);
    if (!r) { this.dated.set(org, { first: t, firstKey: key, last: t, lastKey: key }); return; }
    // Ties keep the earlier as first and the later as last, as a stable sort does.
    if (datedCmp(t, key, r.first, r.firstKey) < 0) { r.first = t; r.firstKey = key; }
    if (datedCmp(t, key, r.last, r.lastKey) >= 0) { r.last = t; r.lastKey = key; }
  }

  private name = (id: string) => this.names.get(id) ?? id;

  private byView(view: ViewName): EntitySummary[] {
    const out: EntitySummary[] = [];
    for (const s of this.ents.values()) if (VIEW_OF[s.type] === view) out.push(s);
    return out.sort(byProminence);
  }

  private aliasesOf(s: EntitySummary): string[] {
    const out: string[] = [];
    for (const form of this.q.aliasesOf.all(s.key) as string[]) {
      const a = JSON.parse(form) as string;
      if (a !== s.name) out.push(a);
    }
    return out.sort(cmp);
  }

  /** An entity's base entry: its other names, articles (in article order), mentions and occurrences. */
  private base(s: EntitySummary, occStmt: Database.Statement) {
    const fragments: string[] = [];
    const articles: string[] = [];
    for (const r of occStmt.iterate(s.key) as Iterable<[string, string | null, string]>) {
      const article = r[1] === null ? r[0] : (JSON.parse(r[1]) as string);
      if (articles[articles.length - 1] !== article) articles.push(article);
      fragments.push(r[2]);
    }
    return { id: s.id, name: s.name, aliases: this.aliasesOf(s), articles, mentions: s.mentions, occurrences: { fragments } };
  }

  /**
   * Hands out every view's entries, one at a time, each view in its file's order (the views interleave:
   * people and products come before organisations, which joins them). Ends the loading; call once.
   */
  emit(sink: (view: ViewName, entry: ViewEntry) => void): void {
    if (this.finished) throw new Error('ViewScratch: emit called twice');
    this.finished = true;
    this.commit();
    this.db.exec(INDEXES);
    const occStmt = this.db.prepare('SELECT article, raw, json FROM occ WHERE ent = ? ORDER BY article, rowid').raw();
    this.tx();
    this.emitPeople(sink, occStmt);
    this.emitProducts(sink, occStmt);
    this.commit();
    this.emitOrganisations(sink, occStmt);
    emitSorted(sink, 'money', this.db.prepare('SELECT json FROM money ORDER BY currency, amount DESC, article, start, rowid'));
    this.timeline?.emit(sink);
  }

  private emitPeople(sink: (view: ViewName, entry: ViewEntry) => void, occStmt: Database.Statement): void {
    const rolesOf = this.db.prepare('SELECT json FROM role WHERE person = ? ORDER BY rowid').pluck();
    for (const s of this.byView('people')) {
      const p = this.base(s, occStmt);
      const roles = (rolesOf.all(p.id) as string[]).map((j) => JSON.parse(j) as { title: string; organisation: string | null });
      const organisations = [...new Set(roles.map((r) => r.organisation).filter((o): o is string => !!o))].sort(cmp);
      const titles = [...new Set(roles.map((r) => r.title))];
      sink('people', {
        value: { id: p.id, name: p.name, aliases: p.aliases, titles, organisations, roles, articles: p.articles, mentions: p.mentions },
        occurrences: p.occurrences,
      });
      // The organisation's side of it: its people in people.json's order, with their titles there.
      for (const org of organisations) {
        this.q.orgPerson.run(org, JSON.stringify({ id: p.id, name: p.name, titles: [...new Set(roles.filter((r) => r.organisation === org).map((r) => r.title))] }));
      }
    }
  }

  private emitProducts(sink: (view: ViewName, entry: ViewEntry) => void, occStmt: Database.Statement): void {
    const lex = loadLexicon();
    const products = this.byView('products');
    const linksOf = this.db.prepare('SELECT vendor, org, trace FROM link WHERE product = ? ORDER BY rowid');
    // The lexicon's vendor of each product, and the organisations those vendors' names stand for.
    const lexEntry = new Map<EntitySummary, LexiconEntry | undefined>();
    for (const s of products) lexEntry.set(s, [s.name, ...this.aliasesOf(s)].map((f) => lookup(lex, f)).find((e) => e?.vendor));
    const orgByForm = this.orgsByForm(new Set([...lexEntry.values()].flatMap((e) => (e?.vendor ? [fold(e.vendor)] : []))));
    for (const s of products) {
      const p = this.base(s, occStmt);
      const rows = linksOf.all(p.id) as { vendor: number; org: string; trace: string }[];
      const entry = this.productEntry(p, rows, lexEntry.get(s), orgByForm);
      sink('products', { value: entry, occurrences: p.occurrences });
      for (const id of new Set([entry.vendor?.id, ...entry.organisations.map((u) => u.id)])) {
        if (id) this.q.orgProduct.run(id, JSON.stringify({ id: p.id, name: p.name, relation: entry.vendor?.id === id ? 'vendor' : 'named with' }));
      }
    }
  }

  /** For each wanted folded form, the first organisation in organisations.json's order named so. */
  private orgsByForm(wanted: Set<string>): Map<string, string> {
    const out = new Map<string, string>();
    if (!wanted.size) return out;
    for (const s of this.byView('organisations')) {
      for (const f of [s.name, ...this.aliasesOf(s)]) {
        const k = fold(f);
        if (wanted.has(k) && !out.has(k)) out.set(k, s.id);
      }
      if (out.size === wanted.size) break;
    }
    return out;
  }

  private productEntry(
    p: ReturnType<ViewScratch['base']>, rows: { vendor: number; org: string; trace: string }[],
    entry: LexiconEntry | undefined, orgByForm: Map<string, string>,
  ) {
    // Vendor: what the article says ("iSoft's Lorenzo") wins over the lexicon; the lexicon fills the gaps.
    const said = new Map<string, Trace[]>();
    for (const r of rows) if (r.vendor) said.set(r.org, [...(said.get(r.org) ?? []), JSON.parse(r.trace) as Trace]);
    const lexId = entry?.vendor ? orgByForm.get(fold(entry.vendor)) ?? null : null;
    // Most often said wins; on a tie the lexicon's vendor ("iSoft's Lorenzo" = "CSC's Lorenzo" twice each).
    const best = [...said.entries()].sort((a, b) => b[1].length - a[1].length || Number(b[0] === lexId) - Number(a[0] === lexId) || cmp(a[0], b[0]))[0];
    let vendor: { id: string | null; name: string; source: 'text' | 'lexicon'; evidence: Trace[] } | null = null;
    if (best) vendor = { id: best[0], name: this.name(best[0]), source: 'text', evidence: best[1] };
    else if (entry?.vendor) vendor = { id: lexId, name: lexId ? this.name(lexId) : entry.vendor, source: 'lexicon', evidence: [] };
    const users = new Map<string, Trace[]>();
    for (const r of rows) if (!r.vendor && r.org !== vendor?.id) users.set(r.org, [...(users.get(r.org) ?? []), JSON.parse(r.trace) as Trace]);
    const organisations = [...users.entries()]
      .map(([id, traces]) => ({ id, name: this.name(id), articles: [...new Set(traces.map((t) => t.article))], evidence: traces.slice(0, 5) }))
      .sort((a, b) => b.articles.length - a.articles.length || b.evidence.length - a.evidence.length || cmp(a.id, b.id));
    return { id: p.id, name: p.name, aliases: p.aliases, vendor, organisations, articles: p.articles, mentions: p.mentions };
  }

  private emitOrganisations(sink: (view: ViewName, entry: ViewEntry) => void, occStmt: Database.Statement): void {
    const moneyOf = this.db.prepare('SELECT m.json FROM org_money o JOIN money m ON m.rowid = o.money WHERE o.org = ? ORDER BY o.rowid').pluck();
    const peopleOf = this.db.prepare('SELECT json FROM org_person WHERE org = ? ORDER BY rowid').pluck();
    const productsOf = this.db.prepare('SELECT json FROM org_product WHERE org = ? ORDER BY rowid').pluck();
    for (const s of this.byView('organisations')) {
      const o = this.base(s, occStmt);
      const money = (moneyOf.all(o.id) as string[]).map((j) => JSON.parse(j) as MoneyViewEntry);
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
      const dates = this.dated.get(o.id);
      sink('organisations', {
        value: {
          id: o.id, name: o.name, aliases: o.aliases, articles: o.articles, mentions: o.mentions,
          money: {
            totals,
            facts: money.map((m) => ({ article: m.article, start: m.start, end: m.end, text: m.text, amount: m.amount, currency: m.currency, role: m.role, evidence: m.evidence })),
          },
          products: (productsOf.all(o.id) as string[]).map((j) => JSON.parse(j) as unknown),
          people: (peopleOf.all(o.id) as string[]).map((j) => JSON.parse(j) as unknown),
          first_date: dates?.first ?? null,
          last_date: dates?.last ?? null,
        },
        occurrences: o.occurrences,
      });
    }
  }


  close(): void {
    if (this.db.open) this.db.close();
  }
}
