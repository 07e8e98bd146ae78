// Finding name candidates: maximal runs of capitalised words in a sentence, joined by the few
// lower-case words names contain ("Department of Health", "National Programme for IT"), with the
// ordinary word a sentence happens to start with, titles, possessives and calendar words cut off.
// Only regexes and look-ups: this runs over every article of the batch.
import type { Sentence } from '../../types.js';
import { BELIEF_WORDS, COMPASS, CONNECTORS, FUNCTION_WORDS, HONORIFICS, SENTENCE_WORDS, NOT_NAMES, ORG_FIRST, ORG_HEADS, PLACE_HEADS, PROGRAMME_HEADS, TITLES, TITLE_MODIFIERS } from './cues.js';
import { lexKey, type Lexicon, type LexiconEntry } from './lexicon.js';
import { initialsMatch } from './acronyms.js';
import { compromiseType, isDemonym, isDictionaryWord, isFirstName, isOrdinaryWord } from './words.js';

export interface Token {
  start: number;
  end: number;
  text: string;
  /** text lower-cased, computed once. */
  lower: string;
  /** Starts with a capital (or is mixed-case like "iSoft", or a code like "3M"). */
  cap: boolean;
  /** Was followed by ’s / 's (excluded from the token). */
  possessive: boolean;
  /** First word of its sentence or clause (after an opening quote, bullet or colon). */
  initial: boolean;
  /** A lower-case tail was cut off after a hyphen ("NHS England-led"): the name ends here. */
  cutTail: boolean;
  /** Punctuation rather than a word. */
  punct: boolean;
}

export interface Candidate {
  start: number;
  end: number;
  text: string;
  tokens: Token[];
  /** A title or honorific stood before the name ("Dr", "health secretary"). */
  titleCue: 'honorific' | 'title' | null;
  /** The name was followed by ’s. */
  possessive: boolean;
  /** Came from a multi-word lexicon phrase match. */
  lexEntry: LexiconEntry | undefined;
  /** Lower-case word right before the name and right after it ('' when punctuation). */
  prev: string;
  next: string;
  /** The two lower-case words after the name, space-joined ('' past punctuation). */
  next2: string;
  /** Inside quotation marks on both sides ("‘Penfield agreement’"). */
  quoted: boolean;
  /** A short capitalised title in quotation marks (claimed whole, typed as a programme). */
  programmeTitle: boolean;
  /** Right after a capitalised "The" that does not open its sentence ("told The Verge"): the article's
   * writer capitalised "The" as part of a title, so even a dictionary word is a name here. */
  capitalThe: boolean;
  /** The candidate that follows in parentheses right after this one ("Corporation (CSC)"). */
  parenthesised: boolean;
  index: number;
}

const ABBREV_DOT = new Set(['dr', 'mr', 'mrs', 'ms', 'st', 'prof', 'inc', 'co', 'corp', 'ltd', 'jr', 'sr', 'gen', 'gov',
  'sen', 'rep', 'lt', 'col', 'capt', 'sgt', 'mt', 'ft', 'rev', 'fr', 'bros']);
const HYPHEN_PREFIXES = new Set(['non', 'anti', 'pro', 'pre', 'post', 'ex', 'mid', 'un', 'pan', 'trans', 'sub', 'super', 'neo', 'semi']);
// The closing mark must not be an apostrophe inside a word (“The Department of Health’s …).
const QUOTED_RE = /[‘“]([^’”‘“\n]{2,70})[’”](?![A-Za-z\u00C0-\u024F])/g;
const OPENERS = /[“"‘'(\[•·▪●◦:;—–\-*]/;

// Words (with inner apostrophes, hyphens, ampersands, slashes, dotted initials) or single punctuation
// marks. Letter classes are written as code-point ranges rather than \p{L}: V8 runs them ~3x faster,
// and the ranges hold every letter of the Latin, Greek and Cyrillic scripts (and CJK, though those
// are never capitalised); General Punctuation (U+2000-U+206F: curly quotes, dashes) is left out.
const L = 'A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2070-\u218F\u2C00-\uD7FF';
const TOKEN_RE = new RegExp(`(?:[A-Z]\\.){2,}|[${L}]+(?:['’][${L}]+)*(?:[-&/][${L}]+(?:['’][${L}]+)*)*(?:\\.(?:com|org|net|gov|edu|io|co\\.uk)\\b)?|\\S`, 'g');
const WORD_START = new RegExp(`^[${L}]`);

// ASCII answered from the code (no string built per character); other scripts by case mapping.
const isUpper = (ch: string) => { const c = ch.charCodeAt(0); return c < 128 ? c >= 65 && c <= 90 : ch !== ch.toLowerCase(); };
const isLower = (ch: string) => { const c = ch.charCodeAt(0); return c < 128 ? c >= 97 && c <= 122 : ch !== ch.toUpperCase(); };
const isDigit = (ch: string) => ch >= '0' && ch <= '9';

function isCapWord(w: string): boolean {
  const c = w[0]!;
  if (isUpper(c)) return true;
  if (isLower(c)) return w.length > 2 && (isUpper(w[1]!) || (isLower(w[1]!) && isUpper(w[2]!)) // iSoft, eHealth
    || /^(?:al|el|ad|as|ash|at|ibn|bin|bint|abu|ben)-[A-Z]/.test(w)); // al-Assad, bin-Salman
  if (isDigit(c)) return /^[0-9]+[A-Z]+$/.test(w) && !/^[0-9]+(?:AM|PM|GB|MB|KB|TB|MW|GW|KW|HP|CC|[KMBDTH])$/.test(w); // 3M, not 8PM
  return false;
}

/** Tokens of the text, each knowing whether it opens a sentence or clause. */
export function tokenize(text: string, sentences: Sentence[]): Token[] {
  const out: Token[] = [];
  let si = 0;
  let prevChar = '';
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text))) {
    let w = m[0];
    let start = m.index;
    let first = false;
    while (si < sentences.length && sentences[si]!.start <= start) { si++; first = true; }
    if (first) prevChar = '';
    if (!WORD_START.test(w)) {
      out.push({ start, end: start + w.length, text: w, lower: w, cap: false, possessive: false, initial: false, cutTail: false, punct: true });
      prevChar = w;
      continue;
    }
    let possessive = false;
    let cutTail = false;
    const lastCh = w[w.length - 1]!;
    if ((lastCh === 's' || lastCh === 'S') && w.length > 2 && (w[w.length - 2] === '’' || w[w.length - 2] === "'")) { w = w.slice(0, -2); possessive = true; }
    if (w.includes('-')) {
      const parts = w.split('-');
      // Drop a lower-case prefix ("non-NHS" -> "NHS") and a lower-case tail ("England-led" -> "England").
      if (parts.length > 1 && HYPHEN_PREFIXES.has(parts[0]!) && isCapWord(parts[1]!)) {
        start += parts[0]!.length + 1;
        parts.shift();
      }
      let k = parts.length;
      while (k > 1 && !isCapWord(parts[k - 1]!) && !isDigit(parts[k - 1]![0]!)) k--;
      if (k < parts.length && isCapWord(parts[0]!)) { cutTail = true; possessive = false; }
      w = parts.slice(0, k).join('-');
    }
    let end = start + w.length;
    // The dot of "Dr." and of an initial inside a name ("George W. Bush", "J. K. Rowling") belongs to the word.
    if (text[end] === '.' && (ABBREV_DOT.has(w.toLowerCase())
      || (w.length === 1 && w >= 'A' && w <= 'Z' && text[end + 1] === ' ' && isUpper(text[end + 2] ?? 'a')))) {
      end++; w += '.'; TOKEN_RE.lastIndex = end;
    }
    // Openers, and the "((WN))" speaker marks of interviews, start a clause.
    const initial = first || (prevChar !== '' && OPENERS.test(prevChar)) || lineStart(text, start)
      || (prevChar === ')' && text[m.index - 2] === ')') || (prevChar === ')' && /\)\)\s*$/.test(text.slice(Math.max(0, start - 4), start)));
    const cap = isCapWord(w);
    // Lower-case words are their own lower-case form; only capitalised ones need converting.
    out.push({ start, end, text: w, lower: cap || !isLower(w[w.length - 1]!) ? w.toLowerCase() : w, cap, possessive, initial, cutTail, punct: false });
    prevChar = '';
  }
  return out;
}

function lineStart(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i < 0 || text[i] === '\n';
}

const lower = (t: Token) => t.lower;
/** The word up to its first apostrophe ("we’ve" -> "we"); most words have none and are returned as they are. */
const beforeApostrophe = (w: string) => (w.includes("'") || w.includes('’') ? w.split(/['’]/)[0]! : w);
const isConnector = (t: Token) => (!t.punct || t.text === '&') && CONNECTORS.has(lower(t));
const OF_TAKERS = new Set(['republic', 'kingdom', 'isle', 'duchy', 'principality', 'commonwealth', 'federation', 'emirate', 'sultanate', 'state', 'states', 'province', 'gulf', 'bay', 'sea', 'strait', 'straits', 'cape', 'mount', 'lake', 'river']);
const DAY_WORDS = new Set(['day', 'eve', 'week']);
// Prefixes of ships' names (motor vessel, steamship, His/Her Majesty's Ship, United States Ship, research vessel…).
const SHIP_PREFIXES = new Set(['MV', 'M/V', 'MT', 'SS', 'RMS', 'HMS', 'HMAS', 'HMCS', 'HMNZS', 'USS', 'USNS', 'USCGC', 'RV', 'R/V', 'FV', 'SY']);
const nameLike = (w: string) => isFirstName(w) || compromiseType(w) === 'person';
const isTitleWord = (w: string): boolean => TITLES.has(w) || HONORIFICS.has(w) || HONORIFICS.has(w + '.') || TITLES.has(w + '.')
  // "Vice-President", "Attorney-General"
  || (w.includes('-') && w.split('-').some(p => TITLES.has(p)) && w.split('-').every(p => TITLES.has(p) || TITLE_MODIFIERS.has(p)));

/** Capitalised words seen somewhere other than a sentence start: evidence that an ambiguous
 * sentence-initial word ("Bacon") is a name in this article. */
function midSentenceNames(tokens: Token[]): Set<string> {
  const s = new Set<string>();
  for (const t of tokens) if (t.cap && !t.initial) s.add(t.text);
  return s;
}

/** Whether only whitespace without a blank line separates two tokens. */
function joined(text: string, a: Token, b: Token): boolean {
  if (a.cutTail) return false;
  // "Sheriff's Office", "Children's Hospital": a possessive inside an organisation's name.
  // Not "Hillary Clinton's Senate": the possessor must be a common word.
  // "International Women's Day", "Veterans' Day": a possessive before a day's name belongs to it
  // (typed as an event, which is none of the types, rather than split in two).
  if (a.possessive && b.cap && DAY_WORDS.has(b.lower) && /^['’]s[ \t]$/.test(text.slice(a.end, b.start))) return true;
  if (a.cap && /s$/.test(a.text) && b.cap && DAY_WORDS.has(b.lower) && /^['’][ \t]$/.test(text.slice(a.end, b.start))) return true;
  if (a.possessive) return b.cap && ORG_HEADS.has(b.lower) && /^['’]s[ \t]$/.test(text.slice(a.end, b.start))
    && isDictionaryWord(a.text) && !isFirstName(a.text) && compromiseType(a.text) === null;
  // "Kurdistan Workers' Party": a plural possessive inside an organisation's name.
  if (a.cap && /s$/.test(a.text) && b.cap && ORG_HEADS.has(b.lower) && /^['’][ \t]$/.test(text.slice(a.end, b.start))) return true;
  const gap = text.slice(a.end, b.start);
  return /^[ \t\u00a0]{1,2}$/.test(gap) || (gap === '' && (a.text === '&' || b.text === '&'));
}

/** The first characters of the lexicon's multi-word phrases, as written (phrases match case-exactly). */
const firstCharsCache = new WeakMap<Map<string, string[]>, { size: number; chars: Set<string> }>();
function phraseFirstChars(lex: Lexicon): Set<string> {
  const hit = firstCharsCache.get(lex.phrasesByFirst);
  if (hit && hit.size === lex.phrasesByFirst.size) return hit.chars;
  const chars = new Set<string>();
  for (const list of lex.phrasesByFirst.values()) for (const p of list) if (p) chars.add(p[0]!);
  firstCharsCache.set(lex.phrasesByFirst, { size: lex.phrasesByFirst.size, chars });
  return chars;
}

/** The most words any lexicon key has: a longer run of tokens cannot be one known name, so splitting a run
 * (step 2b) looks only at stretches that short. Cached per byForm map (rebuilt if the map grows). */
const maxWordsCache = new WeakMap<Map<string, LexiconEntry>, { size: number; max: number }>();
function maxLexiconWords(lex: Lexicon): number {
  const hit = maxWordsCache.get(lex.byForm);
  if (hit && hit.size === lex.byForm.size) return hit.max;
  let max = 1;
  for (const k of lex.byForm.keys()) {
    let n = 1;
    for (let i = 0; i < k.length; i++) if (k.charCodeAt(i) === 32) n++;
    if (n > max) max = n;
  }
  maxWordsCache.set(lex.byForm, { size: lex.byForm.size, max });
  return max;
}

export function findCandidates(text: string, sentences: Sentence[], lex: Lexicon): Candidate[] {
  const tokens = tokenize(text, sentences);
  // lexKey drops at most one leading "the", so a stretch of n tokens gives a key of n or n-1 words.
  const maxSpan = maxLexiconWords(lex) + 1;
  const names = midSentenceNames(tokens);
  const norm = text.replace(/[’‘`]/g, "'");
  // Every run has every field (one object shape: V8 keeps its optimised code for the loops below).
  const runs: { toks: Token[]; lexEntry: LexiconEntry | undefined; titleCue: Candidate['titleCue']; quoted: boolean; noLookback: boolean }[] = [];

  // 1. Multi-word lexicon phrases, which may contain commas and lower-case words
  //    ("North, Midlands and East of England"): matched on the text directly, they win over runs.
  const claimed = new Uint8Array(tokens.length);
  const firstChars = phraseFirstChars(lex);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.punct) continue;
    // Phrases match case-exactly, so a token whose first character opens no phrase ("said", "the") is
    // passed over without a look-up.
    if (!firstChars.has(norm[t.start]!)) continue;
    const cands = lex.phrasesByFirst.get(lower(t));
    if (!cands) continue;
    for (const p of cands) {
      if (norm.startsWith(p, t.start) && !/[\p{L}\p{N}]/u.test(norm[t.start + p.length] ?? ' ')) {
        const end = t.start + p.length;
        let j = i;
        while (j < tokens.length && tokens[j]!.end <= end) j++;
        // Inside a longer name ("Puerto Rico Center for Investigative Journalism") the phrase is not claimed.
        const after = tokens[j];
        const before = tokens[i - 1];
        const embedded = (after && !after.punct && joined(text, tokens[j - 1]!, after)
            && (after.cap || ((after.lower === 'of' || after.lower === 'for') && tokens[j + 1]?.cap === true)))
          || (before && before.cap && !before.punct && joined(text, before, t));
        if (j > i && tokens[j - 1]!.end === end && !embedded) {
          const entry = lex.byForm.get(lexKey(p));
          runs.push({ toks: tokens.slice(i, j), lexEntry: entry ?? undefined, titleCue: null, quoted: false, noLookback: false });
          for (let k = i; k < j; k++) claimed[k] = 1;
          i = j - 1;
          break;
        }
      }
    }
  }

  // 1b. Short capitalised titles in quotation marks name a programme, deal or model
  //     ("‘Contract Change Control Three’", "‘Penfield agreement’"); claimed whole.
  QUOTED_RE.lastIndex = 0;
  let q: RegExpExecArray | null;
  while ((q = QUOTED_RE.exec(text))) {
    const inner = q[1]!;
    const words = inner.split(/\s+/);
    if (words.length < 2 || words.length > 6 || /[.!?,;:]/.test(inner) || !/^\p{Lu}/u.test(inner)) continue;
    const content = words.filter(w => !CONNECTORS.has(w));
    const capCount = content.filter(w => /^\p{Lu}/u.test(w)).length;
    const lastWord = words[words.length - 1]!.toLowerCase();
    if (capCount * 2 < content.length + 1 && !PROGRAMME_HEADS.has(lastWord)) continue;
    const start = q.index + 1;
    const end = start + inner.length;
    const first = tokenIndex(tokens, { start } as Token);
    if (first < 0) continue;
    let j = first;
    while (j < tokens.length && tokens[j]!.end <= end) j++;
    if (tokens[j - 1]!.end !== end || claimed.subarray(first, j).some(x => x)) continue;
    runs.push({ toks: tokens.slice(first, j), lexEntry: undefined, titleCue: null, quoted: true, noLookback: false });
    for (let k = first; k < j; k++) claimed[k] = 1;
  }

  // "Transport for London (TfL)": the run is followed by a parenthesised acronym of its initials.
  const definedByAcronym = (run: Token[]): boolean => {
    const last = run[run.length - 1]!;
    const m = /^\s*\(([A-Za-z&]{2,8})\)/.exec(text.slice(last.end, last.end + 14));
    return m !== null && initialsMatch(m[1]!, run.map(t => t.text));
  };

  // Whether the capitalised words from token j name a place ("Saudi Arabia", "Gdańsk").
  const placeAhead = (j: number): boolean => {
    let phrase = '';
    for (let k = j; k < j + 3 && k < tokens.length && tokens[k]!.cap; k++) {
      if (k > j && !joined(text, tokens[k - 1]!, tokens[k]!)) break;
      phrase = phrase ? phrase + ' ' + tokens[k]!.text : tokens[k]!.text;
      if (compromiseType(phrase) === 'place' || lex.byForm.get(lexKey(phrase))?.type === 'place') return true;
    }
    return false;
  };

  // "National Search and Rescue Agency": after "and", capitalised words up to an organisation head.
  const andLeadsToHead = (j: number): boolean => {
    let k = j;
    while (k < tokens.length && tokens[k]!.cap && (k === j || joined(text, tokens[k - 1]!, tokens[k]!))) k++;
    return k > j && ORG_HEADS.has(tokens[k - 1]!.lower) && !lex.byForm.has(lexKey(tokens[j]!.text));
  };

  // 2. Runs of capitalised words.
  const startsName = (j: number) => { const t = tokens[j]!; return t.cap && !claimed[j] && !NOT_NAMES.has(lower(t)); };
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (claimed[i] || !t.cap || NOT_NAMES.has(lower(t)) || FUNCTION_WORDS.has(beforeApostrophe(t.lower))) { i++; continue; }
    const run: Token[] = [t];
    let hasOfFor = false;
    // Whether a token before the run's last is name-like; the run only grows here, so the scan resumes
    // where it stopped (each token looked at once, not once per "of" in a long run).
    let nameScanned = 0;
    let nameSeen = false;
    const nameLikeBeforeLast = (r: Token[]): boolean => {
      while (!nameSeen && nameScanned < r.length - 1) { if (nameLike(r[nameScanned]!.text)) nameSeen = true; nameScanned++; }
      return nameSeen;
    };
    let j = i + 1;
    while (j < tokens.length && !claimed[j]) {
      const prevTok = run[run.length - 1]!;
      const u = tokens[j]!;
      // "Kurdistan Workers' Party": the apostrophe of a plural possessive inside a name.
      if (u.punct && (u.text === "'" || u.text === '’') && /s$/.test(prevTok.text) && u.start === prevTok.end) {
        const nx = tokens[j + 1];
        if (nx && nx.cap && (ORG_HEADS.has(nx.lower) || DAY_WORDS.has(nx.lower)) && text.slice(u.end, nx.start) === ' ') { run.push(nx); j += 2; continue; }
      }
      if (u.punct && u.text !== '&') break;
      if (!joined(text, prevTok, u)) break;
      if (u.cap) {
        // Calendar words and generic acronyms end a name unless a connector led to them ("Programme for IT").
        if (NOT_NAMES.has(lower(u)) && !/^(?:of|for)$/.test(lower(prevTok))) {
          // "BFM TV", "Abu Dhabi TV": a generic word that is also a kind of body closes the name
          // of a broadcaster rather than cutting it off.
          if (ORG_HEADS.has(lower(u)) && !isConnector(prevTok)) { run.push(u); j++; }
          break;
        }
        run.push(u); j++; continue;
      }
      // "Committee to Protect Journalists", "Campaign to Stop Killer Robots": a body's head word, "to"
      // and a capitalised verb; a place or a name after "to" is where it went, not its name.
      if (u.lower === 'to' && ORG_HEADS.has(prevTok.lower)) {
        const nx = tokens[j + 1];
        if (nx && nx.cap && !claimed[j + 1] && joined(text, u, nx) && !NOT_NAMES.has(nx.lower) && isDictionaryWord(nx.text)
          && compromiseType(nx.text) === null && !isFirstName(nx.text) && !lex.byForm.has(lexKey(nx.text))) { run.push(u, nx); j += 2; continue; }
        break;
      }
      if (isConnector(u)) {
        const w = lower(u);
        const nxt = tokens[j + 1];
        const nxt2 = tokens[j + 2];
        if (!nxt || !joined(text, u, nxt)) break;
        if (w === 'the' && (lower(prevTok) === 'of' || lower(prevTok) === 'for') && nxt.cap && !nxt.punct) {
          // "East of the Euphrates River" is a direction, not a name.
          if (run.length === 2 && COMPASS.has(run[0]!.lower)) { run.length = 0; break; }
          run.push(u); j++; continue;
        }
        if (w === 'of' || w === 'for') {
          // "BT for London", "CSC of Falls Church": a complete name does not take an of/for phrase.
          if (run.length === 1 && (/^\p{Lu}{2,}$/u.test(prevTok.text) || lex.byForm.has(lexKey(prevTok.text)) || compromiseType(prevTok.text) !== null)) break;
          // "Salman of Saudi Arabia", "Bishop-Emeritus of Marbel": one word takes an of-phrase only when
          // it names a kind of body or place ("Bank of England", "Isle of Man", "Department of Health").
          if (w === 'of' && run.length === 1 && !OF_TAKERS.has(prevTok.lower) && !ORG_FIRST.has(prevTok.lower) && !ORG_HEADS.has(prevTok.lower)
            && !PLACE_HEADS.has(prevTok.lower) && !PROGRAMME_HEADS.has(prevTok.lower) && !COMPASS.has(prevTok.lower)
            && !TITLES.has(prevTok.lower) && placeAhead(j + 1)) break;
          // "Marco Rubio of Florida", "Vlada Stamenković of the NASA …": a person's name takes no of-phrase.
          if (run.length >= 2 && nameLikeBeforeLast(run) && !ORG_FIRST.has(run[0]!.lower)) break;
          // "Representative Tulsi Gabbard of Hawaii": a name without a body's head word takes no "of <place>".
          if (run.length >= 2 && !ORG_FIRST.has(run[0]!.lower) && !ORG_HEADS.has(prevTok.lower) && !PLACE_HEADS.has(prevTok.lower)
            && !PROGRAMME_HEADS.has(prevTok.lower) && !OF_TAKERS.has(prevTok.lower) && !COMPASS.has(prevTok.lower)
            && !TITLES.has(prevTok.lower) && placeAhead(j + 1)) break;
          if (startsName(j + 1)) { hasOfFor = true; run.push(u); j++; continue; }
          if (lower(nxt) === 'the' && nxt2 && nxt2.cap && joined(text, nxt, nxt2)) { hasOfFor = true; run.push(u); j++; continue; }
          break;
        }
        if (w === 'and' || w === '&') {
          // "Islamic State of Iraq and the Levant"
          if (w === 'and' && hasOfFor && nxt.lower === 'the' && nxt2 && startsName(j + 2) && joined(text, nxt, nxt2)) { run.push(u, nxt); j += 2; continue; }
          // "University of Miami and …": an of-phrase ending in a place is complete.
          if (hasOfFor && w === 'and' && (compromiseType(prevTok.text) === 'place' || lex.byForm.get(lexKey(prevTok.text))?.type === 'place')) break;
          // Not "University of Washington and Center for …": a new body starts after "and".
          if (hasOfFor && w === 'and' && (ORG_FIRST.has(nxt.lower) || ORG_HEADS.has(nxt.lower))) break;
          // "London Ambulance Service and London Fire Brigade": a name that already ends in a head is complete.
          const complete = ORG_HEADS.has(prevTok.lower);
          if ((hasOfFor || w === '&' || (!complete && andLeadsToHead(j + 1))) && startsName(j + 1)) { run.push(u); j++; continue; }
          break;
        }
        if (w === 'the') break;
        // Name particles (de, von, van, da…) only between capitalised words.
        if (startsName(j + 1)) { run.push(u); j++; continue; }
        break;
      }
      break;
    }
    while (run.length && (isConnector(run[run.length - 1]!) || run[run.length - 1]!.lower === 'flight')) run.pop();
    i = j;
    // "The Guardian", "The Jakarta Post": the article is not part of the name.
    while (run.length > 1 && /^(?:the|a|an)$/.test(run[0]!.lower)) run.shift();
    // An ordinary word capitalised only because it opens the sentence is not part of the name.
    while (run.length) {
      const f = run[0]!;
      const fl = lower(f);
      if (f.initial && !names.has(f.text) && !(lex.byForm.has(lexKey(f.text)) && !isDictionaryWord(f.text)) && !isTitleWord(fl)
        && isOrdinaryWord(f.text)
        && !(run.length > 1 && (compromiseType(f.text + ' ' + run[1]!.text) !== null || lex.byForm.has(lexKey(f.text + ' ' + run[1]!.text))))
        // "Sky News said …": capitalised words up to an organisation head make one name.
        && !(run.length > 1 && ORG_HEADS.has(run[run.length - 1]!.lower) && !SENTENCE_WORDS.has(fl) && !run.some(isConnector))
        // "Martin Luther King", "Bill Gates": a given name before another capitalised word.
        && !(run.length > 1 && isFirstName(f.text) && run[1]!.cap && !isOrdinaryWord(run[1]!.text))
        // "Department of Health said …", "Bank of England …": a body's kind word taking an of-phrase.
        && !(run.length > 2 && (run[1]!.lower === 'of' || run[1]!.lower === 'for')
          && (ORG_FIRST.has(fl) || ORG_HEADS.has(fl) || PROGRAMME_HEADS.has(fl) || PLACE_HEADS.has(fl) || OF_TAKERS.has(fl)))
        // "Transport for London (TfL) …": the acronym that follows spells the whole run.
        && !(run.length > 1 && definedByAcronym(run))) {
        run.shift();
        while (run.length && (isConnector(run[0]!) || !run[0]!.cap)) run.shift();
        continue;
      }
      break;
    }
    if (!run.length) continue;
    runs.push({ toks: run, lexEntry: undefined, titleCue: null, quoted: false, noLookback: false });
  }

  // 2b. Two names written side by side ("London NHS", "Russia Vladimir Putin"): a run holding a
  //     lexicon name that is not the whole run splits around it, unless a head word makes the whole
  //     run one name ("Morecambe Bay NHS Foundation Trust").
  // Built into a new list (not spliced in place: a splice per split run costs the length of the list).
  const split: typeof runs = [];
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    const toks = run.toks;
    split.push(run);
    if (run.lexEntry || run.quoted || toks.length < 2 || toks.some(t => isConnector(t) || t.lower === 'to')) continue;
    const lastW = lower(toks[toks.length - 1]!);
    if (ORG_HEADS.has(lastW) || PLACE_HEADS.has(lastW) || PROGRAMME_HEADS.has(lastW)) continue;
    if (lex.byForm.has(lexKey(toks.map(t => t.text).join(' ')))) continue;
    const pieces: Token[][] = [];
    let k = 0;
    let found = false;
    let loose: Token[] = [];
    while (k < toks.length) {
      let hit = 0;
      // Stretches longer than any lexicon key cannot match: start at the longest that could.
      for (let e = Math.min(toks.length, k + maxSpan); e > k; e--) {
        if (e - k === toks.length) continue;
        if (lex.byForm.has(lexKey(toks.slice(k, e).map(t => t.text).join(' ')))) { hit = e; break; }
      }
      if (hit) {
        if (loose.length) { pieces.push(loose); loose = []; }
        pieces.push(toks.slice(k, hit));
        found = true;
        k = hit;
      } else { loose.push(toks[k]!); k++; }
    }
    if (loose.length) pieces.push(loose);
    if (!found) continue;
    // "USA Today": what is left beside the known name is an ordinary word, so the run is one name.
    if (pieces.some(p => p.length && !lex.byForm.has(lexKey(p.map(t => t.text).join(' '))) && p.every(t => isDictionaryWord(t.text) && !ORG_HEADS.has(t.lower)))) continue;
    split.pop();
    for (const p of pieces) split.push({ toks: p, lexEntry: undefined, titleCue: null, quoted: false, noLookback: false });
  }
  runs.length = 0;
  for (const r of split) runs.push(r);

  // 3. Titles at the front come off ("Prime Minister David Cameron" -> "David Cameron"); a run made
  //    only of titles ("Health Secretary") is no name.
  const out: Candidate[] = [];
  const extra: typeof runs = [];
  for (let ri = 0; ri < runs.length + extra.length; ri++) {
    const r = ri < runs.length ? runs[ri]! : extra[ri - runs.length]!;
    let toks = r.toks;
    let titleCue: Candidate['titleCue'] = null;
    let noPersonCue = r.noLookback === true;
    // "MV Alan Kurdi", "USS Ronald Reagan", "MV Professor Albrecht Penck": a ship, none of the types,
    // though it bears a person's name; the person named alone elsewhere is still found.
    if (!r.lexEntry && toks.length >= 2 && SHIP_PREFIXES.has(toks[0]!.text) && toks[1]!.cap && !toks[1]!.punct) continue;
    if (!r.lexEntry && !r.quoted) {
      let k = 0;
      let core = false;
      let honorific = false;
      let ofAfterTitle = false;
      while (k < toks.length) {
        const w = lower(toks[k]!);
        if (HONORIFICS.has(w) || HONORIFICS.has(w + '.')) { core = true; honorific = true; k++; continue; }
        if (TITLES.has(w) || (w.endsWith('s') && TITLES.has(w.slice(0, -1)))) { core = true; k++; continue; }
        if (core && (w === 'of' || w === 'for')) { ofAfterTitle = true; k++; break; }
        if (TITLE_MODIFIERS.has(w) || (k > 0 && isConnector(toks[k]!))) { k++; continue; }
        // "Syrian President", "German Chancellor", "US Secretary of State": a qualifier of place.
        if (!core && k < 2 && (isDemonym(toks[k]!.text) || compromiseType(toks[k]!.text) === 'place') && toks[k + 1]
          && (TITLES.has(toks[k + 1]!.lower) || TITLE_MODIFIERS.has(toks[k + 1]!.lower))) { k++; continue; }
        break;
      }
      if (core && k > 0) {
        const rest = toks.slice(k);
        while (rest.length && (isConnector(rest[0]!) || rest[0]!.lower === 'the')) rest.shift();
        const lastRest = rest.length ? lower(rest[rest.length - 1]!) : '';
        if (!rest.length) continue;
        if (ofAfterTitle) {
          // "President of the European Council": the office is no name, the body is one; but in
          // "Minister of Information Moammar al-Eryani" the portfolio word comes off and a person stays.
          let m = 0;
          while (m < rest.length - 1 && TITLE_MODIFIERS.has(rest[m]!.lower) && !ORG_HEADS.has(rest[m + 1]!.lower)) m++;
          if (m > 0 && !ORG_HEADS.has(lastRest)) { toks = rest.slice(m); titleCue = 'title'; }
          else { toks = rest; noPersonCue = true; }
        } else if (!ORG_HEADS.has(lastRest) || honorific) {
          // Keep "General Motors", "Royal Bank": the remainder must not be an organisation head.
          toks = rest;
          titleCue = honorific ? 'honorific' : 'title';
        }
      }
    }
    if (!toks.length) continue;
    // "THE USA IS GREAT!": capitals for emphasis, not a name.
    // ("BFM TV" is a broadcaster: a kind-of-body word does not count as emphasis.)
    if (toks.length >= 2 && toks.every(t => !/\p{Ll}/u.test(t.text)) && toks.filter(t => isDictionaryWord(t.text) && !ORG_HEADS.has(t.lower)).length * 2 >= toks.length) continue;
    // "Emergency Situations Minister Alexander Chupriyan", "Coast Guard Commandant Admiral Elson Hermogino",
    // "Republican Kevin McCarthy", "Koszalin Piotr Jedlinski": a title or a first name inside a longer
    // run starts the person's name; what stands before it is a qualifier or a name of its own.
    // "United States Secretary of State": a title closing the run is no part of the name before it.
    if (!r.lexEntry && !r.quoted && toks.length >= 2) {
      const t0 = toks.findIndex((t, k) => k > 0 && isTitleWord(t.lower));
      if (t0 > 0 && toks.length - t0 >= 2 && toks.slice(t0).every(t => isTitleWord(t.lower) || TITLE_MODIFIERS.has(t.lower) || isConnector(t) || t.lower === 'state')) {
        toks = toks.slice(0, t0);
        while (toks.length && isConnector(toks[toks.length - 1]!)) toks = toks.slice(0, -1);
        if (!toks.length) continue;
      }
    }
    if (!r.lexEntry && !r.quoted && toks.length >= 2) {
      const lastW = lower(toks[toks.length - 1]!);
      if (!ORG_HEADS.has(lastW) && !PLACE_HEADS.has(lastW) && !toks.slice(-3).some(isConnector)) {
        // Only the last three positions can start the person (at most three words after the title).
        for (let k = Math.max(1, toks.length - 3); k <= toks.length - 1; k++) {
          // A title, perhaps followed by qualifiers ("Bishop Emeritus"), stands right before toks[k].
          let b = k - 1;
          while (b > 0 && TITLE_MODIFIERS.has(toks[b]!.lower) && !isTitleWord(toks[b]!.lower)) b--;
          const tw = toks[b]!.lower;
          const afterTitle = isTitleWord(tw) || isTitleWord(tw.replace(/s$/, '')) || isTitleWord(tw.replace(/\.$/, ''));
          const startsPerson = afterTitle ? !isTitleWord(toks[k]!.lower) && !TITLE_MODIFIERS.has(toks[k]!.lower)
            : isFirstName(toks[k]!.text) && !isFirstName(toks[k - 1]!.text) && toks.length - k >= 2 && toks.length >= 3;
          if (!startsPerson || toks.length - k > 3 || toks.slice(k).some(isConnector)) continue;
          // The part after a title must look like a name ("Henderson Executive Airport" has none).
          if (toks.slice(k).every(t => isDictionaryWord(t.text))) continue;
          let cut = k;
          while (cut > 0 && (isTitleWord(toks[cut - 1]!.lower) || isTitleWord(toks[cut - 1]!.lower.replace(/\.$/, '')) || TITLE_MODIFIERS.has(toks[cut - 1]!.lower))) cut--;
          // "United States House of Representatives Speaker Nancy Pelosi": the body before the title
          // is a name of its own; a bare portfolio ("Emergency Situations Minister") is not.
          const bodyBefore = cut < k && cut >= 2 && (toks.slice(0, cut).some(isConnector) || ORG_HEADS.has(toks[cut - 1]!.lower));
          const prefix = toks.slice(0, cut);
          const titled = cut < k || prefix.some(t => TITLES.has(t.lower) || HONORIFICS.has(t.lower));
          const qualifiers = prefix.every(t => TITLE_MODIFIERS.has(t.lower) || isDemonym(t.text) || BELIEF_WORDS.has(t.lower));
          // The words right before a title are its portfolio ("Emergency Situations Minister"), not a name.
          if (prefix.length && !qualifiers && (cut === k || bodyBefore)) extra.push({ toks: prefix, lexEntry: undefined, titleCue: null, quoted: false, noLookback: true });
          toks = toks.slice(k);
          if (titled || qualifiers) titleCue = 'title';
          break;
        }
      }
    }
    // A run of titles alone ("Gen.", "Most Rev.") names nobody.
    const titleTok = (t: Token) => isTitleWord(t.lower) || isTitleWord(t.lower.replace(/\.$/, ''));
    if (toks.some(titleTok) && toks.every(t => titleTok(t) || TITLE_MODIFIERS.has(t.lower))) continue;
    const first = toks[0]!;
    const last = toks[toks.length - 1]!;
    out.push({
      start: first.start,
      end: last.end,
      text: text.slice(first.start, last.end),
      tokens: toks,
      titleCue: titleCue ?? (noPersonCue ? null : titleBefore(tokens, first)),
      possessive: last.possessive,
      lexEntry: r.lexEntry,
      prev: wordBefore(tokens, first),
      capitalThe: afterCapitalThe(text, tokens, first),
      next: wordAfter(tokens, last),
      next2: wordsAfter(tokens, last, 2),
      quoted: r.quoted === true || quotedAround(text, first.start, last.end),
      programmeTitle: r.quoted === true,
      parenthesised: false,
      index: 0,
    });
  }
  out.sort((a, b) => a.start - b.start);
  out.forEach((c, k) => { c.index = k; });
  // Parenthesised right after another candidate: an acronym definition or an expansion.
  for (let k = 1; k < out.length; k++) {
    const gap = text.slice(out[k - 1]!.end, out[k]!.start);
    if (/^\s*\($/.test(gap) && text[out[k]!.end] === ')') out[k]!.parenthesised = true;
  }
  return out;
}

function tokenIndex(tokens: Token[], t: Token): number {
  // Binary search by start offset.
  let lo = 0, hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = tokens[mid]!.start;
    if (s === t.start) return mid;
    if (s < t.start) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

function afterCapitalThe(text: string, tokens: Token[], t: Token): boolean {
  if (t.start < 4 || text.slice(t.start - 4, t.start) !== 'The ') return false;
  const i = tokenIndex(tokens, t);
  const p = i > 0 ? tokens[i - 1] : undefined;
  return !!p && p.text === 'The' && !p.initial;
}

function wordBefore(tokens: Token[], t: Token): string {
  const i = tokenIndex(tokens, t);
  const p = i > 0 ? tokens[i - 1] : undefined;
  return p && !p.punct ? lower(p) : '';
}

function wordAfter(tokens: Token[], t: Token): string {
  const i = tokenIndex(tokens, t);
  const n = i >= 0 ? tokens[i + 1] : undefined;
  return n && !n.punct && !t.possessive ? lower(n) : '';
}

function wordsAfter(tokens: Token[], t: Token, n: number): string {
  const i = tokenIndex(tokens, t);
  if (t.possessive) return '';
  const out: string[] = [];
  for (let k = i + 1; k < tokens.length && out.length < n; k++) {
    const u = tokens[k]!;
    if (u.punct || u.cap) break;
    out.push(lower(u));
  }
  return out.join(' ');
}

/** A lower-case title right before the name: "health secretary Andrew Lansley", "minister Francis
 * Maude", "president of healthcare Guy Hains". */
function titleBefore(tokens: Token[], t: Token): Candidate['titleCue'] {
  let k = tokenIndex(tokens, t) - 1;
  // Qualifiers between title and name: "health secretary", "former prime minister".
  let skipped = 0;
  while (k >= 0 && skipped < 2 && !tokens[k]!.punct && TITLE_MODIFIERS.has(tokens[k]!.lower) && !TITLES.has(tokens[k]!.lower)) { k--; skipped++; }
  const p = tokens[k];
  if (!p || p.punct) return null;
  if (HONORIFICS.has(p.lower) || HONORIFICS.has(p.lower + '.')) return 'honorific';
  if (TITLES.has(p.lower)) return 'title';
  // "president of healthcare Guy Hains": a title, "of", one lower-case word.
  const of = tokens[k - 1];
  const title = tokens[k - 2];
  if (!p.cap && p.lower !== 'the' && of && (of.lower === 'of' || of.lower === 'for') && title && TITLES.has(title.lower)) return 'title';
  return null;
}

function quotedAround(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  return /[‘“"']/.test(before) && /[’”"']/.test(after);
}
