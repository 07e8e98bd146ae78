import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractEntities } from '../src/extract/entities/index.js';
import { initialsMatch } from '../src/extract/entities/acronyms.js';
import { splitSentences } from '../src/extract/sentences.js';
import type { Entity, EntityType } from '../src/types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function run(text: string): Entity[] {
  return extractEntities({ text, sentences: splitSentences(text), referenceDate: null, dayFirst: true, warnings: [] });
}

function find(ents: Entity[], form: string): Entity | undefined {
  return ents.find(e => e.name === form || e.aliases.includes(form) || e.mentions.some(m => m.text === form));
}

// Each row: a sentence, a surface form, the type expected for it (and optionally its name).
const FOUND: [string, string, EntityType, string?][] = [
  ['MP Richard Bacon has written to Prime Minister David Cameron.', 'Richard Bacon', 'person'],
  ['MP Richard Bacon has written to Prime Minister David Cameron.', 'David Cameron', 'person'],
  ['It was backed by health secretary Andrew Lansley last week.', 'Andrew Lansley', 'person'],
  ['Dr Saroj Patel, the trust’s director of IM&T, told EHI it was arbitrary.', 'Saroj Patel', 'person'],
  ['Bacon argues that the situation will not be helped by CSC’s purchase of iSoft.', 'iSoft', 'organisation'],
  ['Bacon argues that the situation will not be helped by CSC’s purchase of iSoft.', 'CSC', 'organisation', 'Computer Sciences Corporation'],
  ['Trusts planned to stick with their existing iSoft, IDX or McKesson systems.', 'McKesson', 'organisation'],
  ['Trusts planned to stick with their existing iSoft, IDX or McKesson systems.', 'IDX', 'organisation'],
  ['The LSP will continue to offer CSE-Servelec’s RiO community system.', 'CSE-Servelec', 'organisation'],
  ['The LSP will continue to offer CSE-Servelec’s RiO community system.', 'RiO', 'product'],
  ['Johnson & Johnson said the recall was voluntary.', 'Johnson & Johnson', 'organisation'],
  ['The Care Quality Commission has heavily criticised the project.', 'Care Quality Commission', 'organisation'],
  ['An apartment building collapsed on Monday in Magnitogorsk, a city in Russia.', 'Magnitogorsk', 'place'],
  ['An apartment building collapsed on Monday in Magnitogorsk, a city in Russia.', 'Russia', 'place'],
  ['President Vladimir Putin flew to the city on Monday.', 'Vladimir Putin', 'person'],
  ['Health Minister Łukasz Szumowski said the city mourned.', 'Łukasz Szumowski', 'person'],
  ['The bill passed the House of Representatives on Thursday.', 'House of Representatives', 'organisation'],
  ['Fans of Manchester United gathered outside Old Trafford.', 'Manchester United', 'organisation'],
  ['The Federal Security Service (FSB) said gas was the likely cause.', 'FSB', 'organisation', 'Federal Security Service'],
  ['Deployment at the Royal National Orthopaedic Hospital NHS Trust was delayed.', 'Royal National Orthopaedic Hospital NHS Trust', 'organisation'],
  ['Sites in South Birmingham, Morecambe Bay and Bradford use it.', 'Bradford', 'place'],
  ['Syrian President Bashar al-Assad spoke on television.', 'Bashar al-Assad', 'person'],
  ['The Jakarta Post reported the ship missing.', 'Jakarta Post', 'organisation'],
  ['Transport for London (TfL) told passengers to wait.', 'TfL', 'organisation', 'Transport for London'],
  ['London Ambulance Service and London Fire Brigade were there.', 'London Fire Brigade', 'organisation'],
  ['London Ambulance Service and London Fire Brigade were there.', 'London Ambulance Service', 'organisation'],
  ['Representative Tulsi Gabbard of Hawaii won a delegate.', 'Tulsi Gabbard', 'person'],
  ['Representative Tulsi Gabbard of Hawaii won a delegate.', 'Hawaii', 'place'],
  ['The National Search and Rescue Agency sent ships.', 'National Search and Rescue Agency', 'organisation'],
  ['Department of Health officials said nothing.', 'Department of Health', 'organisation'],
  ['Former president George W. Bush spoke.', 'George W. Bush', 'person'],
  ['Author J. K. Rowling wrote it.', 'J. K. Rowling', 'person'],
  ['Martin Luther King Jr. was there.', 'Martin Luther King', 'person'],
  ['Dr. Tomasz Stefaniak was met with applause.', 'Tomasz Stefaniak', 'person'],
  ['United States House of Representatives Speaker Nancy Pelosi confirmed a vote.', 'Nancy Pelosi', 'person'],
  ['She filled Hillary Clinton\'s Senate seat.', 'Hillary Clinton', 'person'],
  ['She filled Hillary Clinton\'s Senate seat.', 'Senate', 'organisation'],
  ['A man was stabbed in Reading, Berkshire, UK on Saturday.', 'Reading', 'place'],
];

test('finds and types names in ordinary prose', () => {
  for (const [text, form, type, name] of FOUND) {
    const e = find(run(text), form);
    assert.ok(e, `${form} not found in: ${text}`);
    assert.equal(e.type, type, `${form} in: ${text}`);
    if (name) assert.equal(e.name, name, `${form} in: ${text}`);
  }
});

// Each row: a sentence and a capitalised form that must not become an entity.
const NOT_FOUND: [string, string][] = [
  ['However, he argues in his letter that the approach is wrong.', 'However'],
  ['Officially termed a reset, the talks ran for a year.', 'Officially'],
  ['Extra money appears to have been found.', 'Extra'],
  ['Rescuers worked through the night on Monday.', 'Rescuers'],
  ['Rescuers worked through the night on Monday.', 'Monday'],
  ['Residents of Gdańsk donated blood.', 'Residents of Gdańsk'],
  ['Clinton resigned to become the United States Secretary of State.', 'United States Secretary of State'],
  ['The plan was agreed in March and signed last May.', 'May'],
  ['The plan was agreed in March and signed last May.', 'March'],
  ['A health secretary said nothing.', 'Health Secretary'],
  ['New GP systems were planned but the IT budget fell.', 'GP'],
  ['American based software provider CSC was due to sign.', 'American'],
  ['In a statement, the Roman Catholic church said it would help.', 'Roman Catholic'],
  ['NGOs said the Second World War memorial was damaged.', 'Second World War'],
  ['NGOs said the Second World War memorial was damaged.', 'NGOs'],
];

test('does not take ordinary capitalised words for names', () => {
  for (const [text, form] of NOT_FOUND) {
    const e = find(run(text), form);
    assert.equal(e, undefined, `${form} wrongly found in: ${text}`);
  }
});

test('titles and possessives stay out of names and mentions', () => {
  const text = 'Bacon’s letter hints that CSC’s Lorenzo is late. Dr Saroj Patel agreed.';
  const ents = run(text);
  const lorenzo = find(ents, 'Lorenzo')!;
  assert.equal(lorenzo.type, 'product');
  assert.deepEqual(lorenzo.mentions.map(m => m.text), ['Lorenzo']);
  const csc = find(ents, 'CSC')!;
  assert.deepEqual(csc.mentions.map(m => m.text), ['CSC']);
  assert.equal(find(ents, 'Saroj Patel')!.mentions[0]!.text, 'Saroj Patel');
  for (const e of ents) for (const m of e.mentions) assert.equal(text.slice(m.start, m.end), m.text);
});

test('a quotation opening before a name is not closed by its possessive apostrophe', () => {
  const text = 'A spokesman said: “The Department of Health’s Atos contract remains on track.”';
  const doh = find(run(text), 'Department of Health')!;
  assert.equal(doh.type, 'organisation');
  assert.deepEqual(doh.mentions.map(m => m.text), ['Department of Health']);
  assert.ok(find(run(text), 'Atos'));
});

test('merges acronym definitions, initials, surnames and titled short forms within an article', () => {
  const text = [
    'Computer Sciences Corporation (CSC) signed the deal. The Care Quality Commission objected.',
    'Later the CQC said CSC was late. MP Richard Bacon wrote to David Cameron.',
    'Bacon says Cameron must act. CSC’s president of healthcare Guy Hains was asked; Mr Hain declined.',
    'The Health Research Authority and the HRA are one body.',
  ].join('\n\n');
  const ents = run(text);
  const csc = find(ents, 'CSC')!;
  assert.equal(csc.name, 'Computer Sciences Corporation');
  assert.equal(csc.id, 'organisation/computer-sciences-corporation');
  assert.ok(csc.aliases.includes('CSC'));
  assert.equal(find(ents, 'CQC'), find(ents, 'Care Quality Commission'));
  assert.equal(find(ents, 'Bacon'), find(ents, 'Richard Bacon'));
  assert.equal(find(ents, 'Bacon')!.type, 'person');
  assert.equal(find(ents, 'Cameron'), find(ents, 'David Cameron'));
  assert.equal(find(ents, 'Hain'), find(ents, 'Guy Hains'));
  assert.equal(find(ents, 'HRA'), find(ents, 'Health Research Authority'));
  // One entity per thing: no two entities share an id.
  assert.equal(new Set(ents.map(e => e.id)).size, ents.length);
});

test('an acronym matching two names in the article stays apart from both', () => {
  const ents = run('The Public Accounts Committee met. The Pension Advisory Council agreed. PAC members left.');
  const pac = ents.find(e => e.mentions.some(m => m.text === 'PAC'))!;
  // "PAC" is in the lexicon as the Public Accounts Committee, so it joins that one only.
  assert.equal(pac.name, 'Public Accounts Committee');
  assert.notEqual(find(ents, 'Pension Advisory Council')!.id, pac.id);
  const ents2 = run('The Global Health Fund met. The Green Hill Foundation agreed. GHF members left.');
  const ghf = find(ents2, 'GHF')!;
  assert.equal(ghf.aliases.length, 0);
  assert.equal(ghf.name, 'GHF');
});

test('initials: connectors optional, inner acronyms whole, generic tails skipped', () => {
  const yes: [string, string][] = [
    ['CfH', 'NHS Connecting for Health'], ['NPfIT', 'National Programme for IT'], ['DH', 'Department of Health'],
    ['DHSC', 'Department of Health and Social Care'], ['EHI', 'E-Health Insider'], ['EHI', 'eHealth Insider'],
    ['RNOH', 'Royal National Orthopaedic Hospital NHS Trust'], ['FSP', 'Future Services Programme'],
  ];
  for (const [a, n] of yes) assert.ok(initialsMatch(a, n.split(' ')), `${a} ~ ${n}`);
  const no: [string, string][] = [['CSC', 'Cabinet Office'], ['BT', 'British Airways Holdings Trust'], ['NAO', 'National Health Service']];
  for (const [a, n] of no) assert.ok(!initialsMatch(a, n.split(' ')), `${a} !~ ${n}`);
});

test('entities come in order of first mention with exact offsets', () => {
  const text = 'Fujitsu left. Then Accenture left, and Fujitsu sued the Department of Health.';
  const ents = run(text);
  assert.deepEqual(ents.map(e => e.name), ['Fujitsu', 'Accenture', 'Department of Health']);
  assert.deepEqual(ents[0]!.mentions.map(m => m.start), [0, text.lastIndexOf('Fujitsu')]);
});

test('dev seed articles: every gold person and organisation is found with its type', () => {
  const seeds = join(root, 'fixtures', 'seeds');
  const gold = join(root, 'fixtures', 'gold-dev');
  const norm = (s: string) => s.normalize('NFKC').replace(/[’‘`]/g, "'").replace(/'s$/i, '').replace(/^the\s+/i, '')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ').trim().toLowerCase();
  let found = 0, total = 0;
  for (const f of readdirSync(seeds).filter(f => f.endsWith('.txt'))) {
    const text = readFileSync(join(seeds, f), 'utf8');
    const ents = run(text);
    for (const e of ents) for (const m of e.mentions) assert.equal(text.slice(m.start, m.end), m.text);
    const g = JSON.parse(readFileSync(join(gold, f.replace(/\.txt$/, '.json')), 'utf8')) as { entities: { type: string; name: string; aliases: string[] }[] };
    for (const ge of g.entities.filter(x => x.type === 'person' || x.type === 'organisation')) {
      total++;
      const forms = new Set([ge.name, ...ge.aliases].map(norm));
      if (ents.some(e => e.type === ge.type && [e.name, ...e.aliases, ...e.mentions.map(m => m.text)].some(x => forms.has(norm(x))))) found++;
    }
  }
  assert.ok(found / total >= 0.9, `recall ${found}/${total}`);
});

// General-news rules: gazetteer places, "Gulf of X" heads, Arabic "bin" names, misspelt repeats,
// a name plus its trade word and suffix, a place plus its geographic head.
const GENERAL: [string, string, EntityType, string?][] = [
  ['Flooding was reported along the Gulf of Mexico on Friday.', 'Gulf of Mexico', 'place'],
  ['Ships crossed the Bay of Bengal overnight.', 'Bay of Bengal', 'place'],
  ['Voters in the Isle of Man went to the polls.', 'Isle of Man', 'place'],
  ['The rebels seized Raqqa in 2014.', 'Raqqa', 'place'],
  ['She lives in self-imposed exile in Virginia.', 'Virginia', 'place'],
  ['Relatives attended the ceremony on Majorca.', 'Majorca', 'place'],
  ['The general manager, Dr Ali bin Tamim, blamed the rebels.', 'Ali bin Tamim', 'person'],
  ['Crown Prince Mohammad bin Salman accepted responsibility.', 'Mohammad bin Salman', 'person'],
  ['The governor of Louisiana spoke. A state of emergency was declared in Lousiana on Thursday.', 'Lousiana', 'place', 'Louisiana'],
  ['Ford Motor Company announced an inquiry. Ford said it was cooperating.', 'Ford', 'organisation', 'Ford Motor Company'],
  ['They drowned in the Mediterranean Sea in 2015. Many more drown in the Mediterranean daily.', 'Mediterranean', 'place'],
  ['The story was first reported by Al Jazeera on Tuesday.', 'Al Jazeera', 'organisation'],
];

test('general news: places from the gazetteer and head words, Arabic names, misspellings and short forms', () => {
  for (const [text, form, type, name] of GENERAL) {
    const ents = run(text);
    const e = find(ents, form);
    assert.ok(e, `${form} not found in: ${text}`);
    assert.equal(e.type, type, `${form} in: ${text}`);
    if (name) assert.equal(e.name, name, `${form} in: ${text}`);
  }
  // "Mediterranean" and "Mediterranean Sea" are one place.
  const med = run(GENERAL[10]![0]).filter(e => e.type === 'place');
  assert.equal(med.length, 1);
});

// Rows that must stay apart: two entities, each found by its own form.
const APART: [string, string, string][] = [
  ['Talks between Iran and Iraq resumed.', 'Iran', 'Iraq'],
  ['Teams from Austria and Australia met.', 'Austria', 'Australia'],
  ['Thomas Jefferson was born far from Jefferson Parish.', 'Thomas Jefferson', 'Jefferson Parish'],
  ['The Bank of England raised rates.', 'Bank of England', 'England'],
];

test('general news: similar or nested names that are different things stay apart', () => {
  for (const [text, a, b] of APART) {
    const ents = run(text);
    const ea = find(ents, a), eb = find(ents, b);
    assert.ok(ea, `${a} not found in: ${text}`);
    if (eb) assert.notEqual(ea, eb, `${a} and ${b} merged in: ${text}`);
  }
  assert.equal(find(run('The Bank of England raised rates.'), 'Bank of England')?.type, 'organisation');
});

test('isTypoOf: one edit apart and long enough, never two short or differently-begun names', async () => {
  const { isTypoOf } = await import('../src/extract/entities/merge.js');
  const rows: [string, string, boolean][] = [
    ['louisiana', 'lousiana', true], ['magnitogorsk', 'magnitigorsk', true], ['pennsylvania', 'pennsylvnaia', true],
    ['iran', 'iraq', false], ['austria', 'australia', false], ['slovenia', 'slovakia', false],
    ['gillibrand', 'gillibrand', false], ['hamilton', 'camilton', false],
  ];
  for (const [x, y, want] of rows) assert.equal(isTypoOf(x, y), want, `${x} ~ ${y}`);
});

test('a capitalised "The" inside a sentence keeps a one-word title; at a sentence start it does not', () => {
  const rows: [string, string, boolean][] = [
    ['Ford told The Verge it was cooperating.', 'Verge', true],
    ['The story was first told by The Atlantic in May.', 'Atlantic', true],
    ['The Rescuers worked all night.', 'Rescuers', false],
    ['Officials told the verge of collapse was near.', 'Verge', false],
  ];
  for (const [text, form, want] of rows) assert.equal(!!find(run(text), form), want, `${form} in: ${text}`);
});

test('honours ("Order of ...", "Medal of ...") are not entities; bodies named "... of ..." still are', () => {
  assert.equal(find(run('He was awarded the Most Brilliant Order of the Sun in 2014.'), 'Brilliant Order of the Sun'), undefined);
  assert.equal(find(run('She received the Medal of Honor from the president.'), 'Medal of Honor'), undefined);
  assert.equal(find(run('The Bank of Japan held rates.'), 'Bank of Japan')?.type, 'organisation');
});

// Classes of capitalised words that name none of the types (a storm, a named day, a time zone, a ship,
// a term named after someone), beside look-alikes that must still be found with their type.
const NOT_NAMES_GENERAL: [string, string][] = [
  ['Hurricane Humberto strengthened on Wednesday. Humberto is expected to pass Bermuda.', 'Humberto'],
  ['The agency warned that tropical storm Barry could bring floods. Barry made landfall on Saturday.', 'Barry'],
  ['Hundreds marched on International Women\'s Day Celebration events in Delhi.', 'International Women'],
  ['Hundreds marched on International Women\'s Day Celebration events in Delhi.', 'Day Celebration'],
  ['Veterans\' Day parades were held in Ohio.', 'Veterans'],
  ['The quake struck at 10:42 IST near the coast.', 'IST'],
  ['The storm was 200 miles south at 11 a.m. AST on Tuesday.', 'AST'],
  ['Humberto is a Category 3 storm on the Saffir–Simpson scale.', 'Saffir'],
  ['Humberto is a Category 3 storm on the Saffir–Simpson scale.', 'Simpson'],
  ['He was diagnosed with Parkinson\'s disease in 2010.', 'Parkinson'],
  ['The charity renamed its ship, MV Professor Albrecht Penck, last week.', 'Albrecht Penck'],
  ['The charity renamed its ship, MV Professor Albrecht Penck, last week.', 'MV'],
  ['Exoplanets are common around small stars.', 'Exoplanets'],
  ['Seismologists have recorded the tremors since May.', 'Seismologists'],
  ['The sacred ibis, Threskiornis aethiopicus, was mummified.', 'Threskiornis'],
  ['Corals such as Pocillopora damicornis bleached first.', 'Pocillopora'],
];
const STILL_FOUND: [string, string, EntityType][] = [
  ['Former president Barry Goldwater spoke in Phoenix.', 'Barry Goldwater', 'person'],
  ['Hurricane Humberto passed Bermuda. Humberto Costa, a senator, spoke in Brasília.', 'Humberto Costa', 'person'],
  ['Officials of the Simpson Group said the scale of the damage was large.', 'Simpson Group', 'organisation'],
  ['The photographer Alan Kurdi was born in Syria; the ship MV Alan Kurdi sailed.', 'Alan Kurdi', 'person'],
  ['Zapata told French news channel BFM TV on Sunday.', 'BFM TV', 'organisation'],
  ['The Committee to Protect Journalists reports that 35 were killed.', 'Committee to Protect Journalists', 'organisation'],
  ['The letter was sent by the Committee to Washington in May.', 'Washington', 'place'],
  ['The ruling of Austria\'s Oberster Gerichtshof was referred to the court.', 'Oberster Gerichtshof', 'organisation'],
  ['Most of the USS Ronald Reagan crew met President Ronald Reagan in 1988.', 'Ronald Reagan', 'person'],
  ['Rudaw reports that the strike killed four.', 'Rudaw', 'organisation'],
  ['The Democrats are expected to win the seat.', 'Democrats', 'organisation'],
  ['Officials said Wooster residents were evacuated.', 'Wooster', 'organisation'],
  ['The plane left Henderson Executive Airport and turned back to land at Henderson.', 'Henderson', 'place'],
  ['John Henderson left Henderson Executive Airport at noon. Henderson said he was safe.', 'Henderson', 'person'],
];

test('storms, named days, time zones, ships and eponymous terms are not entities; look-alikes still are', () => {
  for (const [text, form] of NOT_NAMES_GENERAL) {
    const e = find(run(text), form);
    assert.equal(e, undefined, `${form} wrongly found in: ${text} (as ${e?.type})`);
  }
  for (const [text, form, type] of STILL_FOUND) {
    const e = find(run(text), form);
    assert.ok(e, `${form} not found in: ${text}`);
    assert.equal(e.type, type, `${form} in: ${text}`);
  }
});
