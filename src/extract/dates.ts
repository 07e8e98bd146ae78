// Dates: findDateSpans finds calendar points and periods (text only) as DateExpr; extractDates
// resolves them (normalise/date-resolve) against ctx.referenceDate and the clause's tense.
// Durations ("12 months", "two years of preparation", "almost a year") are not dates: no rule
// below matches a bare count of units unless "ago"/"later"/"earlier" anchors it.
import { sentenceAt } from './sentences.js';
import { createRequire } from 'node:module';
import type { DateMention, DateModifier, ExtractContext } from '../types.js';
import { WORD_NUMBER_SOURCE, parseNumber } from './number-words.js';
import { tenseAround } from './date-tense.js';
import { resolveDate, type DateExpr, type Shift, type Tense } from '../normalise/date-resolve.js';
import { validDay } from '../normalise/date-calendar.js';
import { financialYearFromEnding, financialYearFromPair } from '../normalise/financial-year.js';
import { alternation } from '../normalise/currency.js';

const require = createRequire(import.meta.url);
interface Calendar {
  months: { n: number; forms: string[] }[];
  ambiguousMonths: { forms: string[] };
  weekdays: { n: number; forms: string[] }[];
  seasons: { name: string; forms: string[] }[];
  seasonCues: { words: string[] };
  namedDays: { days: { forms: string[]; m: number; d: number }[] };
  monthCues: { words: string[] };
}
const CAL = require('../../../lexicons/values/calendar.json') as Calendar;

const MONTH_BY_FORM = new Map<string, number>();
for (const m of CAL.months) for (const f of m.forms) MONTH_BY_FORM.set(f.toLowerCase(), m.n);
const FULL_MONTHS = CAL.months.map((m) => m.forms[0]!);
const WEEKDAY_BY_FORM = new Map<string, number>();
for (const w of CAL.weekdays) for (const f of w.forms) WEEKDAY_BY_FORM.set(f.toLowerCase(), w.n);
const FULL_WEEKDAYS = CAL.weekdays.map((w) => w.forms[0]!);
const AMBIGUOUS = new Set(CAL.ambiguousMonths.forms.map((f) => f.toLowerCase()));
const PERSON_MAY = /(?:Theresa|Mrs\.?|Ms\.?|Minister|Brian|Sir)\s+May(?![\p{L}])/u;
const STRONG_MONTH_CUES = new Set(['in', 'since', 'until', 'till', 'during', 'last', 'next', 'this', 'early', 'late', 'mid', 'through', 'throughout', 'by']);
const NAMED_DAY = new Map<string, { m: number; d: number }>();
for (const nd of CAL.namedDays.days) for (const f of nd.forms) NAMED_DAY.set(f, { m: nd.m, d: nd.d });
const SEASON_CUES = new Set(CAL.seasonCues.words);
const MONTH_CUES = new Set(CAL.monthCues.words);

/** A found date: span, what it says, and any modifier ("the end of", "early", "by"). */
export interface DateSpan {
  start: number;
  end: number;
  text: string;
  expr: DateExpr;
  modifier?: DateModifier;
  /** which rule found it (traceability) */
  rule: string;
}

// Abbreviations may carry a full stop ("Jan. 5"); full names never take one ("1 June." ends a sentence).
const MON_ANY = `(?:${alternation(FULL_MONTHS)}|(?:${alternation(CAL.months.flatMap((m) => m.forms.slice(1)))})\\.?)`;
const MON_FULL = alternation(FULL_MONTHS);
const WD_FULL = alternation(FULL_WEEKDAYS);
const WD_ANY = alternation(CAL.weekdays.flatMap((w) => w.forms));
const NB = String.raw`(?![\p{L}\d])`; // no letter or digit follows
const NBL = String.raw`(?<![\p{L}\d])`; // no letter or digit precedes
const ORD = String.raw`(?:st|nd|rd|th)?`;
// A number only from the start of its digits: tried at every digit of a long run of digits, `\d+` would
// read to the run's end each time (quadratic); from inside a run it can only fail or find a piece of a
// number ("x1234 years ago" is not "234 years ago").
const COUNT = String.raw`(?:(?<!\d)\d+|${WORD_NUMBER_SOURCE}|an?|a\s+few|a\s+couple\s+of|several|few|many)`;
const UNITS = String.raw`(?:days?|weeks?|months?|years?|decades?)`;

const monthOf = (s: string) => MONTH_BY_FORM.get(s.replace(/\.$/, '').toLowerCase())!;
const weekdayOf = (s: string) => WEEKDAY_BY_FORM.get(s.toLowerCase())!;
const shiftOf = (s: string | undefined): Shift => {
  const w = s?.toLowerCase().replace(/\s+/g, ' ');
  if (w === undefined) return null;
  // "this past Friday", "the past weekend" look back; "this coming Friday" ahead.
  if (/\bpast$/.test(w)) return 'last';
  if (/\bcoming$/.test(w)) return 'next';
  return w === 'last' ? 'last' : w === 'next' ? 'next' : w === 'this' ? 'this' : null;
};
const unitOf = (s: string) => s.toLowerCase().replace(/s$/, '') as 'day' | 'week' | 'month' | 'year';
const yearOk = (y: number) => y >= 1000 && y <= 2199;

/** A day from its written parts; "March 20 last year" keeps its year shift; 29 February needs a leap year. */
function dayExpr(g: Record<string, string | undefined>): DateExpr | null {
  const y = g.y ? +g.y : null, m = monthOf(g.mon!), d = +g.d!;
  if (!validDay(y ?? 2000, m, d)) return null;
  const rel = g.rel?.toLowerCase();
  return { kind: 'day', y, m, d, ...(rel ? { yearShift: rel === 'last' ? -1 : rel === 'next' ? 1 : 0 } : {}) };
}

type Builder = (g: Record<string, string | undefined>, text: string, start: number, end: number) => DateExpr | null;
interface Rule { id: string; re: RegExp; build: Builder; reason: string; needs?: RegExp; noLetterBefore?: boolean }

// A pattern that opens with the look-behind "no letter before" cannot be scanned for its first
// characters and pays the check at every position of the text; the check is done by hand instead
// (findDateSpans), which keeps the same matches at a fraction of the cost.
const LEAD_NO_LETTER = String.raw`(?<![\p{L}])`;
const rule = (id: string, source: string, build: Builder, reason: string, flags = 'gu'): Rule => {
  const lead = source.startsWith(LEAD_NO_LETTER);
  return { id, re: new RegExp(lead ? source.slice(LEAD_NO_LETTER.length) : source, flags), build, reason, noLetterBefore: lead };
};
const LETTER_AT_END = /\p{L}$/u;

const prevWord = (text: string, start: number) => /([\p{L}]+)[\s“"‘'-]*$/u.exec(text.slice(Math.max(0, start - 30), start))?.[1] ?? '';
const nextChunk = (text: string, end: number) => text.slice(end, end + 30);

// The rules, most specific first; overlaps are settled afterwards (earliest, then longest wins).
const RULES: Rule[] = [
  rule('iso-day', String.raw`${NBL}(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})${NB}`, (g) => {
    const y = +g.y!, m = +g.m!, d = +g.d!;
    return validDay(y, m, d) ? { kind: 'day', y, m, d } : null;
  }, 'ISO 8601 dates: 2011-06-01'),
  rule('numeric-day', String.raw`(?<![\p{L}\d/.])(?<a>\d{1,2})/(?<b>\d{1,2})/(?<y>\d{4}|\d{2})(?![\d/])`, () => null /* set per call: needs dayFirst */, '1/6/2011, day-first unless the source says otherwise'),
  rule('day-month-year', String.raw`(?:(?<wd>${WD_ANY})\.?,?\s+)?${NBL}(?:the\s+)?(?<d>\d{1,2})${ORD}(?:\s+of)?\s+(?<mon>${MON_ANY})(?:,?\s+(?<y>\d{4})${NB}|,?\s+(?:of\s+)?(?<rel>last|next|this)\s+year)?(?![\p{L}])`, (g) => dayExpr(g), 'British order: 1 June 2011, 28 November, the 1st of June'),
  rule('month-day-year', String.raw`(?:(?<wd>${WD_ANY})\.?,?\s+)?(?<![\p{L}])(?<mon>${MON_ANY})\s+(?<d>\d{1,2})${ORD}(?![\p{L}\d:.,]\d|\d|\s*(?:%|per\s?cent|percent))(?:,?\s+(?<y>\d{4})${NB}|,?\s+(?:of\s+)?(?<rel>last|next|this)\s+year)?(?![\p{L}])`, (g) => dayExpr(g), 'US order: June 1, 2011; Wikinews datelines "Friday, January 4, 2019"'),
  rule('month-year', String.raw`(?<![\p{L}])(?<mon>${MON_ANY}),?\s+(?:of\s+)?(?<y>\d{4})${NB}`, (g) => {
    const y = +g.y!;
    return yearOk(y) ? { kind: 'month', y, m: monthOf(g.mon!) } : null;
  }, 'March 2011'),
  rule('month-relative-year', String.raw`(?<![\p{L}])(?<mon>${MON_FULL})\s+(?:of\s+)?(?<rel>last|next|this)\s+year(?![\p{L}])`, (g) => ({
    kind: 'month', y: null, m: monthOf(g.mon!), yearShift: g.rel!.toLowerCase() === 'last' ? -1 : g.rel!.toLowerCase() === 'next' ? 1 : 0,
  }), 'November last year, April next year, January of last year'),
  rule('shifted-month', String.raw`(?<![\p{L}])(?<rel>[Ll]ast|[Nn]ext|[Tt]his\s+past|[Tt]his\s+coming|[Tt]his|[Cc]oming)\s+(?<mon>${MON_FULL})(?![\p{L}])`, (g) => ({
    kind: 'month', y: null, m: monthOf(g.mon!), shift: shiftOf(g.rel),
  }), 'last May, next April'),
  rule('bare-month', String.raw`(?<![\p{L}])(?<mon>${MON_FULL})(?![\p{L}\d])`, (g, text, start, end) => {
    const mon = g.mon!;
    // A month alone must not be a name ("April Ryan", "Theresa May") and, when it is also a
    // common word or name, needs a date cue before it ("in May", "since March").
    if (/^\s+(?:[A-Z][a-z]+|\d)/.test(nextChunk(text, end)) && !/^\s+(?:[A-Z][a-z]+\s+)?(?:and|or|to)\b/.test(nextChunk(text, end))) {
      if (!/^\s+\d{4}/.test(nextChunk(text, end))) return null;
    }
    const prev = prevWord(text, start).toLowerCase();
    if (AMBIGUOUS.has(mon.toLowerCase()) && !MONTH_CUES.has(prev)) return null;
    // "May" in an article about Theresa May: only strong cues ("in May", "since May") make it a month,
    // and never a possessive ("May's Brexit deal").
    if (mon === 'May' && (PERSON_MAY.test(text) || /^['’]s\b/.test(nextChunk(text, end))) && !STRONG_MONTH_CUES.has(prev)) return null;
    if (/\b(?:Mrs?|Ms|Miss|Dr|Theresa|Brian|Elizabeth|Lady|Prof)\.?\s+$/.test(text.slice(Math.max(0, start - 12), start))) return null;
    return { kind: 'month', y: null, m: monthOf(mon) };
  }, 'a month alone: "in February" (its year comes from the reference date and tense)'),
  rule('financial-year-pair', String.raw`(?<![\p{L}\d£$€.,/-])(?:(?<fy>FY|[Ff]iscal\s+[Yy]ear\s+|[Ff]inancial\s+[Yy]ear\s+)\s?)?(?<a>(?:19|20)\d{2})\s?[-–/]\s?(?<b>\d{4}|\d{2})(?![\d%]|[-/]\d)`, (g, text, start, end) => {
    // "2017–2018" in general news is a span of two years; with four digits it is a financial
    // year only when the words say so ("financial year 2019-2020", "the 2019/2020 fiscal year").
    if (g.b!.length === 4 && !g.fy && !/^\s+(?:financial|fiscal|budget|tax|academic|school)\b/i.test(text.slice(end, end + 12)) && !/\b(?:financial|fiscal|budget|tax)\s+year\s+$/i.test(text.slice(Math.max(0, start - 20), start))) return null;
    const fyStart = financialYearFromPair(g.a!, g.b!);
    return fyStart === null ? null : { kind: 'financial-year', start: fyStart };
  }, '2013-14, 2019/20, 2019-2020: a financial year when the second year follows the first'),
  rule('financial-year-ending', String.raw`(?<![\p{L}\d])(?:FY\s?|[Ff]iscal\s+(?:[Yy]ear\s+)?)(?:['’])?(?<y>\d{4}|\d{2})${NB}`, (g) => {
    const start = financialYearFromEnding(g.y!);
    return start === null ? null : { kind: 'financial-year', start };
  }, 'FY2020, FY20, fiscal 2021: named by the year it ends in'),
  rule('quarter-q', String.raw`(?<![\p{L}\d])(?:(?<y0>\d{4})\s?)?Q(?<q>[1-4])(?:\s?(?:of\s+)?(?<y>\d{4})|\s?['’](?<yy>\d{2}))?${NB}`, (g) => {
    const y = g.y ? +g.y : g.y0 ? +g.y0 : g.yy ? 2000 + +g.yy : null;
    return { kind: 'quarter', y, q: +g.q! };
  }, 'Q3 2019, Q3'),
  rule('quarter-words', String.raw`(?<![\p{L}])(?:[Tt]he\s+)?(?<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(?:(?<y>\d{4})|(?<rel>this|last|next)\s+year|the\s+year)|\s+(?<y2>\d{4}))?(?![\p{L}])`, (g) => {
    const ord = g.ord!.toLowerCase();
    const q = ({ first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, final: 4 } as Record<string, number>)[ord]!;
    const y = g.y ? +g.y : g.y2 ? +g.y2 : null;
    const rel = g.rel?.toLowerCase();
    return { kind: 'quarter', y, q, ...(rel ? { yearShift: rel === 'last' ? -1 : rel === 'next' ? 1 : 0 } : {}) };
  }, 'the third quarter of 2019'),
  rule('year', String.raw`(?<![\p{L}\d£$€.,:/#])(?<!(?<![Mm]id)(?<=\p{L})-)(?<y>1[6-9]\d{2}|20\d{2}|21\d{2})(?![\d%]|[.,:]\d|s(?![\p{L}])|\s?(?:per\s?cent|percent|pc)(?![\p{L}])|\s?(?:am|pm|GMT|BST|UTC|hrs|hours|ft|feet|m|km|kg|metres|meters|miles)(?![\p{L}]))`, (g, text, start, end) => {
    const y = +g.y!;
    if (y > 2100) return null;
    const before = text.slice(Math.max(0, start - 40), start);
    const after = text.slice(end, end + 30);
    // Phone numbers and number groups: "0207 2019 123".
    if (/\d\s$/.test(before) || /^\s\d/.test(after)) return null;
    // A count, not a year: "about 2000 people", "more than 1,000 ..." (commas never reach here).
    const prev = prevWord(text, start).toLowerCase();
    const countCue = /^(?:about|around|some|nearly|almost|over|than|approximately|roughly|estimated|additional|another|extra|only|just|all|least|total|of)$/.test(prev);
    // "2000 people" is a count; "census", "status", "crisis" only look plural.
    const pluralNoun = /^\s+(?!was\b|has\b|is\b|as\b|its\b|this\b|his\b|us\b|across\b|plus\b|versus\b|less\b|series\b|news\b|press\b)[a-z]+(?<![usi])s\b/.test(after);
    // A year naming an event keeps its noun: "the 2018 elections", "Beyond Fest 2019 continues".
    const rawPrev = prevWord(text, start);
    const namesEvent = y >= 1900 && y <= 2039 && (/^(?:the|its|their|his|her|this|last|next|upcoming)$/.test(prev)
      || (/^\p{Lu}/u.test(rawPrev) && !/(?:^|[.!?"“”]\s*)$/.test(text.slice(Math.max(0, start - rawPrev.length - 4), start - rawPrev.length).trimEnd())));
    if (pluralNoun && !namesEvent && !/^(?:in|since|by|until|from|during|before|after|of|for|between|to|and|until)$/.test(prev)) return null;
    if (countCue && prev !== 'of' && /^\s+[a-z]/.test(after)) return null;
    if (/^(?:no|number|room|flight|route|windows|model|version|nos?)$/.test(prev)) return null;
    // A clock time in another zone: "(2053 Wednesday night, UTC)".
    if (new RegExp(`^\\s+(?:${WD_FULL})`).test(after)) return null;
    return { kind: 'year', y };
  }, 'a year: 2003, 2017 (not counts like "2000 people", times, measures)'),
  rule('named-day', String.raw`(?<![\p{L}])(?<nd>${alternation(CAL.namedDays.days.flatMap((x) => x.forms))})(?:,?\s+(?<y>\d{4})${NB})?(?![\p{L}])`, (g) => {
    const nd = NAMED_DAY.get(g.nd!)!;
    return { kind: 'day', y: g.y ? +g.y : null, m: nd.m, d: nd.d };
  }, 'Christmas Day, New Year’s Eve 2019: fixed-date holidays'),
  rule('day-word', String.raw`(?<![\p{L}])(?<w>[Yy]esterday|[Tt]oday|[Tt]omorrow)(?![\p{L}])`, (g, text, start) => {
    // "USA Today", "Good Morning Britain Today": a capitalised word straight before is a title.
    if (/^[A-Z]/.test(g.w!) && /[\p{Lu}][\p{L}]*\s$/u.test(text.slice(Math.max(0, start - 20), start))) return null;
    return { kind: 'offset', unit: 'day', n: { yesterday: -1, today: 0, tomorrow: 1 }[g.w!.toLowerCase() as 'today']! };
  }, 'yesterday, today, tomorrow'),
  rule('shifted-unit', String.raw`(?<![\p{L}])(?<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s+(?<unit>week|month|year|quarter)(?![\p{L}])`, (g, text, start) => {
    const rel = g.rel!.toLowerCase();
    // "over the next year", "the last year" are durations; "the coming week" is a date (GUIDE).
    if (/(?:^|[^\p{L}])the\s+$/iu.test(text.slice(Math.max(0, start - 5), start)) && rel !== 'coming') return null;
    const n = rel === 'last' ? -1 : rel === 'this' ? 0 : 1;
    return { kind: 'offset', unit: g.unit!.toLowerCase() as 'week', n };
  }, 'last week, next month, this year, the coming week'),
  rule('earlier-this', String.raw`(?<![\p{L}])(?:[Ee]arlier|[Ll]ater)\s+(?:this|in\s+the)\s+(?<unit>week|month|year)(?![\p{L}])`, (g) => ({
    kind: 'offset', unit: g.unit!.toLowerCase() as 'week', n: 0,
  }), 'earlier this year, earlier in the month'),
  rule('ago', String.raw`(?<![\p{L}])(?<n>${COUNT})\s+(?<unit>${UNITS})\s+(?<dir>ago|earlier|later|before|after|previously)(?![\p{L}])`, (g, text, _start, end) => {
    const unit = unitOf(g.unit!);
    if ((unit as string) === 'decade') return null;
    const dir = g.dir!.toLowerCase();
    // "two years before the election" is anchored to the election, not to the reference date.
    if (dir === 'before' || dir === 'after') {
      if (!/^\s*[,.;)]|^\s*$/.test(text.slice(end, end + 3))) return null;
    }
    const n = parseNumber(g.n!.replace(/^an?$/i, 'one'));
    if (dir === 'ago' && n !== null) return { kind: 'offset', unit, n: -n };
    return { kind: 'unanchored', grain: unit };
  }, 'two years ago, three weeks later, a few weeks ago; "A year ago", "Three months ago" open sentences too', 'giu'),
  rule('end-of-the-unit', String.raw`(?<![\p{L}])the\s+(?:end|close|beginning|start|middle|turn)\s+of\s+the\s+(?<unit>year|month|week)(?![\p{L}])`, (g) => ({
    kind: 'offset', unit: g.unit!.toLowerCase() as 'year', n: 0,
  }), 'the end of the year (modifier from the words around it)'),
  rule('day-part', String.raw`(?<![\p{L}])(?:(?<rel>[Ll]ast|[Tt]his)\s+(?:night|morning|afternoon|evening)|(?<tonight>[Tt]onight))(?![\p{L}])`, (g, text, start, end) => {
    // "the last night of the festival", "his last night in office": a night of the story, not of the calendar.
    if (/^(?:the|his|her|their|its|my|our|your|a|every|each|one|that)$/i.test(prevWord(text, start))) return null;
    // "The Tonight Show", "Tonight Show host": a title.
    if (g.tonight && /^\s+Show\b/.test(nextChunk(text, end))) return null;
    if (g.tonight && /[\p{Lu}][\p{L}]*\s$/u.test(text.slice(Math.max(0, start - 20), start))) return null;
    return { kind: 'offset', unit: 'day', n: g.rel?.toLowerCase() === 'last' ? -1 : 0 };
  }, 'last night, this morning, tonight: the day before or of the reference'),
  rule('weekend', String.raw`(?<![\p{L}])(?:(?<rel>[Ll]ast|[Nn]ext|[Tt]his(?:\s+(?:past|coming))?|[Tt]he\s+(?:past|coming))\s+|(?<=(?:[Oo]ver|[Aa]t|[Oo]n|[Dd]uring|[Tt]hroughout|[Bb]y|[Uu]ntil|[Ss]ince|[Tt]hrough|[Ff]rom)\s+)the\s+)weekend(?!\s+of\b|[\p{L}-])`, (g) => ({
    kind: 'weekend', shift: shiftOf(g.rel),
  }), 'last weekend, over the weekend: the ISO week the weekend closes ("the weekend of 5 October" is left to the day)'),
  rule('weekday', String.raw`(?<![\p{L}])(?:(?<rel>[Ll]ast|[Nn]ext|[Tt]his\s+(?:past|coming)|[Tt]his|[Cc]oming)\s+)?(?<wd>${WD_FULL})(?:\s+(?:morning|afternoon|evening|night))?(?![\p{L}])`, (g, text, start) => {
    // "Black Friday", "Good Friday", "Super Tuesday" are named events, still that weekday; keep.
    if (/(?:^|\s)(?:[A-Z][a-z]+day)\s*$/.test(text.slice(Math.max(0, start - 12), start))) return null;
    return { kind: 'weekday', wd: weekdayOf(g.wd!), shift: shiftOf(g.rel) };
  }, 'on Monday, last Friday'),
  rule('season', String.raw`(?<![\p{L}])(?:(?<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s+)?(?<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all)(?:\s+(?:of\s+)?(?<y>\d{4})${NB})?(?![\p{L}])`, (g, text, start, end) => {
    const s = g.s!.toLowerCase();
    const y = g.y ? +g.y : null;
    if (y === null && !g.rel) {
      const prev = prevWord(text, start).toLowerCase();
      if (!SEASON_CUES.has(prev) || s === 'fall' && prev !== 'the' && prev !== 'this' && prev !== 'last' && prev !== 'next') return null;
      if (/^\s+[A-Z]/.test(nextChunk(text, end)) || /^[\s-]+(?:time|term|session|school|break|holidays?|camp|season|wheat|rolls?|onion|clean|festival|games|olympics|solstice|equinox|months)\b/i.test(nextChunk(text, end))) return null;
    }
    const rel = g.rel?.toLowerCase();
    return { kind: 'season', y, ...(rel === 'last' ? { yearShift: -1 } : rel === 'next' ? { yearShift: 1 } : {}) };
  }, 'spring, summer 2019 (value stays null: seasons straddle years and hemispheres)'),
];

// A cheap test per text for rules whose words are rare: a rule whose key word is absent is not run
// (most articles have no "weekend", "quarter" or "FY"; the full patterns open with look-behinds and
// cost a pass over the whole text each).
const NEEDS: Record<string, RegExp> = {
  'iso-day': /\d{4}-\d\d-\d\d/,
  'numeric-day': /\d\/\d/,
  'financial-year-pair': /\d{4}\s?[-–/]\s?\d/,
  'financial-year-ending': /FY|[Ff]iscal/,
  'quarter-q': /Q[1-4]/,
  'quarter-words': /quarter/,
  'month-relative-year': /year/,
  'day-word': /[Yy]esterday|[Tt]oday|[Tt]omorrow/,
  'earlier-this': /[Ee]arlier|[Ll]ater/,
  'ago': /(?:day|week|month|year)s?\s+(?:ago|earlier|later|before|after|previously)/i,
  'end-of-the-unit': / of the (?:year|month|week)/,
  'day-part': /night|morning|afternoon|evening|[Tt]onight/,
  'weekend': /weekend/,
  'season': /[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all/,
};
for (const r of RULES) if (NEEDS[r.id]) r.needs = NEEDS[r.id];

const MOD_THE_END = /(?:^|[^\p{L}])([Tt]he\s+(end|close|beginning|start|middle)\s+of\s+)$/u;
const MOD_EARLY = /(?:^|[^\p{L}])((early|late|mid|Early|Late|Mid)(?:\s+|-))$/u;
const MOD_BY = /(?:^|[^\p{L}])((by|before|after|By|Before|After)\s+)$/u;
const MODIFIER: Record<string, DateModifier> = { end: 'end', close: 'end', beginning: 'start', start: 'start', middle: 'mid', early: 'start', late: 'end', mid: 'mid', by: 'before', before: 'before', after: 'after' };

// The reference date and the date mentions both read the spans of the same text: the last answer is
// kept (keyed on the text and dayFirst) so the pipeline pays for one pass. Callers only read the spans.
let memoText: string | null = null;
let memoDayFirst = true;
let memoSpans: DateSpan[] = [];

/** Finds date spans in text order. dayFirst decides "1/6/2011" (1 June when true). */
export function findDateSpans(text: string, dayFirst = true): DateSpan[] {
  if (text === memoText && dayFirst === memoDayFirst) { memoText = text; return memoSpans.map((k) => ({ ...k })); }
  const spans = findDateSpansRaw(text, dayFirst);
  memoText = text;
  memoDayFirst = dayFirst;
  memoSpans = spans.map((k) => ({ ...k }));
  return spans;
}

function findDateSpansRaw(text: string, dayFirst: boolean): DateSpan[] {
  const found: DateSpan[] = [];
  for (const r of RULES) {
    if (r.needs && !r.needs.test(text)) continue;
    r.re.lastIndex = 0;
    for (let m = r.re.exec(text); m; m = r.re.exec(text)) {
      const start = m.index;
      if (r.noLetterBefore && start > 0 && LETTER_AT_END.test(text.slice(Math.max(0, start - 2), start))) {
        r.re.lastIndex = start + 1; // a letter before: try again from the next position
        continue;
      }
      const end = start + m[0].length;
      if (m[0].length === 0) { r.re.lastIndex++; continue; }
      const g = m.groups ?? {};
      let expr: DateExpr | null;
      if (r.id === 'numeric-day') {
        const a = +g.a!, b = +g.b!;
        let y = +g.y!;
        if (g.y!.length === 2) y += y < 50 ? 2000 : 1900;
        const [d, mo] = dayFirst ? [a, b] : [b, a];
        expr = validDay(y, mo, d) ? { kind: 'day', y, m: mo, d } : null;
      } else expr = r.build(g, text, start, end);
      if (expr) found.push({ start, end, text: m[0], expr, rule: r.id });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DateSpan[] = [];
  for (const f of found) {
    const last = kept[kept.length - 1];
    if (last && f.start < last.end) continue;
    kept.push(f);
  }
  // Modifiers written before the date widen the span: "the end of March", "early 2012", "by April 2020".
  for (const k of kept) {
    if (k.rule === 'end-of-the-unit') {
      const w = /the\s+(\w+)/i.exec(k.text)![1]!.toLowerCase();
      k.modifier = w === 'turn' ? 'start' : MODIFIER[w];
      continue;
    }
    const before = text.slice(Math.max(0, k.start - 30), k.start);
    let mm = MOD_THE_END.exec(before) ?? MOD_EARLY.exec(before);
    if (!mm && k.expr.kind !== 'financial-year' && k.expr.kind !== 'unanchored' && k.expr.kind !== 'offset') mm = MOD_BY.exec(before);
    if (mm) {
      k.modifier = MODIFIER[mm[2]!.toLowerCase()];
      k.start -= mm[1]!.length;
      k.text = text.slice(k.start, k.end);
    }
  }
  // Widening must not swallow the previous span.
  const spans = kept.filter((k, i) => i === 0 || k.start >= kept[i - 1]!.end);
  return withRangeBounds(text, spans);
}

// Day ranges written once with the month: "March 15 to 17", "15–17 March", "15 and 16 March". The bare
// number is the other bound, a day of the same month (money ranges are written the same way: one
// mention per bound). It must be a day after (or before) the written one, and be followed by nothing
// that makes it a count ("March 15 to 17 people" is not a date).
const RANGE_AFTER = /^(\s*(?:-|–|—|to|through|until|till|and|or)\s*)(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?=\s*$|\s*[,.;:)\]]|\s+(?:in|at|on|when|with|and|during|while|inclusive|respectively|of\s+(?:this|last|next)\s+year)\b|,?\s+\d{4}(?!\d)|,?\s+(?:of\s+)?(?:last|next|this)\s+year\b)/u;
const RANGE_YEAR = /^(?:,?\s+(\d{4})(?!\d)|,?\s+(?:of\s+)?(last|next|this)\s+year\b)/i;
const RANGE_BEFORE = /(?<![\p{L}\d.,:/$£€-])(\d{1,2})(?:st|nd|rd|th)?(\s*(?:-|–|—|to|and|or)\s*)(?:the\s+)?$/u;

function withRangeBounds(text: string, spans: DateSpan[]): DateSpan[] {
  const extra: DateSpan[] = [];
  // The spans are in text order and do not overlap, so their ends ascend: the one span that could
  // overlap [s, e) is the first ending after s (binary search, not a scan per date).
  const free = (s: number, e: number) => {
    let lo = 0, hi = spans.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (spans[mid]!.end <= s) lo = mid + 1; else hi = mid; }
    return !(lo < spans.length && e > spans[lo]!.start);
  };
  for (const k of spans) {
    const x = k.expr;
    if (x.kind !== 'day' || k.modifier) continue;
    if (k.rule === 'month-day-year' && /\d(?:st|nd|rd|th)?$/.test(k.text)) {
      const m = RANGE_AFTER.exec(text.slice(k.end, k.end + 40));
      if (!m) continue;
      const d = +m[2]!;
      const s = k.end + m[0].search(/\d/);
      const e = s + m[2]!.length;
      if (d <= x.d || !free(s, e)) continue;
      // "March 15–17, 2019", "July 13 to 17 of last year": the year written after the range is both bounds'.
      const yy = x.y === null && x.yearShift === undefined ? RANGE_YEAR.exec(text.slice(e, e + 20)) : null;
      const shared = yy?.[1] ? { y: +yy[1] } : yy?.[2] ? { yearShift: ({ last: -1, next: 1, this: 0 } as Record<string, number>)[yy[2].toLowerCase()]! } : {};
      const first = { ...x, ...shared };
      if (!validDay(first.y ?? 2000, x.m, d)) continue;
      k.expr = first;
      // The shared year is part of the closing bound's span (not a year mention of its own).
      const e2 = yy ? e + yy[0].length : e;
      extra.push({ start: s, end: e2, text: text.slice(s, e2), expr: { ...first, d }, rule: 'day-range-bound' });
    } else if (k.rule === 'day-month-year') {
      const m = RANGE_BEFORE.exec(text.slice(Math.max(0, k.start - 24), k.start));
      if (!m) continue;
      const d = +m[1]!;
      const s = k.start - m[0].length;
      const e = s + m[1]!.length;
      if (d >= x.d || d < 1 || !free(s, e)) continue;
      extra.push({ start: s, end: e, text: text.slice(s, e), expr: { ...x, d }, rule: 'day-range-bound' });
    }
  }
  if (!extra.length) return spans;
  // Whether a span lies inside an added bound: among the bounds starting at or before it, the furthest end.
  const byStart = [...extra].sort((a, b) => a.start - b.start);
  const reach: number[] = [];
  for (const x of byStart) reach.push(Math.max(x.end, reach.length ? reach[reach.length - 1]! : -Infinity));
  const inside = (k: DateSpan) => {
    let lo = 0, hi = byStart.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (byStart[mid]!.start <= k.start) lo = mid + 1; else hi = mid; }
    return lo > 0 && reach[lo - 1]! >= k.end;
  };
  return [...spans.filter((k) => !inside(k)), ...extra].sort((a, b) => a.start - b.start);
}


/** The tense a span sits in (for weekday / month-only / day-without-year resolution). */
export function spanTense(ctx: Pick<ExtractContext, 'text' | 'sentences'>, span: { start: number; end: number }): Tense {
  const s = sentenceAt(ctx.sentences, span.start);
  return tenseAround(ctx.text, s?.start ?? Math.max(0, span.start - 160), s?.end ?? span.end + 120, span.start, span.end);
}

export function extractDates(ctx: ExtractContext): DateMention[] {
  const out: DateMention[] = [];
  for (const span of findDateSpans(ctx.text, ctx.dayFirst)) {
    const needsTense = span.expr.kind === 'weekday' || span.expr.kind === 'weekend' || ((span.expr.kind === 'day' || span.expr.kind === 'month') && span.expr.y === null);
    // "by October 31" is a deadline whatever the verb: the nearest such date is meant. Except when it
    // opens the clause and the clause reports the past: "By March, drastic measures were taken".
    let tense = needsTense && ctx.referenceDate ? spanTense(ctx, span) : null;
    // A weekday deadline ("rule by Friday") is the coming such day, not the last one.
    if (span.modifier === 'before' && !(tense === 'past' && /^\s*,/.test(ctx.text.slice(span.end, span.end + 3)))) tense = span.expr.kind === 'weekday' ? 'future' : null;
    const r = resolveDate(span.expr, ctx.referenceDate, tense);
    const mention: DateMention = { start: span.start, end: span.end, text: span.text, value: r.value, grain: r.grain, relative: r.relative };
    if (span.modifier) mention.modifier = span.modifier;
    out.push(mention);
  }
  return out;
}
