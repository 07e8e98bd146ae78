import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ingestHtml, parseMetaDate, sniffCharset } from '../src/ingest/html/index.js';
import { aggregate, scoreDoc } from '../bench/html.js';

const FIXTURES = new URL('../../fixtures/html/', import.meta.url);
const enc = new TextEncoder();
const page = (html: string) => ingestHtml(enc.encode(html));
const fixture = (name: string) => ingestHtml(new Uint8Array(readFileSync(new URL(name, FIXTURES))));

test('hand-made article: body only, in reading order, blocks split by a blank line', () => {
  const r = fixture('article-basic.html');
  assert.equal(r.format, 'html');
  assert.equal(r.text, [
    'The town council has approved a £3m repair of the old river bridge, which has been closed to lorries since last autumn.',
    "Engineers found cracks in two of the bridge's supporting piers during a routine inspection & recommended urgent work.",
    'What happens next',
    'Work is expected to start in June and last about eight months, the council said.',
    'One lane will stay open to cars.',
    'Pedestrians can use a temporary footbridge.',
    '“This bridge is the heart of the town and we will not let it fall down,” said the council leader.',
    'Residents can comment on the plans until 30 April.',
  ].join('\n\n'));
  assert.equal(r.title, 'Council approves £3m bridge repair');
  assert.equal(r.published, '2021-03-04');
  assert.equal(r.author, 'Jane Reporter');
  assert.equal(r.url, 'https://news.example.org/2021/03/bridge-repair');
});

test('boilerplate never reaches the text', () => {
  const { text } = fixture('article-basic.html');
  for (const junk of ['cookies', 'Sport', 'Share on', 'Related stories', 'Bridge closed to lorries', 'Reader one',
    'Most read', 'All rights reserved', 'dataLayer', 'color: red', 'icon', 'Photo: Example Agency', 'By Jane Reporter']) {
    assert.ok(!text.includes(junk), `"${junk}" leaked into the body`);
  }
});

test('windows-1252 declared in http-equiv: "£" and curly quotes decode exactly', () => {
  const r = fixture('windows-1252.html');
  assert.equal(r.text, 'A cup of coffee at the café now costs £3.50, up from £3.20 last year, the owner said on Monday.\n\n' +
    'Customers said the “small” rise was fair given the cost of beans, which has doubled since 2019.');
  assert.equal(r.title, 'Café prices rise');
});

test('charset sniffing reads <meta charset>, http-equiv and the XML prolog', () => {
  const cases: [string, string | null][] = [
    ['<meta charset="windows-1252">', 'windows-1252'],
    ["<meta charset='ISO-8859-1'/>", 'iso-8859-1'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', 'shift_jis'],
    ['<?xml version="1.0" encoding="koi8-r"?><html>', 'koi8-r'],
    ['<meta charset="utf-16">', 'utf-8'],
    ['<html><head><title>no declaration</title>', null],
  ];
  for (const [head, want] of cases) assert.equal(sniffCharset(enc.encode(head)), want, head);
});

test('JSON-LD-only page: articleBody becomes the text, metadata from the Article object', () => {
  const r = fixture('jsonld-only.html');
  assert.equal(r.text, 'The rail operator has ordered 40 new trains worth $1.2bn from a Canadian maker.\n\n' +
    'The first trains will enter service in 2023, replacing carriages built in the 1970s.');
  assert.equal(r.title, 'Rail operator orders 40 new trains');
  assert.equal(r.published, '2020-11-19');
  assert.equal(r.author, 'Sam Writer, Alex Editor');
  assert.equal(r.url, 'https://times.example.com/rail-order');
});

const BODY = '<div class="content"><p>The ministry said on Tuesday that the new rules, which apply to all ports, will take effect next year.</p></div>';

test('title: each metadata source, in order of trust, with the site name dropped', () => {
  const cases: [string, string][] = [
    ['<meta property="og:title" content="OG headline"><meta name="twitter:title" content="Twitter headline"><title>Tag | Site</title>', 'OG headline'],
    ['<meta name="twitter:title" content="Twitter headline"><title>Tag | Site</title>', 'Twitter headline'],
    ['<script type="application/ld+json">{"@type":"NewsArticle","headline":"LD headline"}</script><title>Tag | Site</title>', 'LD headline'],
    ['<title>Tag title | Site</title></head><body><h1>H1 headline</h1>', 'H1 headline'],
    ['<title>Ports face new rules | The Example Post</title>', 'Ports face new rules'],
    ['<title>Ports face new rules - Example Post</title>', 'Ports face new rules'],
    ['<meta property="og:site_name" content="Example Post"><title>Ports face new rules — Example Post</title>', 'Ports face new rules'],
    ['<title>Well-known plan - a long clause that is surely part of the headline itself</title>', 'Well-known plan - a long clause that is surely part of the headline itself'],
  ];
  for (const [head, want] of cases) {
    assert.equal(page(`<html><head>${head}</head><body>${BODY}</body></html>`).title, want, head);
  }
});

test('published: each metadata source gives YYYY-MM-DD', () => {
  const cases: [string, string][] = [
    ['<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-03-05T23:30:00-05:00"}</script>', '2019-03-05'],
    ['<meta property="article:published_time" content="2018-07-01T10:00:00Z">', '2018-07-01'],
    ['<meta name="date" content="2017-12-24">', '2017-12-24'],
    ['<meta name="pubdate" content="20160229">', '2016-02-29'],
    ['<meta name="publishdate" content="2015/06/30 08:00">', '2015-06-30'],
    ['<meta name="DC.date.issued" content="2014-01-02">', '2014-01-02'],
    ['<meta name="sailthru.date" content="Tue, 05 Mar 2013 10:00:00 GMT">', '2013-03-05'],
    ['<meta name="parsely-pub-date" content="2012-10-11T04:00:00Z">', '2012-10-11'],
    ['</head><body><time datetime="2011-05-10T12:00">10 May</time>', '2011-05-10'],
  ];
  for (const [head, want] of cases) {
    assert.equal(page(`<html><head>${head}</head><body>${BODY}</body></html>`).published, want, head);
  }
});

test('published: a dateline at the top of the body is the last resort; no date at all gives null', () => {
  const withDateline = '<html><body><div class="content"><p>LONDON, March 3, 2010 — The ministry said the new rules, which apply to all ports, will take effect next year.</p></div></body></html>';
  assert.equal(page(withDateline).published, '2010-03-03');
  assert.equal(page(`<html><body>${BODY}</body></html>`).published, null);
});

test('metadata dates: true and false positives', () => {
  const cases: [string, string | null][] = [
    ['2020-02-30', null],
    ['5 March 2019', '2019-03-05'],
    ['March 5th, 2019 10:00', '2019-03-05'],
    ['1553990400', null],
    ['yesterday', null],
    ['2019-13-01', null],
  ];
  for (const [s, want] of cases) assert.equal(parseMetaDate(s), want, s);
});

test('100,000-deep nesting finishes quickly and keeps the text', () => {
  const depth = 100_000;
  const html = '<html><body>' + '<div>'.repeat(depth) +
    '<p>Deep inside the page, the council said the bridge will reopen in spring, after repairs.</p>' +
    '</div>'.repeat(depth) + '</body></html>';
  const t0 = performance.now();
  const r = page(html);
  const ms = performance.now() - t0;
  assert.equal(r.text, 'Deep inside the page, the council said the bridge will reopen in spring, after repairs.');
  assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
});

test('broken markup, inline SVG and an empty page do not throw', () => {
  const broken = page('<html><body><div class="content"><p>Unclosed paragraph with <b>bold text, which the parser closes for us, and more words.<p>Second paragraph, also long enough to count as prose here.<svg><text>chart label</text></svg></div>');
  assert.equal(broken.text, 'Unclosed paragraph with bold text, which the parser closes for us, and more words.\n\nSecond paragraph, also long enough to count as prose here.');
  const empty = ingestHtml(new Uint8Array());
  assert.equal(empty.text, '');
  assert.equal(empty.title, null);
});

test('benchmark pages (article-extraction, MIT): F1 stays at or above 0.97', () => {
  const dir = new URL('benchmark/', FIXTURES);
  const truth = JSON.parse(readFileSync(new URL('ground-truth.json', dir), 'utf8')) as Record<string, { articleBody: string }>;
  const files = readdirSync(new URL('html/', dir)).filter((f) => f.endsWith('.html.gz'));
  assert.equal(files.length, 10);
  const scores = files.map((f) => {
    const id = f.replace(/\.html\.gz$/, '');
    const r = ingestHtml(new Uint8Array(gunzipSync(readFileSync(new URL(`html/${f}`, dir)))));
    assert.ok(!/\n{3,}/.test(r.text) && r.text === r.text.trim(), `${id}: blocks are separated by exactly one blank line`);
    return scoreDoc(truth[id]!.articleBody, r.text);
  });
  const m = aggregate(scores);
  assert.ok(m.f1 >= 0.97, `F1 ${m.f1.toFixed(3)} (P ${m.precision.toFixed(3)}, R ${m.recall.toFixed(3)})`);
});
