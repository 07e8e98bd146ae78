// Dates: span finding (findDateSpans) and value resolution (resolveDate) as separate tables, plus
// false positives (durations, ages, times, scores, counts, "May" the person).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDates, findDateSpans } from '../src/extract/dates.js';
import { resolveDate } from '../src/normalise/date-resolve.js';
import { isoWeek, daysFromCivil } from '../src/normalise/date-calendar.js';
import { splitSentences } from '../src/extract/sentences.js';
import type { ExtractContext } from '../src/types.js';

const ctx = (text: string, referenceDate: string | null = null, dayFirst = true): ExtractContext => ({ text, sentences: splitSentences(text), referenceDate, dayFirst, warnings: [] });
const dates = (text: string, ref: string | null = null, dayFirst = true) =>
  extractDates(ctx(text, ref, dayFirst)).map((d) => [d.text, d.value, d.grain, d.relative, d.modifier ?? null] as const);

test('explicit dates in every common order, no reference needed', () => {
  const table: [string, [string, string | null, string, boolean, string | null][]][] = [
    ['signed on 1 June 2011.', [['1 June 2011', '2011-06-01', 'day', false, null]]],
    ['signed on June 1, 2011.', [['June 1, 2011', '2011-06-01', 'day', false, null]]],
    ['signed on 2011-06-01.', [['2011-06-01', '2011-06-01', 'day', false, null]]],
    ['signed on 1/6/2011.', [['1/6/2011', '2011-06-01', 'day', false, null]]],
    ['as of March 2011 less than', [['March 2011', '2011-03', 'month', false, null]]],
    ['signed in 2003.', [['2003', '2003', 'year', false, null]]],
    ['by 2013-14 in a deal', [['2013-14', '2013/2014', 'financial-year', false, null]]],
    ['budgets for 2019-20, including', [['2019-20', '2019/2020', 'financial-year', false, null]]],
    ['the 2019/20 fiscal year', [['2019/20', '2019/2020', 'financial-year', false, null]]],
    ['results for FY2020 were', [['FY2020', '2019/2020', 'financial-year', false, null]]],
    ['profit in Q3 2019 rose', [['Q3 2019', '2019-Q3', 'quarter', false, null]]],
    ['in the third quarter of 2019', [['the third quarter of 2019', '2019-Q3', 'quarter', false, null]]],
    ['growth since mid-2012', [['mid-2012', '2012', 'year', false, 'mid']]],
    ['launched in early 2012', [['early 2012', '2012', 'year', false, 'start']]],
    ['on track by April 2020.', [['by April 2020', '2020-04', 'month', false, 'before']]],
    ['Friday, January 4, 2019\n\nAn apartment', [['Friday, January 4, 2019', '2019-01-04', 'day', false, null]]],
    ['between 2010 and 2015 sales', [['2010', '2010', 'year', false, null], ['2015', '2015', 'year', false, null]]],
    ['the 1973 building', [['1973', '1973', 'year', false, null]]],
  ];
  for (const [text, want] of table) assert.deepEqual(dates(text), want, text);
});

test('US order when the source is not day-first', () => {
  assert.deepEqual(dates('on 6/1/2011.', null, false), [['6/1/2011', '2011-06-01', 'day', false, null]]);
});

test('relative expressions as the dev gold writes them (no reference date: value null)', () => {
  const table: [string, [string, string, boolean, string | null][]][] = [
    ['Last year, he triggered', [['Last year', 'year', true, null]]],
    ['departure two years ago.', [['two years ago', 'year', true, null]]],
    ['by the end of the year.', [['the end of the year', 'year', true, 'end']]],
    ['came at the end of March, when', [['the end of March', 'month', true, 'end']]],
    ['exited as LSP for the south last May.', [['last May', 'month', true, null]]],
    ['write-downs next month.', [['next month', 'month', true, null]]],
    ['terms earlier in the month.', [['earlier in the month', 'month', true, null]]],
    ['a teleconference last week that', [['last week', 'week', true, null]]],
    ['extended until 1 June.', [['1 June', 'day', true, null]]],
    ['at the beginning of March the', [['the beginning of March', 'month', true, 'start']]],
    ['a new contract in “spring”.', [['spring', 'season', true, null]]],
    ['in November last year because', [['November last year', 'month', true, null]]],
    ['told HSJ in February, of', [['February', 'month', true, null]]],
    ['sent in late November by', [['late November', 'month', true, 'end']]],
    ['expired in April next year, potentially', [['April next year', 'month', true, null]]],
    ['In its letter three weeks later, the', [['three weeks later', 'week', true, null]]],
    ['HSJ reported this week that', [['this week', 'week', true, null]]],
    ['told a few weeks ago that', [['a few weeks ago', 'week', true, null]]],
    ['said earlier this year that', [['earlier this year', 'year', true, null]]],
  ];
  for (const [text, want] of table) assert.deepEqual(dates(text).map(([t, v, g, r, m]) => { assert.equal(v, null, text); return [t, g, r, m]; }), want, text);
});

test('durations, ages, times, scores, counts and names are not dates', () => {
  for (const text of [
    'the priority for the next 12 months is',
    'despite more than two years of preparation;',
    'running for almost a year.',
    'a man aged 45 was held',
    'at 6am the shop opened',
    'they won 3-1 at home',
    'more than 1,000 people',
    'about 2000 people marched',
    'call 020 7946 0018 now',
    'Theresa May said the deal stands',
    'a multimillion-pound contract',
    'in the 1990s',
    'deployed over the next year in large trusts',
    'the three year strategy',
    'when it expires in 12 months’ time',
    'a spring in his step',
    'USA Today reported',
  ]) assert.deepEqual(dates(text), [], text);
});

test('resolution against the publication date (Wikinews style)', () => {
  // 2019-01-04 was a Friday.
  const ref = '2019-01-04';
  const table: [string, string, string][] = [
    ['The building collapsed on Monday in Magnitogorsk.', 'Monday', '2018-12-31'],
    ['Rescuers ended their work yesterday.', 'yesterday', '2019-01-03'],
    ['The leaders will meet on Monday to talk.', 'Monday', '2019-01-07'],
    ['The report came out last week.', 'last week', isoWeek(daysFromCivil(2018, 12, 28))],
    ['Sales fell last month.', 'last month', '2018-12'],
    ['The vote is due next year.', 'next year', '2020'],
    ['It opened two years ago.', 'two years ago', '2017'],
    ['Profits rose earlier this year.', 'earlier this year', '2019'],
    ['The plant closed in March.', 'March', '2018-03'],
    ['The plant will close in March.', 'March', '2019-03'],
    ['Sentencing is scheduled for February 4.', 'February 4', '2019-02-04'],
    ['Publications reported December 27 as the date.', 'December 27', '2018-12-27'],
    ['It was signed in November last year.', 'November last year', '2018-11'],
    ['He arrived last Friday.', 'last Friday', '2018-12-28'],
    ['The fire broke out on Christmas Day.', 'Christmas Day', '2018-12-25'],
    ['They meet next Friday.', 'next Friday', '2019-01-11'],
    ['The firm reported results on Friday.', 'Friday', '2019-01-04'],
    ['The meeting took place on March 20 last year.', 'March 20 last year', '2018-03-20'],
    ['The lockdown started on December 22, last year.', 'December 22, last year', '2018-12-22'],
  ];
  for (const [text, span, want] of table) {
    const d = extractDates(ctx(text, ref)).find((x) => x.text === span);
    assert.ok(d, `${text}: no span "${span}"`);
    assert.equal(d.value, want, text);
    assert.equal(d.relative, true, text);
  }
});

test('plans reported in the past, and 29 February, resolve to real days', () => {
  const d = (text: string, ref: string) => extractDates(ctx(text, ref)).map((x) => [x.text, x.value]);
  assert.deepEqual(d('The emergency was expected to end on December 15, but on December 14 it was extended.', '2019-12-29'), [['December 15', '2019-12-15'], ['December 14', '2019-12-14']]);
  assert.deepEqual(d('The primary is on February 29.', '2020-02-10'), [['February 29', '2020-02-29']]);
  assert.deepEqual(d('The primary is on February 29.', '2019-02-10'), [['February 29', '2020-02-29']]);
});

test('ISO weeks: "last week" is the ISO week of the reference minus seven days', () => {
  assert.equal(resolveDate({ kind: 'offset', unit: 'week', n: -1 }, '2019-10-02', null).value, '2019-W39');
  assert.equal(resolveDate({ kind: 'offset', unit: 'week', n: 0 }, '2021-01-01', null).value, '2020-W53');
});

test('resolution is a separate pure step and never uses the clock', () => {
  assert.deepEqual(resolveDate({ kind: 'day', y: null, m: 6, d: 1 }, null, 'past'), { value: null, grain: 'day', relative: true });
  assert.deepEqual(resolveDate({ kind: 'day', y: null, m: 6, d: 1 }, '2011-05-10', 'future'), { value: '2011-06-01', grain: 'day', relative: true });
  assert.deepEqual(resolveDate({ kind: 'month', y: null, m: 5, shift: 'last' }, '2011-05-10', null), { value: '2010-05', grain: 'month', relative: true });
  assert.deepEqual(resolveDate({ kind: 'season', y: 2019 }, '2019-05-10', null), { value: null, grain: 'season', relative: false });
  assert.deepEqual(resolveDate({ kind: 'quarter', y: null, q: 3 }, '2019-05-10', null), { value: '2019-Q3', grain: 'quarter', relative: true });
});

test('spans are found with exact offsets and the rule that found them', () => {
  const text = 'The Department of Health was due to sign a deal with CSC by the end of March after agreeing the outline terms earlier in the month.';
  const spans = findDateSpans(text);
  assert.deepEqual(spans.map((s) => [s.text, s.modifier ?? null, s.rule]), [['the end of March', 'end', 'bare-month'], ['earlier in the month', null, 'earlier-this']]);
  for (const s of spans) assert.equal(text.slice(s.start, s.end), s.text);
});

test('parts of days and weekends are dates: last night, this morning, tonight, over the weekend', () => {
  // 2019-09-12 was a Thursday; 2019-07-23 a Tuesday; 2019-08-24 a Saturday.
  const table: [string, string, string, string, string][] = [
    ['I informed him last night that he must go.', '2019-09-12', 'last night', '2019-09-11', 'day'],
    ['The resignation was given to me this morning.', '2019-09-12', 'this morning', '2019-09-12', 'day'],
    ['The statement tonight surprised many.', '2019-09-12', 'tonight', '2019-09-12', 'day'],
    ['Vigils this evening drew thousands.', '2019-09-12', 'this evening', '2019-09-12', 'day'],
    ['The storm formed over the Bahamas this weekend, before heading west.', '2019-07-23', 'this weekend', '2019-W29', 'week'],
    ['Police were investigating during the weekend.', '2019-07-23', 'the weekend', '2019-W29', 'week'],
    ['The events of this past weekend were discussed.', '2019-07-23', 'this past weekend', '2019-W29', 'week'],
    ['The leaders will meet next weekend.', '2019-07-23', 'next weekend', '2019-W30', 'week'],
    ['The G7 was already scheduled to meet this weekend.', '2019-08-24', 'this weekend', '2019-W34', 'week'],
    ['The summit will open this weekend.', '2019-07-23', 'this weekend', '2019-W30', 'week'],
  ];
  for (const [text, ref, span, value, grain] of table) {
    const d = extractDates(ctx(text, ref)).find((x) => x.text === span);
    assert.ok(d, `${text}: no span "${span}"`);
    assert.deepEqual([d.value, d.grain, d.relative], [value, grain, true], text);
  }
  // Not calendar days: a night of the story, a show's title, a weekend named by its dates.
  for (const text of ['It was the last night of the festival.', 'on his last night in office', 'He hosted The Tonight Show for years.', 'the weekend of 5 October']) {
    assert.ok(!extractDates(ctx(text, '2019-09-12')).some((x) => /night|Tonight|weekend/.test(x.text)), text);
  }
});

test('day ranges written with one month give one mention per bound', () => {
  const d = (text: string, ref: string | null = '2019-09-08') => extractDates(ctx(text, ref)).map((x) => [x.text, x.value]);
  assert.deepEqual(d('From March 15 to 17, the city played host.', '2019-03-25'), [['March 15', '2019-03-15'], ['17', '2019-03-17']]);
  assert.deepEqual(d('The fair ran 15–17 March 2019 in Leeds.'), [['15', '2019-03-15'], ['17 March 2019', '2019-03-17']]);
  assert.deepEqual(d('Held on December 5 and 6, the plan worked.', '2020-01-01'), [['December 5', '2019-12-05'], ['6', '2019-12-06']]);
  assert.deepEqual(d('It ran from July 13 to 17 of last year, when it erupted.'), [['July 13', '2018-07-13'], ['17 of last year', '2018-07-17']]);
  assert.deepEqual(d('The show ran August 22–25, 2019.', null), [['August 22', '2019-08-22'], ['25, 2019', '2019-08-25']]);
  // Counts, scores and descending numbers are not the other bound.
  for (const text of ['On March 15 to 17 people were hurt.', 'On March 15 and 3 others', 'On 15 March 3-1 was the score', 'On 15 March and 20 April']) {
    assert.ok(!extractDates(ctx(text, '2019-09-08')).some((x) => /^\d+$/.test(x.text)), text);
  }
});

test('tense cues read as a careful reader would', () => {
  // 2019-04-14 was a Sunday... use 2020-04-14 (a Tuesday), 2019-06-24 (a Monday), 2019-09-19 (a Thursday).
  const table: [string, string, string, string][] = [
    ['Conway died on Saturday at his home, reportedly due to COVID-19.', '2020-04-14', 'Saturday', '2020-04-11'],
    ['He developed a fever on Wednesday before his death on Saturday.', '2020-04-14', 'Saturday', '2020-04-11'],
    ['He announced his resignation shortly before midnight Wednesday night in a video.', '2019-07-28', 'Wednesday night', '2019-07-24'],
    ['At noon on Wednesday a man set himself on fire.', '2019-06-01', 'Wednesday', '2019-05-29'],
    ['The toll rose to six due to a landslide after an aftershock on Saturday.', '2019-10-22', 'Saturday', '2019-10-19'],
    ['Flags will be flown at half-mast on Monday in their honour.', '2019-06-24', 'Monday', '2019-06-24'],
    ['The NHC predicted that the storm would pass the island on Wednesday night.', '2019-09-19', 'Wednesday night', '2019-09-18'],
    ['The Senate announced it would meet on Monday.', '2019-08-04', 'Monday', '2019-08-05'],
    ['Meteorologists predict landfall Saturday morning.', '2019-07-12', 'Saturday morning', '2019-07-13'],
    ['The bill would fund the government through September.', '2019-01-04', 'September', '2019-09'],
    ['On June 12, minutes before the committee voted, he refused.', '2019-07-20', 'June 12', '2019-06-12'],
    ['By March, drastic measures were taken.', '2020-10-18', 'By March', '2020-03'],
    ['People heard about it back in February.', '2020-10-18', 'February', '2020-02'],
    ['The riots broke out due to the shooting in August.', '2020-10-29', 'August', '2020-08'],
    ['He said, "this weekend, I am resting on the couch."', '2019-09-02', 'this weekend', '2019-W36'],
    ['The talks are set for Friday.', '2019-06-24', 'Friday', '2019-06-28'],
    ['The court will rule before Friday.', '2019-06-24', 'before Friday', '2019-06-28'],
    ['The ban lasts until March.', '2019-06-24', 'March', '2020-03'],
    ['His trial has been scheduled for November.', '2019-06-28', 'November', '2019-11'],
    ['Avenatti is to be sentenced in June.', '2020-02-15', 'June', '2020-06'],
    ['He will be buried at the cemetery on Tuesday.', '2019-10-12', 'Tuesday', '2019-10-15'],
    ['He was due to stand down in August.', '2020-06-11', 'August', '2020-08'],
    ['The Senate was set to meet on Wednesday, but it did not.', '2019-08-04', 'Wednesday', '2019-07-31'],
    ['The capsule may be ready to launch in August.', '2020-05-31', 'August', '2020-08'],
    ['For the party, Super Tuesday is to include 14 states.', '2020-03-02', 'Tuesday', '2020-03-03'],
    ['Dorian was forecast to reach the coast late on Monday or early Tuesday.', '2019-09-01', 'Monday', '2019-09-02'],
    ['Other games scheduled for Wednesday were still held.', '2020-03-13', 'Wednesday', '2020-03-11'],
    ['The originally planned launch on Wednesday afternoon was scrubbed.', '2020-05-31', 'Wednesday afternoon', '2020-05-27'],
    ['Elections scheduled for Wednesday will decide it.', '2020-03-13', 'Wednesday', '2020-03-18'],
    ['Sentencing is scheduled for Wednesday.', '2020-03-13', 'Wednesday', '2020-03-18'],
    // Cues after the date that open another clause do not count.
    ['According to officials on Saturday, the virus may have killed two.', '2020-02-10', 'Saturday', '2020-02-08'],
    ['On Thursday, a candidate for the election to be held on August 9 held a rally.', '2020-08-03', 'Thursday', '2020-07-30'],
  ];
  for (const [text, ref, span, want] of table) {
    const d = extractDates(ctx(text, ref)).find((x) => x.text === span);
    assert.ok(d, `${text}: no span "${span}"`);
    assert.equal(d.value, want, text);
  }
});

test('years naming events, capitalised counts before "ago", and "this past" months', () => {
  const d = (text: string, ref: string | null = '2019-07-20') => extractDates(ctx(text, ref)).map((x) => [x.text, x.value]);
  assert.deepEqual(d('a question on the 2020 census'), [['2020', '2020']]);
  assert.deepEqual(d('ahead of the 2018 elections, the army moved'), [['2018', '2018']]);
  assert.deepEqual(d('The Beyond Fest 2019 continues through Sunday.').slice(0, 1), [['2019', '2019']]);
  assert.deepEqual(d('A year ago, he left.'), [['A year ago', '2018']]);
  assert.deepEqual(d('"Three months ago," he said.'), [['Three months ago', '2019-04']]);
  assert.deepEqual(d('He named his running mate this past April.'), [['this past April', '2019-04']]);
  // Counts stay counts: "about 2000 people", "the 2000 km pipeline", "nearly 2000 people".
  for (const text of ['about 2000 people marched', 'the 2000 km long pipeline', 'followed by nearly 2000 people']) assert.deepEqual(d(text), [], text);
});
