#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { reasonOf } from '../errors.js';
import { FactStore } from '../store/fact-store.js';
import { renderDoc, toJson } from '../store/render.js';
import { entityReport } from '../views/entity-report.js';
import type { EntityType } from '../types.js';
import { isMain, type Io } from './io.js';

const HELP = `usage: npm run facts -- <id> [--store FILE]
       npm run facts -- --org NAME | --product NAME | --person NAME [--store FILE]

Prints one article's facts/v1 JSON from the fact store on stdout (the id is the article's path in the
corpus without its extension, e.g. 2011/csc-deal), or, with --org/--product/--person, every fact about
one entity across the corpus (NAME: its name, an alias such as "CSC", its id, or whole words of its
name such as "Computer Sciences"): its summary from the views (an organisation's money by role with
totals per currency, products, people, first and last dates; a product's vendor and organisations; a
person's titles and organisations), where it is mentioned, and every fact with its evidence sentence.

options
  --store FILE      fact store (default data/facts.sqlite)
  --org NAME        an organisation
  --product NAME    a product
  --person NAME     a person
  -h, --help        this help

exit status: 0 printed; 1 unknown id or entity (message on stderr); 2 bad usage.
`;

/** Article ids are corpus paths: relative, '/'-separated, no '..' or empty segments, no control characters. */
export function validArticleId(id: string): boolean {
  if (!id || id.length > 1024 || /[\u0000-\u001f\\]/.test(id) || id.startsWith('/')) return false;
  return id.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

export async function run(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        store: { type: 'string', default: join('data', 'facts.sqlite') },
        org: { type: 'string' },
        product: { type: 'string' },
        person: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    io.stderr.write(`facts: ${reasonOf(err)}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const lookups = (['org', 'product', 'person'] as const).filter((k) => values[k] !== undefined);
  if (lookups.length + positionals.length !== 1) {
    io.stderr.write(`facts: give exactly one article id, or one of --org, --product, --person\n\n${HELP}`);
    return 2;
  }
  const storeFile = values.store!;
  if (!existsSync(storeFile)) {
    io.stderr.write(`facts: no fact store at ${storeFile}; run \`npm run extract\` first, or pass --store\n`);
    return 1;
  }
  let store: FactStore;
  try {
    store = FactStore.open(storeFile, { readonly: true });
  } catch (err) {
    io.stderr.write(`facts: cannot open the fact store ${storeFile}: ${reasonOf(err)}\n`);
    return 1;
  }
  try {
    if (lookups.length) {
      const key = lookups[0]!;
      const type: EntityType = key === 'org' ? 'organisation' : key;
      const report = entityReport(store, type, values[key]!);
      if (!report) {
        io.stderr.write(`facts: no ${type} named "${values[key]}" in ${storeFile}\n`);
        return 1;
      }
      io.stdout.write(toJson(report));
      return 0;
    }
    const id = positionals[0]!;
    if (!validArticleId(id)) {
      io.stderr.write(`facts: "${id}" is not an article id (ids are paths inside the corpus, without "..", e.g. 2011/csc-deal)\n`);
      return 1;
    }
    const raw = store.rawDoc(id);
    if (!raw) {
      io.stderr.write(`facts: no article "${id}" in ${storeFile}; ids are corpus paths without the extension (see ${join('out', 'articles')}/)\n`);
      return 1;
    }
    io.stdout.write(toJson(renderDoc(raw, store.canonicalMap())));
    return 0;
  } finally {
    store.close();
  }
}

if (isMain(import.meta.url)) {
  run(process.argv.slice(2), process).then((code) => process.exit(code));
}
