// Value resolution for a found date expression: the ISO value at its grain, against the reference
// date (an input, never the clock) and the tense of the clause it sits in.
import type { DateGrain } from '../types.js';
import { addMonths, civilFromDays, daysFromCivil, fmtDay, fmtMonth, isoWeek, isoWeekday, parseIsoDay, validDay } from './date-calendar.js';
import { formatFinancialYear } from './financial-year.js';

/**
 * 'past-plan' is a plan reported in the past ("was due to stand down in August", "was set to meet on
 * Wednesday"): a weekday is the one before (the plan's day has come), a month or date the nearest.
 * 'prospective' is a future seen from a past moment ("said it would meet on Monday"): the event lies
 * after the report but may lie before or after the reference date, so the nearest occurrence is meant.
 */
export type Tense = 'past' | 'present' | 'future' | 'prospective' | 'past-plan' | null;
export type Shift = 'last' | 'next' | 'this' | null;

/** What a date span says, before it is resolved. `y: null` means the year is not written. */
export type DateExpr =
  | { kind: 'day'; y: number | null; m: number; d: number; yearShift?: number }
  | { kind: 'month'; y: number | null; m: number; shift?: Shift; yearShift?: number }
  | { kind: 'year'; y: number }
  | { kind: 'financial-year'; start: number }
  | { kind: 'quarter'; y: number | null; q: number; yearShift?: number }
  /** n units from the reference: "yesterday" (day -1), "last week" (week -1), "this year" (year 0) */
  | { kind: 'offset'; unit: 'day' | 'week' | 'month' | 'year' | 'quarter'; n: number }
  | { kind: 'weekday'; wd: number; shift: Shift }
  /** "last weekend", "over the weekend": the ISO week its Saturday and Sunday close */
  | { kind: 'weekend'; shift: Shift }
  | { kind: 'season'; y: number | null; yearShift?: number }
  /** anchored to the story, not the reference: "three weeks later", "a few weeks ago" */
  | { kind: 'unanchored'; grain: DateGrain };

export interface ResolvedDate {
  value: string | null;
  grain: DateGrain;
  relative: boolean;
}

const grainOf = (e: DateExpr): DateGrain => {
  switch (e.kind) {
    case 'day': case 'weekday': return 'day';
    case 'weekend': return 'week';
    case 'month': return 'month';
    case 'year': return 'year';
    case 'financial-year': return 'financial-year';
    case 'quarter': return 'quarter';
    case 'offset': return e.unit;
    case 'season': return 'season';
    case 'unanchored': return e.grain;
  }
};

/** Whether the expression depends on the reference date. */
export function isRelative(e: DateExpr): boolean {
  switch (e.kind) {
    case 'day': case 'month': case 'quarter': case 'season': return e.y === null;
    case 'year': case 'financial-year': return false;
    default: return true;
  }
}

/**
 * The year of a month (or a day) written without one. "last"/"next"/"this" say it. Otherwise the
 * occurrence nearest the reference (news speaks of the weeks around its publication: "December 27"
 * in a January article is last December), moved to the one before when the clause is past and the
 * nearest lies clearly ahead (more than a month, or three weeks for a day), and to the one after when the
 * clause is future and the nearest lies clearly behind. The slack absorbs tense cues that belong to
 * another verb ("released him on bail till October").
 */
function yearFor(m: number, d: number | null, ref: { y: number; m: number; d: number }, tense: Tense, shift: Shift = null): number {
  if (shift === 'last') return m < ref.m ? ref.y : ref.y - 1;
  if (shift === 'next') return m > ref.m ? ref.y : ref.y + 1;
  if (shift === 'this') return ref.y;
  const refDays = daysFromCivil(ref.y, ref.m, ref.d);
  const at = (y: number) => (d === null ? daysFromCivil(y, m, 1) : daysFromCivil(y, m, d));
  const end = (y: number) => (d === null ? daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - 1 : at(y));
  let best = ref.y;
  let bestDist = Infinity;
  for (const y of [ref.y - 1, ref.y, ref.y + 1]) {
    if (d !== null && !validDay(y, m, d)) continue; // 29 February only in leap years
    const dist = refDays < at(y) ? at(y) - refDays : refDays > end(y) ? refDays - end(y) : 0;
    if (dist < bestDist) { best = y; bestDist = dist; }
  }
  const slack = d === null ? 31 : 21;
  if (tense === 'past' && at(best) - refDays > slack) best -= 1;
  // A plan reported in the past ("said it would fund the government through September") still looks
  // ahead: months and dates move forward like a future clause (weekdays take the nearest day instead).
  if ((tense === 'future' || tense === 'prospective') && refDays - end(best) > slack) best += 1;
  return best;
}

/** Resolves an expression; relative ones get value null when there is no reference date. */
export function resolveDate(e: DateExpr, referenceDate: string | null, tense: Tense): ResolvedDate {
  const grain = grainOf(e);
  const relative = isRelative(e);
  const refDays = parseIsoDay(referenceDate);
  const ref = refDays === null ? null : civilFromDays(refDays);
  const out = (value: string | null): ResolvedDate => ({ value, grain, relative });
  switch (e.kind) {
    case 'year': return out(String(e.y));
    case 'financial-year': return out(formatFinancialYear(e.start));
    case 'season': return out(null); // seasons straddle years and hemispheres: kept unresolved (GUIDE)
    case 'unanchored': return out(null);
    case 'day': {
      if (e.y !== null) return out(fmtDay({ y: e.y, m: e.m, d: e.d }));
      if (!ref) return out(null);
      const y = e.yearShift !== undefined ? ref.y + e.yearShift : yearFor(e.m, e.d, ref, tense);
      return out(validDay(y, e.m, e.d) ? fmtDay({ y, m: e.m, d: e.d }) : null);
    }
    case 'month': {
      if (e.y !== null) return out(fmtMonth(e.y, e.m));
      if (!ref) return out(null);
      const y = e.yearShift !== undefined ? ref.y + e.yearShift : yearFor(e.m, null, ref, tense, e.shift ?? null);
      return out(fmtMonth(y, e.m));
    }
    case 'quarter': {
      if (e.y !== null) return out(`${e.y}-Q${e.q}`);
      return out(ref ? `${ref.y + (e.yearShift ?? 0)}-Q${e.q}` : null);
    }
    case 'offset': {
      if (!ref || refDays === null) return out(null);
      switch (e.unit) {
        case 'day': return out(fmtDay(civilFromDays(refDays + e.n)));
        case 'week': return out(isoWeek(refDays + 7 * e.n));
        case 'month': { const t = addMonths(ref.y, ref.m, e.n); return out(fmtMonth(t.y, t.m)); }
        case 'year': return out(String(ref.y + e.n));
        case 'quarter': {
          const t = addMonths(ref.y, ref.m, 3 * e.n);
          return out(`${t.y}-Q${Math.floor((t.m - 1) / 3) + 1}`);
        }
      }
      return out(null);
    }
    case 'weekday': {
      if (refDays === null) return out(null);
      const today = isoWeekday(refDays);
      const back = (today - e.wd + 7) % 7; // 0 when the reference is that weekday
      const fwd = (e.wd - today + 7) % 7;
      let days: number;
      if (e.shift === 'last') days = refDays - (back === 0 ? 7 : back);
      else if (e.shift === 'next') days = refDays + (fwd === 0 ? 7 : fwd);
      // Future clause: the next such day from the reference on ("will meet on Monday" in a Monday
      // article is that day: a week ahead would be written "next Monday"). Future seen from the past
      // ("said it would meet on Monday"): the nearest such day. Otherwise (past, present, unknown —
      // news mostly reports what happened) the latest such day on or before it.
      else if (tense === 'future') days = refDays + fwd;
      else if (tense === 'prospective') days = fwd < back ? refDays + fwd : refDays - back;
      else days = refDays - back;
      return out(fmtDay(civilFromDays(days)));
    }
    case 'weekend': {
      if (refDays === null) return out(null);
      const wd = isoWeekday(refDays); // 1 Monday .. 7 Sunday
      const sat = refDays + (6 - wd); // this ISO week's Saturday (yesterday when the reference is a Sunday)
      let day: number;
      // "last weekend" said on a Saturday or Sunday is the one before; on a weekday, the one just gone.
      if (e.shift === 'last') day = sat - 7;
      else if (e.shift === 'next') day = wd >= 6 ? sat + 7 : sat;
      // "this weekend", "over the weekend": the one just gone (or under way) when the clause reports
      // the past ("formed over the Bahamas this weekend" on a Tuesday), else the coming one.
      else if (tense === 'future' || (e.shift === 'this' && tense !== 'past')) day = sat;
      else day = wd >= 6 ? sat : sat - 7;
      return out(isoWeek(day));
    }
  }
}

export { daysFromCivil };
