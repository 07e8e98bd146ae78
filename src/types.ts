// The shapes that travel through the pipeline. They mirror facts/v1 (../shared/CONTRACT.md);
// the zod schema in contract.ts checks them where data leaves the process.

export const SCHEMA = 'facts/v1' as const;

export type Format = 'text' | 'html' | 'markdown' | 'json';
export type ReferenceSource = 'published' | 'inferred' | 'none';
export type EntityType = 'organisation' | 'person' | 'product' | 'place' | 'programme';
export type DateGrain = 'year' | 'financial-year' | 'quarter' | 'month' | 'week' | 'day' | 'season';
export type DateModifier = 'start' | 'mid' | 'end' | 'before' | 'after';
export type MoneyRole =
  | 'contract_value' | 'saving' | 'cut' | 'write_down' | 'budget' | 'cost' | 'price'
  | 'funding' | 'fine' | 'revenue' | 'other';

/** A stretch of article.text: `text === article.text.slice(start, end)`, UTF-16 offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface MoneyMention extends Span {
  amount: number;
  currency: string;
  approximate: boolean;
}

export interface DateMention extends Span {
  value: string | null;
  grain: DateGrain;
  relative: boolean;
  modifier?: DateModifier;
}

export interface PercentMention extends Span {
  value: number;
}

export interface Entity {
  /** `<type>/<slug of the canonical name>`; the store may remap it to a corpus-wide id. */
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  mentions: Span[];
}

export interface MoneyFact {
  kind: 'money';
  money: number;
  role: MoneyRole;
  organisations: string[];
  products: string[];
  dates: number[];
  evidence: { start: number; end: number };
}

export interface EventFact {
  kind: 'event';
  date: number;
  organisations: string[];
  products: string[];
  evidence: { start: number; end: number };
}

export type Fact = MoneyFact | EventFact;

export interface ArticleInfo {
  id: string;
  source: string;
  sha256: string;
  format: Format;
  title: string | null;
  published: string | null;
  reference_date: string | null;
  reference_source: ReferenceSource;
  text: string;
}

export interface FactsDoc {
  schema: typeof SCHEMA;
  article: ArticleInfo;
  entities: Entity[];
  money: MoneyMention[];
  dates: DateMention[];
  percents: PercentMention[];
  facts: Fact[];
}

/** A positioned note collected on the way (vfile-style) instead of a throw. */
export interface Warning {
  origin: string;
  reason: string;
  start?: number;
  end?: number;
}

/** A sentence of article.text (offsets as Span). */
export type Sentence = Span;

/** What ingest hands to extraction: the plain text and the file's own metadata. */
export interface Ingested {
  format: Format;
  text: string;
  title: string | null;
  /** YYYY-MM-DD from the file's own metadata, or null. */
  published: string | null;
  author?: string | null;
  url?: string | null;
  warnings: Warning[];
}

/** Everything an extractor may look at besides the text. Never the clock. */
export interface ExtractContext {
  text: string;
  sentences: Sentence[];
  /** YYYY-MM-DD the relative dates resolve against, or null (then they stay null). */
  referenceDate: string | null;
  /** Day-first numeric dates ("1/6/2011" = 1 June) unless the source says otherwise. */
  dayFirst: boolean;
  warnings: Warning[];
}
