// The facts lexicons (lexicons/facts/*.json) compiled once per process: role cues for money and the
// words that decide who an amount belongs to. Data, not code, so each decision traces to a reasoned entry.
import { createRequire } from 'node:module';
import type { MoneyRole } from '../../types.js';

const require = createRequire(import.meta.url);

interface RawCue { role: MoneyRole; side: 'before' | 'after'; pattern: string; requires?: string; window: number; weight: number; reason: string }
interface RawRoles { cues: RawCue[] }
interface RawParties {
  sourceAfter: { pattern: string };
  sourceBefore: { pattern: string };
  anaphorCompany: { pattern: string };
  anaphorAgreement: { pattern: string };
  roleNouns: { words: string[] };
}

export interface RoleCue {
  role: MoneyRole;
  side: 'before' | 'after';
  /** Global, so every occurrence in the clause is seen; matched on lower-cased text. */
  re: RegExp;
  requires: RegExp | null;
  window: number;
  weight: number;
  reason: string;
}

export interface PartyLexicon {
  sourceAfter: RegExp;
  sourceBefore: RegExp;
  anaphorCompany: RegExp;
  anaphorAgreement: RegExp;
  roleNouns: Set<string>;
  roleNounRe: RegExp;
}

let roles: RoleCue[] | null = null;
let parties: PartyLexicon | null = null;

export function roleCues(): RoleCue[] {
  if (roles) return roles;
  const raw = require('../../../../lexicons/facts/money-roles.json') as RawRoles;
  roles = raw.cues.map((c) => ({
    role: c.role,
    side: c.side,
    re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${c.pattern})(?![\\p{L}\\p{N}])`, 'gu'),
    requires: c.requires ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${c.requires})s?(?![\\p{L}\\p{N}])`, 'u') : null,
    window: c.window,
    weight: c.weight,
    reason: c.reason,
  }));
  return roles;
}

export function partyLexicon(): PartyLexicon {
  if (parties) return parties;
  const raw = require('../../../../lexicons/facts/parties.json') as RawParties;
  parties = {
    sourceAfter: new RegExp(`^\\s*(?:${raw.sourceAfter.pattern})`, 'iu'),
    sourceBefore: new RegExp(`(?:^|[^\\p{L}])(?:${raw.sourceBefore.pattern})`, 'iu'),
    anaphorCompany: new RegExp(raw.anaphorCompany.pattern, 'iu'),
    anaphorAgreement: new RegExp(raw.anaphorAgreement.pattern, 'iu'),
    roleNouns: new Set(raw.roleNouns.words),
    roleNounRe: new RegExp(`\\b(?:${raw.roleNouns.words.join('|')})s?\\b`, 'giu'),
  };
  return parties;
}
