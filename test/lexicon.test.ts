import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLexicon, lexKey, loadLexicon, lookup } from '../src/extract/entities/lexicon.js';
import { extractEntities } from '../src/extract/entities/index.js';
import { splitSentences } from '../src/extract/sentences.js';

test('every shipped entry has a type, a name and a source or reason', () => {
  const lex = loadLexicon();
  assert.ok(lex.entries.length > 50);
  for (const e of lex.entries) {
    assert.ok(['organisation', 'person', 'product', 'place', 'programme'].includes(e.type), e.name);
    assert.ok(e.source || e.reason, `${e.name} has no source`);
  }
});

test('look-ups: case matters for short acronyms, not for long names; possessive and "the" ignored', () => {
  const lex = loadLexicon();
  const rows: [string, string | undefined][] = [
    ['CSC', 'Computer Sciences Corporation'],
    ['CSC’s', 'Computer Sciences Corporation'],
    ['the Department of Health', 'Department of Health'],
    ['department of health', 'Department of Health'],
    ['RiO', 'RiO'],
    ['Rio', undefined],
    ['us', undefined],
    ['US', 'United States'],
    ['Millennium', 'Cerner Millennium'],
  ];
  for (const [form, name] of rows) assert.equal(lookup(lex, form)?.name, name, form);
  assert.equal(lexKey('NHS'), 'cs:NHS');
  assert.equal(lookup(lex, 'Lorenzo')?.vendor, 'iSoft');
});

test('NEWSFACTS_LEXICONS adds a user folder; unsourced entries are refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lex-'));
  writeFileSync(join(dir, 'mine.json'), JSON.stringify({ entries: [
    { type: 'product', name: 'Zorblax EPR', aliases: ['Zorblax'], vendor: 'Zorb Ltd', source: 'test fixture' },
    { type: 'organisation', name: 'Unsourced Ltd', aliases: [] },
  ] }));
  const before = process.env.NEWSFACTS_LEXICONS;
  const origWrite = process.stderr.write.bind(process.stderr);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    process.env.NEWSFACTS_LEXICONS = dir;
    const lex = loadLexicon();
    assert.equal(lookup(lex, 'Zorblax')?.name, 'Zorblax EPR');
    assert.equal(lookup(lex, 'Unsourced Ltd'), undefined);
    const text = 'The trust bought Zorblax from its supplier.';
    const ents = extractEntities({ text, sentences: splitSentences(text), referenceDate: null, dayFirst: true, warnings: [] }, lex);
    const z = ents.find(e => e.name === 'Zorblax EPR');
    assert.equal(z?.type, 'product');
    assert.equal(z?.id, 'product/zorblax-epr');
  } finally {
    process.stderr.write = origWrite;
    if (before === undefined) delete process.env.NEWSFACTS_LEXICONS; else process.env.NEWSFACTS_LEXICONS = before;
  }
});

test('multi-word lexicon phrases with commas are matched in the text', () => {
  const lex = buildLexicon([{ type: 'place', name: 'North, Midlands and East of England', aliases: ['NME'], source: 't', file: 't' }]);
  const text = 'CSC’s deal for the North, Midlands and East of England was renegotiated.';
  const ents = extractEntities({ text, sentences: splitSentences(text), referenceDate: null, dayFirst: true, warnings: [] }, lex);
  const nme = ents.find(e => e.type === 'place');
  assert.equal(nme?.mentions[0]?.text, 'North, Midlands and East of England');
});
