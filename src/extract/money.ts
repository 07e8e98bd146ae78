// Money: find spans (findMoneySpans, text only) then resolve them (resolveMoney: amount via
// normalise/money-amount, currency via normalise/currency). extractMoney runs both over an article.
import { sentenceAt } from './sentences.js';
import { createRequire } from 'node:module';
import type { ExtractContext, MoneyMention } from '../types.js';
import { NUMBER_SOURCE, WORD_NUMBER_SOURCE, parseNumber } from './number-words.js';
import { CURRENCY_FORMS, GENERIC_DOLLAR, SHARED_PREFIX, alternation, articleDollar, resolveDollar, resolveSharedName } from '../normalise/currency.js';
import { SCALES, resolveAmounts, type AmountPart } from '../normalise/money-amount.js';

const require = createRequire(import.meta.url);
interface Cues {
  approximation: { words: string[] };
  weightAfterPounds: { following: string[]; preceding: string[] };
  labelsBeforeAttachedMinor: { words: string[] };
}
const CUES = require('../../../lexicons/values/cues.json') as Cues;

/** A money span as found, before any value is computed. */
export interface MoneySpan {
  start: number;
  end: number;
  text: string;
  /** one part, or two for a range */
  parts: AmountPart[];
  /** ISO code, or GENERIC_DOLLAR when only "$"/"dollars" was written */
  currency: string;
  /** the number counts subunits (50p, 10 cents) */
  minor: boolean;
  /** hundredths added by a following "and 43 cents" */
  cents: number | null;
  approximate: boolean;
}

const NUM = NUMBER_SOURCE;
const ATTACHED_SCALE = alternation(SCALES.filter((s) => s.attachedOnly).flatMap((s) => s.forms));
const WORD_SCALE = alternation(SCALES.filter((s) => !s.attachedOnly).flatMap((s) => s.forms));
// A scale right after the number: "bn"/"m" must touch it, words may follow a space or hyphen.
const SCALE = String.raw`(?:(?:${ATTACHED_SCALE})(?![\p{L}\d])|[\s-]*(?:${WORD_SCALE})(?![\p{L}]))`;
const PRE = alternation(CURRENCY_FORMS.prefixes.keys());
const SUF = alternation([...CURRENCY_FORMS.suffixes.keys(), ...CURRENCY_FORMS.names.keys()]);
const MINOR = alternation(CURRENCY_FORMS.minor.keys());
const MINOR_ATTACHED = alternation(CURRENCY_FORMS.minorAttached.keys());
// "a million dollars", "a dollar": the article counts as one only before a scale or currency word.
const ARTICLE_ONE = String.raw`(?:an?|half\s+an?)(?=[\s-]+(?:${WORD_SCALE}|dollars?|pounds?|euros?)(?![\p{L}]))`;
const ANY_NUM = `(?:${NUM}|${WORD_NUMBER_SOURCE}|${ARTICLE_ONE})`;
const RANGE_SEP = String.raw`\s?(?<sep>-|–|—|to|and)\s?`;

// "£3.1bn", "US$ 2 million", "£1.5-2bn", "$10-$20", "€30m"
const PREFIX_RE = new RegExp(
  String.raw`(?<![\p{L}\d])(?<pre>${PRE})\s?(?<n1>${NUM})(?<s1>${SCALE})?(?:${RANGE_SEP}(?:(?<pre2>${PRE})\s?)?(?<n2>${NUM})(?<s2>${SCALE})?)?`,
  'gdu',
);
// "two million pounds", "20 euros", "10-20 dollars", "42 KWD", "10k$", "20€"
const SUFFIX_RE = new RegExp(
  String.raw`(?<![\p{L}\d.,$£€])(?<n1>${ANY_NUM})(?<s1>${SCALE})?(?:${RANGE_SEP}(?<n2>${ANY_NUM})(?<s2>${SCALE})?)?\s?(?<cur>${SUF})(?![\p{L}])`,
  'gdiu',
);
// "50p", "10¢", "10c", "ten pennies", "42 cents"
// Case-insensitive for "Ten pennies"; the lexicon lookup keeps attached letters case-exact ("10C" is Celsius).
const MINOR_RE = new RegExp(
  String.raw`(?<![\p{L}\d.,$£€])(?:(?<na>\d+(?:\.\d+)?)(?<ma>${MINOR_ATTACHED})(?![\p{L}\d])|(?<n>${NUM}|${WORD_NUMBER_SOURCE})\s?(?<m>${MINOR})(?![\p{L}]))`,
  'gdiu',
);

// Cheap per-text tests: each full pattern opens with a look-behind, so V8 cannot skip ahead to a
// likely start and pays a check at every position; most articles hold no currency word at all.
const PREFIX_NEEDS = new RegExp(String.raw`(?:${PRE})\s?\d`, 'u');
const SUFFIX_NEEDS = new RegExp(String.raw`(?:${SUF})(?![\p{L}])`, 'iu');
const MINOR_NEEDS = new RegExp(String.raw`\d(?:${MINOR_ATTACHED})(?![\p{L}\d])|(?:${MINOR})(?![\p{L}])`, 'iu');

const LABEL_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${alternation(CUES.labelsBeforeAttachedMinor.words)})\s*$`, 'u');
const APPROX_RE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${alternation(CUES.approximation.words)})\s*$`, 'iu');
const WEIGHT_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${alternation(CUES.weightAfterPounds.preceding)})(?:\s+\S+){0,3}\s*$`, 'iu');
const WEIGHT_AFTER = new RegExp(String.raw`^\s+(?:${alternation(CUES.weightAfterPounds.following)})(?![\p{L}])`, 'iu');

function lookupSuffix(form: string): string | null {
  const exact = CURRENCY_FORMS.suffixes.get(form);
  if (exact) return exact;
  return CURRENCY_FORMS.names.get(form.toLowerCase().replace(/\s+/g, ' ')) ?? null;
}
function lookupPrefix(form: string): string | null {
  return CURRENCY_FORMS.prefixes.get(form.replace(/\s+/g, ' ')) ?? null;
}

/** The matches of a global regex, as matchAll gives them, without matchAll's copy of the regex (a copy
 * of these long patterns per call cost more than the matching on a short article). */
function* matches(text: string, re: RegExp): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex += (text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1;
    yield m;
  }
}

/** A range is "£1.5-2bn", "10 to 20 dollars", or "between 10 and 20 dollars" (and needs between). */
function rangeOk(text: string, start: number, sep: string | undefined): boolean {
  if (sep !== 'and') return true;
  return /(?:^|[^\p{L}])between\s+$/iu.test(text.slice(Math.max(0, start - 12), start));
}

/** Finds money spans in text order; no values, no context beyond the words around each span. */
export function findMoneySpans(text: string): MoneySpan[] {
  const found: MoneySpan[] = [];
  const approxAt = (start: number) => APPROX_RE.test(text.slice(Math.max(0, start - 24), start));
  const push = (start: number, end: number, parts: AmountPart[], currency: string, minor: boolean) => {
    found.push({ start, end, text: text.slice(start, end), parts, currency, minor, cents: null, approximate: approxAt(start) });
  };

  if (PREFIX_NEEDS.test(text)) for (const m of matches(text, PREFIX_RE)) {
    const g = m.groups!;
    const ix = m.indices!.groups!;
    const currency = lookupPrefix(g.pre!);
    if (!currency) continue;
    const start = m.index!;
    const parts: AmountPart[] = [{ num: g.n1!, scale: g.s1 ?? null }];
    let end = ix.s1 ? ix.s1[1] : ix.n1![1];
    if (g.n2 && rangeOk(text, start, g.sep)) {
      const second = g.pre2 ? lookupPrefix(g.pre2) : currency;
      // A bare second number with no scale and no currency is only a bound when it is larger ("£5-10").
      const bare = !g.pre2 && !g.s2;
      if (second === currency && !(bare && (parseNumber(g.n2) ?? 0) <= (parseNumber(g.n1!) ?? 0)) && !(bare && g.sep !== '-' && g.sep !== '–')) {
        parts.push({ num: g.n2, scale: g.s2 ?? null });
        end = ix.s2 ? ix.s2[1] : ix.n2![1];
      }
    }
    push(start, end, parts, currency, false);
  }

  if (SUFFIX_NEEDS.test(text)) for (const m of matches(text, SUFFIX_RE)) {
    const g = m.groups!;
    const ix = m.indices!.groups!;
    const currency = lookupSuffix(g.cur!);
    if (!currency) continue; // a case-insensitive hit on a case-sensitive code ("le" for "LE")
    // "won" and other verbs are not in the lexicon bare; "pounds" can be a weight.
    if (/^pounds?$/i.test(g.cur!) && (WEIGHT_AFTER.test(text.slice(m.index! + m[0].length, m.index! + m[0].length + 6)) || WEIGHT_BEFORE.test(text.slice(Math.max(0, m.index! - 40), m.index!)))) continue;
    let start = m.index!;
    const parts: AmountPart[] = [{ num: g.n1!, scale: g.s1 ?? null }];
    if (g.n2) {
      if (rangeOk(text, start, g.sep)) parts.push({ num: g.n2, scale: g.s2 ?? null });
      else { start = ix.n2![0]; parts[0] = { num: g.n2, scale: g.s2 ?? null }; }
    }
    // Written-out numbers need a currency *word* or a scale: "one $" is not how amounts are written.
    if (/^\p{L}/u.test(parts[0]!.num) && !/\p{L}/u.test(g.cur!)) continue;
    push(start, m.index! + m[0].length, parts, currency, false);
  }

  if (MINOR_NEEDS.test(text)) {
    for (const m of matches(text, MINOR_RE)) {
      const g = m.groups!;
      const form = g.ma ?? g.m!;
      const currency = g.ma ? CURRENCY_FORMS.minorAttached.get(form) : CURRENCY_FORMS.minor.get(form.toLowerCase());
      if (!currency) continue;
      if (g.ma && LABEL_BEFORE.test(text.slice(Math.max(0, m.index! - 12), m.index!))) continue;
      push(m.index!, m.index! + m[0].length, [{ num: (g.na ?? g.n)!, scale: null }], currency, true);
    }
  }

  // Keep the earliest, then longest, of overlapping spans.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: MoneySpan[] = [];
  for (const f of found) {
    const last = kept[kept.length - 1];
    if (last && f.start < last.end) continue;
    kept.push(f);
  }

  // "$20 and 43c", "1 dollar and forty-two cents": a major amount followed by its subunits.
  const out: MoneySpan[] = [];
  for (let i = 0; i < kept.length; i++) {
    const a = kept[i]!;
    const b = kept[i + 1];
    if (b && !a.minor && b.minor && a.parts.length === 1 && !a.parts[0]!.scale && /^\s+(?:and\s+)?$/i.test(text.slice(a.end, b.start))) {
      const c = parseNumber(b.parts[0]!.num);
      if (c !== null && c < 100 && (b.currency === a.currency || b.currency === GENERIC_DOLLAR)) {
        out.push({ ...a, end: b.end, text: text.slice(a.start, b.end), cents: c });
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

/** Amount(s) and ISO currency of a found span; one mention per range bound. */
export function resolveMoney(span: MoneySpan, sentence: string, articleLevelDollar: string | null, article = sentence): MoneyMention[] {
  const amounts = resolveAmounts(span.parts, { minor: span.minor, cents: span.cents });
  if (!amounts) return [];
  const currency = span.currency === GENERIC_DOLLAR ? resolveDollar(sentence, articleLevelDollar)
    : span.currency.startsWith(SHARED_PREFIX) ? resolveSharedName(span.currency, sentence, article) : span.currency;
  if (!currency) return [];
  return amounts.map((amount) => ({ start: span.start, end: span.end, text: span.text, amount, currency, approximate: span.approximate }));
}


export function extractMoney(ctx: ExtractContext): MoneyMention[] {
  const spans = findMoneySpans(ctx.text);
  if (spans.length === 0) return [];
  const articleLevel = articleDollar(ctx.text);
  const out: MoneyMention[] = [];
  for (const s of spans) {
    const sentence = sentenceAt(ctx.sentences, s.start)?.text ?? ctx.text.slice(Math.max(0, s.start - 200), s.end + 200);
    out.push(...resolveMoney(s, sentence, articleLevel, ctx.text));
  }
  return out;
}
