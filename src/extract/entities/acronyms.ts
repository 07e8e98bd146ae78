// Does an acronym spell the initials of a name? "CfH" ~ "Connecting for Health", "NPfIT" ~ "National
// Programme for IT", "RNOH" ~ "Royal National Orthopaedic Hospital NHS Trust", "EHI" ~ "E-Health Insider".
// Connectors may or may not give a letter, an acronym inside the name may give all its letters or one,
// and a generic tail ("NHS Trust", "plc") or a leading acronym ("NHS Connecting for Health") may be left out.

const OPTIONAL = new Set(['of', 'for', 'and', '&', 'the', 'de', 'du', 'la', 'le', 'on', 'in', 'to', 'at']);
const GENERIC_TAIL = new Set(['nhs', 'trust', 'foundation', 'plc', 'ltd', 'inc', 'limited', 'group', 'corporation',
  'corp', 'company', 'co', 'llc', 'holdings']);

/** A word's pieces for initials: "E-Health" -> E, Health; "eHealth" -> e, Health. */
function pieces(word: string): string[] {
  return word.split(/-/).flatMap(p => p.split(/(?<=\p{Ll})(?=\p{Lu}\p{Ll})/u)).filter(Boolean);
}

export function initialsMatch(acronym: string, words: string[]): boolean {
  const acr = acronym.replace(/[.\s]/g, '').toLowerCase();
  if (acr.length < 2 || words.length < 2) return false;
  const ws = words.map(w => w.replace(/['’]s$/, ''));
  // Trailing generic words and leading acronyms may be skipped.
  let endMax = ws.length;
  const ends: number[] = [ws.length];
  while (endMax > 1 && GENERIC_TAIL.has(ws[endMax - 1]!.toLowerCase())) { endMax--; ends.push(endMax); }
  const starts: number[] = [0];
  for (let s = 0; s < ws.length - 1 && /^\p{Lu}{2,}$/u.test(ws[s]!); s++) starts.push(s + 1);
  for (const s of starts) for (const e of ends) {
    if (e - s < 2) continue;
    if (match(acr, 0, ws.slice(s, e), 0, new Map())) return true;
  }
  return false;
}

function match(acr: string, i: number, ws: string[], k: number, memo: Map<number, boolean>): boolean {
  const key = i * 64 + k;
  const m = memo.get(key);
  if (m !== undefined) return m;
  let r = false;
  if (k === ws.length) r = i === acr.length;
  else {
    const w = ws[k]!;
    const lw = w.toLowerCase();
    if (OPTIONAL.has(lw)) {
      r = match(acr, i, ws, k + 1, memo) || (acr[i] === lw[0] && match(acr, i + 1, ws, k + 1, memo));
    } else {
      const ps = pieces(w);
      // All initials of the word's pieces, or only the first.
      const full = ps.map(p => p[0]!.toLowerCase()).join('');
      const options = new Set([full, full[0]!]);
      if (/^\p{Lu}{2,}$/u.test(w)) options.add(lw); // an acronym inside: "IT" in "National Programme for IT"
      for (const o of options) if (acr.startsWith(o, i) && match(acr, i + o.length, ws, k + 1, memo)) { r = true; break; }
    }
  }
  memo.set(key, r);
  return r;
}
