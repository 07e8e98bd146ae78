import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalise, entityId, slug } from '../src/normalise/canonical.js';
import { buildLexicon } from '../src/extract/entities/lexicon.js';
import type { Entity, EntityType } from '../src/types.js';

const ent = (type: EntityType, name: string, aliases: string[] = []): Entity =>
  ({ id: entityId(type, name), type, name, aliases, mentions: [] });

test('slug and entityId', () => {
  const rows: [string, string][] = [
    ['Computer Sciences Corporation', 'computer-sciences-corporation'],
    ['Łukasz Szumowski', 'lukasz-szumowski'],
    ['Gdańsk', 'gdansk'],
    ['St George’s', 'st-georges'],
    ['Johnson & Johnson', 'johnson-and-johnson'],
    ['CSE-Servelec', 'cse-servelec'],
    ['  NHS  England ', 'nhs-england'],
  ];
  for (const [name, s] of rows) assert.equal(slug(name), s, name);
  assert.equal(entityId('organisation', 'NHS Connecting for Health'), 'organisation/nhs-connecting-for-health');
});

// A small lexicon so the test does not depend on the shipped data.
const lex = buildLexicon([
  { type: 'organisation', name: 'Computer Sciences Corporation', aliases: ['CSC'], source: 'test', file: 't' },
  { type: 'organisation', name: 'BT', aliases: ['BT Group'], source: 'test', file: 't' },
]);

test('an acronym defined once in the corpus joins its definition', () => {
  const empty = buildLexicon([]);
  const a = { articleId: 'a', entities: [ent('organisation', 'Health Research Authority', ['HRA'])] };
  const b = { articleId: 'b', entities: [ent('organisation', 'HRA')] };
  const m = canonicalise([a, b], empty);
  assert.deepEqual(m.get('organisation/hra'), { id: 'organisation/health-research-authority', name: 'Health Research Authority' });
  assert.deepEqual(m.get('organisation/health-research-authority'), { id: 'organisation/health-research-authority', name: 'Health Research Authority' });
});

test('"CSC" and "Computer Sciences Corporation (CSC)" in two articles are one organisation', () => {
  const a = { articleId: 'a', entities: [ent('organisation', 'CSC')] };
  const b = { articleId: 'b', entities: [ent('organisation', 'Computer Sciences Corporation', ['CSC'])] };
  for (const l of [lex, buildLexicon([])]) {
    const m = canonicalise([a, b], l);
    assert.equal(m.get('organisation/csc')!.id, 'organisation/computer-sciences-corporation');
    assert.equal(m.get('organisation/csc')!.name, 'Computer Sciences Corporation');
  }
});

test('a lexicon alias merges across articles', () => {
  const m = canonicalise([
    { articleId: 'a', entities: [ent('organisation', 'BT Group')] },
    { articleId: 'b', entities: [ent('organisation', 'BT')] },
  ], lex);
  assert.equal(m.get('organisation/bt-group')!.id, 'organisation/bt');
  assert.equal(m.get('organisation/bt')!.id, 'organisation/bt');
});

test('an acronym two articles define differently maps to neither', () => {
  const empty = buildLexicon([]);
  const arts = [
    { articleId: 'a', entities: [ent('organisation', 'Public Accounts Committee', ['PAC'])] },
    { articleId: 'b', entities: [ent('organisation', 'Pension Advisory Council', ['PAC'])] },
    { articleId: 'c', entities: [ent('organisation', 'PAC')] },
  ];
  const m = canonicalise(arts, empty);
  assert.equal(m.get('organisation/pac')!.id, 'organisation/pac');
  assert.equal(m.get('organisation/public-accounts-committee')!.id, 'organisation/public-accounts-committee');
  assert.equal(m.get('organisation/pension-advisory-council')!.id, 'organisation/pension-advisory-council');
});

test('people are never merged by a bare surname or acronym', () => {
  const empty = buildLexicon([]);
  const m = canonicalise([
    { articleId: 'a', entities: [ent('person', 'Richard Bacon', ['Bacon'])] },
    { articleId: 'b', entities: [ent('person', 'Bacon')] },
  ], empty);
  assert.equal(m.get('person/bacon')!.id, 'person/bacon');
});

test('order-independent and deterministic', () => {
  const arts = [
    { articleId: 'a', entities: [ent('organisation', 'CSC'), ent('organisation', 'Care Quality Commission', ['CQC'])] },
    { articleId: 'b', entities: [ent('organisation', 'Computer Sciences Corporation', ['CSC']), ent('organisation', 'CQC')] },
    { articleId: 'c', entities: [ent('organisation', 'Public Accounts Committee', ['PAC']), ent('organisation', 'PAC')] },
    { articleId: 'd', entities: [ent('organisation', 'Pension Advisory Council', ['PAC'])] },
  ];
  const key = (m: Map<string, { id: string; name: string }>) => JSON.stringify([...m].sort());
  const ref = key(canonicalise(arts, lex));
  const perms = [[3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]];
  for (const p of perms) assert.equal(key(canonicalise(p.map(i => arts[i]!), lex)), ref);
});

test('10,000 articles of 30 entities: every acronym joins the name it was defined with, across the corpus', () => {
  // 5,000 distinct organisations "Alpha Bravo Charlie Group (ABCG)"; each article names some in full (with
  // the acronym) and some by the acronym alone. How fast this is belongs to the bench, not to a test.
  const W = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliet', 'Kilo', 'Lima',
    'Mike', 'November', 'Oscar', 'Papa', 'Quebec', 'Romeo', 'Sierra', 'Tango', 'Uniform', 'Victor', 'Whiskey', 'Xray'];
  const org = (k: number) => {
    const words = [W[k % 24]!, W[Math.floor(k / 24) % 24]!, W[Math.floor(k / 576) % 24]!];
    return { name: `${words.join(' ')} Group`, acronym: `${words.map((w) => w[0]).join('')}G` };
  };
  const arts = [];
  for (let i = 0; i < 10_000; i++) {
    const entities: Entity[] = [];
    for (let j = 0; j < 30; j++) {
      const k = (i * 31 + j * 7) % 5000;
      const o = org(k);
      entities.push(j % 3 === 0 ? ent('organisation', o.name, [o.acronym]) : j % 3 === 1 ? ent('person', `Person ${k} Smith`) : ent('organisation', o.acronym));
    }
    arts.push({ articleId: String(i), entities });
  }
  const m = canonicalise(arts, lex);
  let joined = 0;
  for (let k = 0; k < 5000; k++) {
    const o = org(k);
    const full = m.get(entityId('organisation', o.name));
    const bare = m.get(entityId('organisation', o.acronym));
    if (!full || !bare) continue;
    assert.equal(bare.id, full.id, o.acronym);
    assert.equal(bare.name, o.name);
    joined++;
  }
  assert.ok(joined > 4000, `${joined} acronyms joined`);
});
