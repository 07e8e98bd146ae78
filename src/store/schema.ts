// The fact store's tables. Documented for users in README.md ("The fact store"); a change here is a
// change of STORE_VERSION, and an older store is refused with a message rather than misread.

export const STORE_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- One row per article: the file it came from, its content hash, and its facts/v1 document as extracted
-- (entity ids local to the article; entity_map turns them into corpus-wide ids).
CREATE TABLE IF NOT EXISTS articles (
  id              TEXT PRIMARY KEY,
  source          TEXT NOT NULL,
  sha256          TEXT NOT NULL,
  size            INTEGER NOT NULL,
  mtime_ms        REAL NOT NULL,
  format          TEXT NOT NULL,
  title           TEXT,
  published       TEXT,
  reference_date  TEXT,
  reference_source TEXT NOT NULL,
  doc             TEXT NOT NULL,
  warnings        TEXT NOT NULL DEFAULT '[]',
  stored_at       INTEGER NOT NULL
);
-- Entities as each article found them (local id = <type>/<slug of the article's name for it>).
CREATE TABLE IF NOT EXISTS article_entities (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  local_id   TEXT NOT NULL,
  type       TEXT NOT NULL,
  name       TEXT NOT NULL,
  aliases    TEXT NOT NULL,
  PRIMARY KEY (article_id, local_id)
);
-- Every mention of an entity, with its offsets into articles.doc -> article.text.
CREATE TABLE IF NOT EXISTS mentions (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  local_id   TEXT NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  text       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_by_entity ON mentions(local_id);
-- Replacing an article deletes its rows (ON DELETE CASCADE): without this index every replace scanned the
-- whole mentions table, so storing got slower with every article already in the store.
CREATE INDEX IF NOT EXISTS mentions_by_article ON mentions(article_id);
-- Corpus-wide canonical ids: local id -> canonical id and name (rebuilt after every batch).
CREATE TABLE IF NOT EXISTS entity_map (
  local_id     TEXT PRIMARY KEY,
  canonical_id TEXT NOT NULL,
  name         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entity_map_by_canonical ON entity_map(canonical_id);
CREATE TABLE IF NOT EXISTS money (
  article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  text        TEXT NOT NULL,
  amount      REAL NOT NULL,
  currency    TEXT NOT NULL,
  approximate INTEGER NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS dates (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  text       TEXT NOT NULL,
  value      TEXT,
  grain      TEXT NOT NULL,
  relative   INTEGER NOT NULL,
  modifier   TEXT,
  PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS percents (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  text       TEXT NOT NULL,
  value      REAL NOT NULL,
  PRIMARY KEY (article_id, idx)
);
-- Typed statements (facts/v1 "facts"): money facts and event facts, with their evidence sentence.
CREATE TABLE IF NOT EXISTS facts (
  article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx            INTEGER NOT NULL,
  kind           TEXT NOT NULL,
  role           TEXT,
  money_idx      INTEGER,
  date_idx       INTEGER,
  evidence_start INTEGER NOT NULL,
  evidence_end   INTEGER NOT NULL,
  json           TEXT NOT NULL,
  PRIMARY KEY (article_id, idx)
);
`;
