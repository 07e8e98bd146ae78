import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFacts } from '../src/extract/facts.js';
import { clauseAround, moneyRole } from '../src/extract/facts/role.js';
import { scoreFacts, type GoldFacts } from '../src/eval/facts-score.js';
import { canonicalise } from '../src/normalise/canonical.js';
import { processArticle } from '../src/pipeline.js';
import { renderDoc } from '../src/store/render.js';
import type { Entity, ExtractContext, FactsDoc, MoneyFact, MoneyMention } from '../src/types.js';
import { splitSentences } from '../src/extract/sentences.js';
import { FIXTURES } from './helpers.js';

/** The role of the amount written between [[ ]] in a one-sentence text. */
function roleOf(marked: string): string {
  const start = marked.indexOf('[[');
  const end = marked.indexOf(']]') - 2;
  const text = marked.replace('[[', '').replace(']]', '');
  const sentence = { start: 0, end: text.length };
  return moneyRole(text, clauseAround(text, sentence, start, end), start, end).role;
}

const ROLES: [string, string][] = [
  ['The company won a deal worth [[$2bn]] to build the line.', 'contract_value'],
  ['The [[£40m]] outsourcing contract runs for five years.', 'contract_value'],
  ['The agreement, valued at [[€300m]], was signed on Monday.', 'contract_value'],
  ['Officials hope the scheme will save taxpayers [[£20m]] a year.', 'saving'],
  ['The council expects [[$5m]] in savings from the merger.', 'saving'],
  ['The ministry cut [[£1.2bn]] from the schools programme.', 'cut'],
  ['It announced a [[$336m]] write-down on its European assets.', 'write_down'],
  ['The bank wrote off [[€90m]] of bad loans.', 'write_down'],
  ['The agency has an annual budget of [[$12m]].', 'budget'],
  ['The move will free up [[£12m]] for a new IT programme.', 'budget'],
  ['The bridge cost [[$3bn]] to build.', 'cost'],
  ['The storm did about [[$90 billion]] in property damage.', 'cost'],
  ['The firm was fined [[£4m]] by the regulator.', 'fine'],
  ['The fine for breaking the law was set at [[US$500]].', 'fine'],
  ['They must pay [[€20,000]] in compensation.', 'fine'],
  ['The charity received [[$1m]] in funding from the state.', 'funding'],
  ['China has invested about [[$9bn]] in diagnostics.', 'funding'],
  ['Quarterly revenue rose to [[$4.5bn]].', 'revenue'],
  ['The shares were sold for [[$45]] a share.', 'price'],
  ['Crude palm oil traded at [[US$473.60]] per metric ton.', 'price'],
  ['Acme was awarded a [[$50m]] contract to build roads.', 'contract_value'],
  ['Acme agreed to buy Initech for [[$2bn]].', 'price'],
  ['The startup raised [[$30m]] in a Series B round.', 'funding'],
  ['Acme posted a net profit of [[$1bn]].', 'revenue'],
  ['The city will spend [[$500m]] on new buses.', 'cost'],
  ['The government has allocated [[£20m]] to the scheme.', 'budget'],
  ['The council cut its budget by [[£5m]].', 'cut'],
  ['Acme agreed to pay [[$100m]] to settle the lawsuit.', 'fine'],
  ['Acme wrote down the value of its stake by [[$2bn]].', 'write_down'],
  ['Shares fell to [[$12]].', 'price'],
  ['The cost of the test kit was [[75 cents]].', 'cost'],
];

test('money role: cue words near the amount name its role', () => {
  for (const [sentence, role] of ROLES) assert.equal(roleOf(sentence), role, sentence);
});

// False positives: cue words that are about something else, or too far away, must not decide the role.
const NOT: [string, string][] = [
  ['A deal designed to save the NHS more than [[£1bn]] on its contract has stalled.', 'saving'], // "on its contract" does not make it a contract value
  ['The new deal cuts [[£112m]] – or about 10% of the value of the original contract.', 'cut'], // cue across a dash is ignored
  ['The winning team received [[C$10,000]] and a trip.', 'other'],
  ['He posted [[US$2 million]] bond on Friday.', 'other'],
  ['The company lost [[$2bn]] last year.', 'other'],
  ['They offered a [[$1m]] reward for information.', 'other'], // "offered" is not a price when it is a reward
];

test('money role: false positives (cues about something else) do not decide', () => {
  for (const [sentence, role] of NOT) assert.equal(roleOf(sentence), role, sentence);
});

/** A one-article context with hand-placed organisation mentions (so the test does not depend on entity extraction). */
function factsFor(text: string, orgs: string[], amounts: [string, number][]): { facts: MoneyFact[]; ids: (id: string) => string } {
  const entities: Entity[] = orgs.map((name) => {
    const mentions = [];
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) mentions.push({ start: at, end: at + name.length, text: name });
    return { id: `organisation/${name.toLowerCase().replace(/\W+/g, '-')}`, type: 'organisation', name, aliases: [], mentions };
  });
  const money: MoneyMention[] = amounts.map(([t, amount]) => {
    const start = text.indexOf(t);
    return { text: t, start, end: start + t.length, amount, currency: 'GBP', approximate: false };
  });
  const ctx: ExtractContext = { text, sentences: splitSentences(text), referenceDate: null, dayFirst: true, warnings: [] };
  const facts = extractFacts(ctx, { entities, money, dates: [], percents: [] }).filter((f): f is MoneyFact => f.kind === 'money');
  return { facts, ids: (id) => entities.find((e) => e.id === id)!.name };
}

test('parties: the organisation of the clause, not the one that reports it', () => {
  const { facts, ids } = factsFor('Reuters reported that Acme will cut £50m from its budget.', ['Reuters', 'Acme'], [['£50m', 50e6]]);
  assert.deepEqual(facts[0]!.organisations.map(ids), ['Acme']);
});

test('parties: "the company" and "the deal" point back to the previous sentence', () => {
  const a = factsFor('Globex signed a contract with Initech on Monday. The deal is worth £30m.', ['Globex', 'Initech'], [['£30m', 30e6]]);
  assert.equal(a.facts[0]!.role, 'contract_value');
  assert.deepEqual(a.facts[0]!.organisations.map(a.ids), ['Globex', 'Initech']);
  const b = factsFor('Globex opened a plant in Ohio. The company said it spent £8m on it.', ['Globex'], [['£8m', 8e6]]);
  assert.deepEqual(b.facts[0]!.organisations.map(b.ids), ['Globex']);
});

test('parties: a company described by its trade is the one named with that noun nearby', () => {
  const { facts, ids } = factsFor('The plan would save the council £2m on its deal with its largest supplier. Talks with catering supplier Brightfood stalled.', ['Brightfood'], [['£2m', 2e6]]);
  assert.equal(facts[0]!.role, 'saving');
  assert.deepEqual(facts[0]!.organisations.map(ids), ['Brightfood']);
});

test('a cue word inside an organisation name is not a cue ("Internal Revenue Service")', () => {
  const { facts, ids } = factsFor('He owed the Internal Revenue Service $5m.', ['Internal Revenue Service'], [['$5m', 5e6]]);
  assert.equal(facts[0]!.role, 'other');
  assert.deepEqual(facts[0]!.organisations.map(ids), ['Internal Revenue Service']);
});

test('a conversion in brackets is the same sum: same role', () => {
  const { facts } = factsFor('They are to pay £20,000 (£17,500; £22,900) in compensation.', [], [['£20,000', 2e4], ['£17,500', 17500], ['£22,900', 22900]]);
  assert.deepEqual(facts.map((f) => f.role), ['fine', 'fine', 'fine']);
});

/** The seed articles through the real pipeline, with corpus-wide ids as the user sees them. */
function seedDocs(): Map<string, FactsDoc> {
  const dir = join(FIXTURES, 'seeds');
  const raw = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => processArticle({ bytes: readFileSync(join(dir, f)), relPath: f, source: f }).doc);
  const map = canonicalise(raw.map((d) => ({ articleId: d.article.id, entities: d.entities })));
  return new Map(raw.map((d) => [d.article.id, renderDoc(d, map)]));
}

test('seed links of issue 8: every one with the right role and organisation', () => {
  const dir = join(FIXTURES, 'gold-facts');
  const golds = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldFacts);
  assert.equal(golds.reduce((n, g) => n + g.facts.length, 0), 7);
  const report = scoreFacts(golds, seedDocs());
  const wrong = Object.values(report.details).flatMap((d) => d.wrong);
  assert.deepEqual(wrong, []);
  assert.equal(report.links.right, 7);
});

test('seed facts: one money fact per amount, one event per date, evidence is the sentence holding it', () => {
  for (const doc of seedDocs().values()) {
    const money = doc.facts.filter((f) => f.kind === 'money');
    const events = doc.facts.filter((f) => f.kind === 'event');
    assert.deepEqual(money.map((f) => f.money), doc.money.map((_, i) => i));
    assert.deepEqual(events.map((f) => f.date), doc.dates.map((_, i) => i));
    for (const f of doc.facts) {
      const at = f.kind === 'money' ? doc.money[f.money]! : doc.dates[f.date]!;
      assert.ok(f.evidence.start <= at.start && at.end <= f.evidence.end, `${doc.article.id}: evidence holds ${at.text}`);
      const ids = new Set(doc.entities.map((e) => e.id));
      for (const id of [...f.organisations, ...f.products]) assert.ok(ids.has(id), `${id} is an entity of ${doc.article.id}`);
    }
  }
  const d = seedDocs().get('002_27b321e9dc35b123')!;
  const june = d.dates.findIndex((x) => x.text === '1 June');
  const ev = d.facts.find((f) => f.kind === 'event' && f.date === june)!;
  assert.match(d.article.text.slice(ev.evidence.start, ev.evidence.end), /the deadline had been extended until 1 June/);
  assert.ok(ev.organisations.includes('organisation/computer-sciences-corporation'));
});
