// Currency resolution: which ISO 4217 code a symbol, code or name stands for. The lexicon is data
// (lexicons/values/currencies.json, dollars.json); a bare "$" / "dollars" is the one case that needs
// context, handled by resolveDollar.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface CurrencyEntry {
  code: string;
  prefixes: string[];
  suffixes: string[];
  names: string[];
  minor: string[];
  minorAttached: string[];
  reason: string;
}
interface DollarLexicon {
  default: { code: string };
  genericPrefixes: string[];
  genericSuffixes: string[];
  genericNames: string[];
  genericMinor: string[];
  genericMinorAttached: string[];
  countries: { code: string; cues: string[] }[];
  usCues: { cues: string[] };
}

const CURRENCIES = (require('../../../lexicons/values/currencies.json') as { currencies: CurrencyEntry[] }).currencies;
interface SharedName { forms: string[]; default?: string; countries: { code: string; cues: string[] }[] }
const SHARED = (require('../../../lexicons/values/shared-currency-names.json') as { names: SharedName[] }).names;
const DOLLARS = require('../../../lexicons/values/dollars.json') as DollarLexicon;

/** Marker for "a dollar of some country": resolved per mention by resolveDollar. */
export const GENERIC_DOLLAR = '$DOLLAR';

/** Marker prefix for a name several countries share ("pesos"): resolved per mention by resolveSharedName. */
export const SHARED_PREFIX = '$SHARED:';

export interface CurrencyForms {
  /** written before the number, exact case -> code */
  prefixes: Map<string, string>;
  /** written after the number, exact case -> code */
  suffixes: Map<string, string>;
  /** lower-case names after the number -> code */
  names: Map<string, string>;
  /** lower-case subunit words (1/100) -> code */
  minor: Map<string, string>;
  /** subunit letters that must touch the digits ("50p", "10c") -> code */
  minorAttached: Map<string, string>;
}

function build(): CurrencyForms {
  const f: CurrencyForms = { prefixes: new Map(), suffixes: new Map(), names: new Map(), minor: new Map(), minorAttached: new Map() };
  for (const c of CURRENCIES) {
    for (const p of c.prefixes) f.prefixes.set(p, c.code);
    for (const s of c.suffixes) f.suffixes.set(s, c.code);
    for (const n of c.names) f.names.set(n, c.code);
    for (const m of c.minor) f.minor.set(m, c.code);
    for (const m of c.minorAttached) f.minorAttached.set(m, c.code);
  }
  for (const sh of SHARED) for (const n of sh.forms) f.names.set(n, SHARED_PREFIX + sh.forms[0]);
  for (const p of DOLLARS.genericPrefixes) f.prefixes.set(p, GENERIC_DOLLAR);
  for (const s of DOLLARS.genericSuffixes) f.suffixes.set(s, GENERIC_DOLLAR);
  for (const n of DOLLARS.genericNames) f.names.set(n, GENERIC_DOLLAR);
  for (const m of DOLLARS.genericMinor) f.minor.set(m, GENERIC_DOLLAR);
  for (const m of DOLLARS.genericMinorAttached) f.minorAttached.set(m, GENERIC_DOLLAR);
  return f;
}
export const CURRENCY_FORMS: CurrencyForms = build();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Regex alternation of the given forms, longest first so "US$" wins over "$". */
export function alternation(forms: Iterable<string>): string {
  return [...forms].sort((a, b) => b.length - a.length).map((f) => escape(f).replace(/ /g, '\\s+')).join('|');
}

const cueRegex = (cues: string[]) => new RegExp(`(?<![\\p{L}])(?:${alternation(cues)})(?![\\p{L}])`, 'u');
const COUNTRY_CUES = DOLLARS.countries.map((c) => ({ code: c.code, re: cueRegex(c.cues) }));
const US_CUE = cueRegex(DOLLARS.usCues.cues);
const NAMED_DOLLAR = new RegExp(
  `(?<![\\p{L}])(${alternation(CURRENCIES.filter((c) => c.names.some((n) => /dollar/.test(n))).flatMap((c) => c.names))})(?![\\p{L}])|(?<![\\p{L}])(${alternation(
    CURRENCIES.filter((c) => c.prefixes.some((p) => p.endsWith('$'))).flatMap((c) => c.prefixes.filter((p) => p.endsWith('$'))),
  )})`,
  'giu',
);

/** Which non-US dollar an article names explicitly ("Australian dollars", "A$"), if exactly one and no US one. */
export function articleDollar(text: string): string | null {
  const codes = new Set<string>();
  for (const m of text.matchAll(NAMED_DOLLAR)) {
    const form = (m[1] ?? m[2] ?? '').toLowerCase().replace(/\s+/g, ' ');
    const code = CURRENCY_FORMS.names.get(form) ?? [...CURRENCY_FORMS.prefixes].find(([p]) => p.toLowerCase() === form)?.[1];
    if (code) codes.add(code);
  }
  if (codes.size !== 1) return null;
  const only = [...codes][0]!;
  return only === 'USD' ? null : only;
}

/**
 * A bare "$" or "dollars": the dollar the article names explicitly; else the one country of the
 * sentence ("the Australian government will spend $10m") when no American cue is there; else USD.
 */
export function resolveDollar(sentence: string, articleLevel: string | null): string {
  if (articleLevel) return articleLevel;
  const hits = COUNTRY_CUES.filter((c) => c.re.test(sentence));
  if (hits.length === 1 && !US_CUE.test(sentence)) return hits[0]!.code;
  return DOLLARS.default.code;
}

const SHARED_CUES = new Map(SHARED.map((sh) => [SHARED_PREFIX + sh.forms[0], { fallback: sh.default ?? null, countries: sh.countries.map((c) => ({ code: c.code, re: cueRegex(c.cues) })) }]));

/**
 * A name several countries share ("pesos", "dinars"): the currency of the one country the sentence
 * names, else of the one country the article names, else the lexicon's default, else null (unresolved).
 */
export function resolveSharedName(marker: string, sentence: string, article: string): string | null {
  const e = SHARED_CUES.get(marker);
  if (!e) return null;
  for (const scope of [sentence, article]) {
    const codes = new Set(e.countries.filter((c) => c.re.test(scope)).map((c) => c.code));
    if (codes.size === 1) return [...codes][0]!;
    if (codes.size > 1) break; // two countries in view: the sentence decides or nothing does
  }
  return e.fallback;
}
