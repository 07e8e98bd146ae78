// The curated entity lexicon: every *.json under lexicons/entities/ (and under the folder named by
// NEWSFACTS_LEXICONS, when set), so a user extends it by dropping in a file. A file is either an array of
// entries or `{ "entries": [...] }`; each entry names its type, canonical name, aliases, optional vendor
// and a `source` or `reason` (entries without one are skipped with a note on stderr: unsourced knowledge
// is how wrong merges creep in).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityType } from '../../types.js';

export interface LexiconEntry {
  type: EntityType;
  name: string;
  aliases: string[];
  vendor?: string;
  source?: string;
  reason?: string;
  /** The file it came from, for tracing. */
  file: string;
}

export interface Lexicon {
  entries: LexiconEntry[];
  /** Surface form key (see lexKey) -> entry. */
  byForm: Map<string, LexiconEntry>;
  /** Multi-word surface forms, longest first, for phrase matching in the text. */
  phrases: string[];
  /** First word of each phrase -> phrases starting with it (longest first). */
  phrasesByFirst: Map<string, string[]>;
}

const TYPES = new Set<EntityType>(['organisation', 'person', 'product', 'place', 'programme']);

/** Normalises a surface form for look-up: curly apostrophes straight, possessive and "the" dropped,
 * spaces collapsed. Short all-capital or mixed-case forms keep their case ("US" is not "us", "RiO"
 * is not "Rio"); longer forms are matched case-insensitively. */
const keyCache = new Map<string, string>();
export function lexKey(form: string): string {
  const hit = keyCache.get(form);
  if (hit !== undefined) return hit;
  const k = computeKey(form);
  if (keyCache.size > 200_000) keyCache.clear();
  keyCache.set(form, k);
  return k;
}

function computeKey(form: string): string {
  let f = form.normalize('NFC').replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
  f = f.replace(/^the\s+/i, '').replace(/'s$/i, '');
  const letters = f.replace(/[^\p{L}]/gu, '');
  const caseMatters = letters.length <= 5 && /\p{Lu}/u.test(letters.slice(1));
  return caseMatters ? 'cs:' + f : f.toLowerCase();
}

function findLexiconDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const cand = join(dir, 'lexicons', 'entities');
    if (existsSync(cand)) return cand;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

function readEntries(dir: string): LexiconEntry[] {
  const out: LexiconEntry[] = [];
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter(f => f.endsWith('.json')).sort()) {
    const file = join(dir, f);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      process.stderr.write(`lexicon: ${file}: not valid JSON (${(e as Error).message}); file skipped\n`);
      continue;
    }
    const list = Array.isArray(data) ? data : (data as { entries?: unknown }).entries;
    if (!Array.isArray(list)) continue;
    for (const raw of list as Record<string, unknown>[]) {
      const type = raw.type as EntityType;
      const name = typeof raw.name === 'string' ? raw.name.trim() : '';
      if (!TYPES.has(type) || !name) {
        process.stderr.write(`lexicon: ${file}: entry ${JSON.stringify(raw.name)} needs a type (one of ${[...TYPES].join(', ')}) and a name; skipped\n`);
        continue;
      }
      if (typeof raw.source !== 'string' && typeof raw.reason !== 'string') {
        process.stderr.write(`lexicon: ${file}: entry "${name}" has no source or reason; skipped\n`);
        continue;
      }
      const aliases = Array.isArray(raw.aliases) ? raw.aliases.filter((a): a is string => typeof a === 'string') : [];
      out.push({
        type, name, aliases, file,
        ...(typeof raw.vendor === 'string' ? { vendor: raw.vendor } : {}),
        ...(typeof raw.source === 'string' ? { source: raw.source } : {}),
        ...(typeof raw.reason === 'string' ? { reason: raw.reason } : {}),
      });
    }
  }
  return out;
}

/** Builds a lexicon from entries (tests build small ones directly). Later entries do not override an
 * earlier form: the first file (alphabetical) that claims a form keeps it. */
export function buildLexicon(entries: LexiconEntry[]): Lexicon {
  const byForm = new Map<string, LexiconEntry>();
  const phraseSet = new Set<string>();
  for (const e of entries) {
    for (const form of [e.name, ...e.aliases]) {
      const k = lexKey(form);
      if (!byForm.has(k)) byForm.set(k, e);
      if (/[\s,]/.test(form.trim())) phraseSet.add(form.normalize('NFC').replace(/[’‘`]/g, "'").trim());
    }
  }
  const phrases = [...phraseSet].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const phrasesByFirst = new Map<string, string[]>();
  for (const p of phrases) {
    const first = p.split(/[\s,]/)[0]!.toLowerCase();
    const l = phrasesByFirst.get(first) ?? [];
    l.push(p);
    phrasesByFirst.set(first, l);
  }
  return { entries, byForm, phrases, phrasesByFirst };
}

let cached: Lexicon | null = null;
let cachedFor: string | undefined;

/** The lexicon from lexicons/entities/ plus $NEWSFACTS_LEXICONS (a folder of the same kind of files,
 * or a folder holding an `entities/` folder). Read once per process. */
export function loadLexicon(): Lexicon {
  const extra = process.env.NEWSFACTS_LEXICONS;
  if (cached && cachedFor === extra) return cached;
  const entries: LexiconEntry[] = [];
  const base = findLexiconDir();
  if (base) entries.push(...readEntries(base));
  if (extra) {
    entries.push(...readEntries(extra));
    entries.push(...readEntries(join(extra, 'entities')));
  }
  cached = buildLexicon(entries);
  cachedFor = extra;
  return cached;
}

/** The entry a surface form names, if any. */
export function lookup(lex: Lexicon, form: string): LexiconEntry | undefined {
  return lex.byForm.get(lexKey(form));
}
