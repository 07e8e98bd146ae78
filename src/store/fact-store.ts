import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Entity, FactsDoc, Warning } from '../types.js';
import { SCHEMA_SQL, STORE_VERSION } from './schema.js';

export interface StoredStamp {
  sha256: string;
  size: number;
  mtimeMs: number;
}

export interface FileInfo {
  size: number;
  mtimeMs: number;
}

export interface PendingArticle {
  doc: FactsDoc;
  /** JSON.stringify(doc), when the runner has it already. */
  docJson?: string;
  warnings: Warning[];
  file: FileInfo;
  storedAt: number;
}

export interface CanonicalEntry {
  id: string;
  name: string;
}

/**
 * The fact store: a SQLite file. Every statement is prepared and parameterised; each article is written
 * in one transaction, so an interrupted batch leaves either the whole article or none of it.
 */
export class FactStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly stmt: ReturnType<FactStore['prepare']>;

  private constructor(file: string, db: Database.Database) {
    this.file = file;
    this.db = db;
    this.stmt = this.prepare();
  }

  static open(file: string, options: { readonly?: boolean } = {}): FactStore {
    if (!options.readonly && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      // Each article is written under its own savepoint, whose undo copy of every page it touches goes to a
      // temporary file by default: about 90 writes per article, half the store's system time. In memory
      // it is at most a few hundred KB (one article's pages) at a time.
      db.pragma('temp_store = MEMORY');
      // SQLite copies the WAL back into the database every 1,000 pages (4 MB) by default, inside the commit
      // that crosses the mark, on the thread that stores (the batch's main thread, which also hands the pool
      // threads their work); a batch rewrites the same index pages checkpoint after checkpoint. Every 64 MB
      // instead: storing 1,184 articles (41 MB) took 1.84 s with 0.69 s in commits, now 1.15 s with 0.15 s,
      // plus one 0.5 s checkpoint when the store is closed. A batch now checkpoints from a thread of its own
      // (runner/checkpointer.ts) every ~75 MB of WAL; this one, at 128 MB, only bounds the WAL for any writer.
      db.pragma('wal_autocheckpoint = 32768');
      db.exec(SCHEMA_SQL);
      const row = db.prepare('SELECT value FROM meta WHERE key = ?').get('store_version') as { value: string } | undefined;
      if (!row) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('store_version', String(STORE_VERSION));
      else if (Number(row.value) !== STORE_VERSION) {
        db.close();
        throw new Error(`${file}: store version ${row.value}, this newsfacts reads version ${STORE_VERSION}; use a new --store file`);
      }
    }
    return new FactStore(file, db);
  }

  /**
   * Copies the store's write-ahead log back into the database file from a connection of its own, so that
   * closing the store later has little left to copy. Readers and the writer may carry on meanwhile (a
   * passive checkpoint waits for nobody).
   */
  static checkpoint(file: string): void {
    const db = new Database(file, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      db.close();
    }
  }

  /** The same on this connection (passive: it waits for no reader or writer). */
  walCheckpoint(): void {
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  private prepare() {
    const db = this.db;
    return {
      stamps: db.prepare('SELECT id, sha256, size, mtime_ms AS mtimeMs FROM articles'),
      stamp: db.prepare('SELECT sha256, size, mtime_ms AS mtimeMs FROM articles WHERE id = ?'),
      touch: db.prepare('UPDATE articles SET size = ?, mtime_ms = ? WHERE id = ?'),
      delete: db.prepare('DELETE FROM articles WHERE id = ?'),
      insertArticle: db.prepare(`INSERT INTO articles (id, source, sha256, size, mtime_ms, format, title, published,
        reference_date, reference_source, doc, warnings, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertEntity: db.prepare('INSERT INTO article_entities (article_id, local_id, type, name, aliases) VALUES (?, ?, ?, ?, ?)'),
      insertMention: db.prepare('INSERT INTO mentions (article_id, local_id, start, "end", text) VALUES (?, ?, ?, ?, ?)'),
      insertMoney: db.prepare('INSERT INTO money (article_id, idx, start, "end", text, amount, currency, approximate) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      insertDate: db.prepare('INSERT INTO dates (article_id, idx, start, "end", text, value, grain, relative, modifier) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      insertPercent: db.prepare('INSERT INTO percents (article_id, idx, start, "end", text, value) VALUES (?, ?, ?, ?, ?, ?)'),
      insertFact: db.prepare(`INSERT INTO facts (article_id, idx, kind, role, money_idx, date_idx, evidence_start, evidence_end, json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      doc: db.prepare('SELECT doc FROM articles WHERE id = ?'),
      ids: db.prepare('SELECT id FROM articles ORDER BY id'),
      docs: db.prepare('SELECT doc FROM articles ORDER BY id'),
      docShare: db.prepare('SELECT rowid, doc FROM articles WHERE rowid % ? = ? AND rowid > ? ORDER BY rowid'),
      count: db.prepare('SELECT count(*) AS n FROM articles'),
      localEntities: db.prepare('SELECT article_id AS articleId, local_id AS localId, type, name, aliases FROM article_entities ORDER BY article_id, local_id'),
      // One row per local id: the type and name of its first occurrence (in article order; SQLite takes a bare
      // column from the row min() picked), then its aliases, each once, in the order of their first occurrence
      // (article, then place in that article's list), as a stream of localEntityRows would pool them.
      distinctEntities: db.prepare('SELECT local_id AS id, type, name, min(article_id) AS first FROM article_entities GROUP BY local_id ORDER BY local_id'),
      distinctAliases: db.prepare(`SELECT local_id AS id, value AS alias, min(article_id) AS first, key FROM article_entities, json_each(article_entities.aliases)
        GROUP BY local_id, value ORDER BY local_id, first, key`),
      mapAll: db.prepare('SELECT local_id AS localId, canonical_id AS id, name FROM entity_map'),
      clearMap: db.prepare('DELETE FROM entity_map'),
      insertMap: db.prepare('INSERT INTO entity_map (local_id, canonical_id, name) VALUES (?, ?, ?)'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    };
  }

  /** Content hash, size and mtime of every stored article, for the "unchanged" check. */
  stamps(): Map<string, StoredStamp> {
    const out = new Map<string, StoredStamp>();
    for (const r of this.stmt.stamps.iterate() as Iterable<{ id: string } & StoredStamp>) {
      out.set(r.id, { sha256: r.sha256, size: r.size, mtimeMs: r.mtimeMs });
    }
    return out;
  }

  stamp(id: string): StoredStamp | undefined {
    return this.stmt.stamp.get(id) as StoredStamp | undefined;
  }

  /** Same bytes under a new mtime (a `touch`, a fresh checkout): remember the new stamp, redo nothing. */
  touch(id: string, file: FileInfo): void {
    this.stmt.touch.run(file.size, file.mtimeMs, id);
  }

  /**
   * Stores one article's document and its rows, replacing any earlier version, in one transaction.
   * `docJson`, when given, is the document's JSON text (what a pool thread sent): stored as it is, not made again.
   */
  put(doc: FactsDoc, warnings: Warning[], file: FileInfo, storedAt: number, docJson?: string): void {
    this.putTx(doc, warnings, file, storedAt, docJson ?? JSON.stringify(doc));
  }

  /**
   * An explicit transaction that may stay open across event-loop turns (the batch stores articles one at a
   * time inside it and lets other work run in between): one commit for many articles, the store's main
   * cost otherwise. Inside it, put() writes each article under its own savepoint, so one that fails is
   * rolled back alone and the others are kept.
   */
  begin(): void {
    this.db.exec('BEGIN');
  }

  commit(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  private readonly putTx = this.db_transaction((doc: FactsDoc, warnings: Warning[], file: FileInfo, storedAt: number, docJson: string) => {
    const s = this.stmt;
    const a = doc.article;
    s.delete.run(a.id);
    s.insertArticle.run(a.id, a.source, a.sha256, file.size, file.mtimeMs, a.format, a.title, a.published,
      a.reference_date, a.reference_source, docJson, JSON.stringify(warnings), storedAt);
    for (const e of doc.entities) {
      s.insertEntity.run(a.id, e.id, e.type, e.name, JSON.stringify(e.aliases));
      for (const m of e.mentions) s.insertMention.run(a.id, e.id, m.start, m.end, m.text);
    }
    doc.money.forEach((m, i) => s.insertMoney.run(a.id, i, m.start, m.end, m.text, m.amount, m.currency, m.approximate ? 1 : 0));
    doc.dates.forEach((d, i) => s.insertDate.run(a.id, i, d.start, d.end, d.text, d.value, d.grain, d.relative ? 1 : 0, d.modifier ?? null));
    doc.percents.forEach((p, i) => s.insertPercent.run(a.id, i, p.start, p.end, p.text, p.value));
    doc.facts.forEach((f, i) => s.insertFact.run(a.id, i, f.kind, f.kind === 'money' ? f.role : null,
      f.kind === 'money' ? f.money : null, f.kind === 'event' ? f.date : f.dates[0] ?? null, f.evidence.start, f.evidence.end, JSON.stringify(f)));
    this.bumpGeneration();
  });

  // better-sqlite3's transaction wrapper, bound lazily because field initialisers run before the constructor body.
  private db_transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
    let tx: ((...args: A) => void) | undefined;
    return (...args: A) => {
      tx ??= this.db.transaction(fn) as unknown as (...args: A) => void;
      tx(...args);
    };
  }

  delete(id: string): void {
    this.stmt.delete.run(id);
    this.bumpGeneration();
  }

  private bumpGeneration(): void {
    const g = Number((this.stmt.getMeta.get('generation') as { value: string } | undefined)?.value ?? 0);
    this.stmt.setMeta.run('generation', String(g + 1));
  }

  /** A counter that changes whenever any article is stored or removed. */
  generation(): number {
    return Number((this.stmt.getMeta.get('generation') as { value: string } | undefined)?.value ?? 0);
  }

  getMeta(key: string): string | undefined {
    return (this.stmt.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.stmt.setMeta.run(key, value);
  }

  count(): number {
    return (this.stmt.count.get() as { n: number }).n;
  }

  ids(): string[] {
    return (this.stmt.ids.all() as { id: string }[]).map((r) => r.id);
  }

  /** The document as extracted (local entity ids). */
  rawDoc(id: string): FactsDoc | undefined {
    const row = this.stmt.doc.get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as FactsDoc) : undefined;
  }

  /** Every stored document, one at a time, in id order (never all in memory). */
  *rawDocs(): Generator<FactsDoc> {
    for (const row of this.stmt.docs.iterate() as Iterable<{ doc: string }>) yield JSON.parse(row.doc) as FactsDoc;
  }

  /**
   * The stored documents of share `part` of `parts` (by row number), one at a time in row-number order, each
   * with its row number, from past row `after` on: a reader that stops (ending its read transaction) can go
   * on later from where it was.
   */
  *rawDocShareRows(part: number, parts: number, after = 0): Generator<{ rowid: number; doc: FactsDoc; chars: number }> {
    for (const row of this.stmt.docShare.iterate(parts, part, after) as Iterable<{ rowid: number; doc: string }>) {
      yield { rowid: row.rowid, doc: JSON.parse(row.doc) as FactsDoc, chars: row.doc.length };
    }
  }

  /**
   * Each article's entities (without the text), streamed one at a time in order (article, then local id):
   * the input of corpus-wide canonicalisation without every article's entities in memory at once.
   */
  *localEntityRows(): Generator<{ articleId: string; id: string; type: Entity['type']; name: string; aliases: string[] }> {
    for (const r of this.stmt.localEntities.iterate() as Iterable<{ articleId: string; localId: string; type: Entity['type']; name: string; aliases: string }>) {
      yield { articleId: r.articleId, id: r.localId, type: r.type, name: r.name, aliases: JSON.parse(r.aliases) as string[] };
    }
  }

  /**
   * Every local id once, with the name of its first occurrence and the aliases of all (in the order of their
   * first occurrence): what canonicaliseEntities makes of localEntityRows, worked out by SQLite. Reading every
   * row into JavaScript (4,720 articles: 95,200 rows, 0.3-0.5 s) was most of the corpus-wide ids' time.
   */
  *distinctLocalEntities(): Generator<{ id: string; type: Entity['type']; name: string; aliases: string[] }> {
    // (Held per id, as canonicaliseEntities holds them anyway: the vocabulary, not the rows.)
    const aliases = new Map<string, string[]>();
    for (const r of this.stmt.distinctAliases.iterate() as Iterable<{ id: string; alias: string }>) {
      const list = aliases.get(r.id);
      if (list) list.push(r.alias); else aliases.set(r.id, [r.alias]);
    }
    for (const e of this.stmt.distinctEntities.all() as { id: string; type: Entity['type']; name: string }[]) {
      yield { id: e.id, type: e.type, name: e.name, aliases: aliases.get(e.id) ?? [] };
    }
  }

  canonicalMap(): Map<string, CanonicalEntry> {
    const out = new Map<string, CanonicalEntry>();
    for (const r of this.stmt.mapAll.iterate() as Iterable<{ localId: string } & CanonicalEntry>) out.set(r.localId, { id: r.id, name: r.name });
    return out;
  }

  /** Replaces the corpus-wide id map in one transaction. */
  setCanonicalMap(map: Map<string, CanonicalEntry>): void {
    this.setMapTx(map);
  }

  private readonly setMapTx = this.db_transaction((map: Map<string, CanonicalEntry>) => {
    this.stmt.clearMap.run();
    for (const [local, c] of [...map].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) this.stmt.insertMap.run(local, c.id, c.name);
  });

  close(): void {
    if (this.db.open) this.db.close();
  }
}
