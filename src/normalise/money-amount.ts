// Value resolution for a found money span: number × scale (+ cents), range bounds sharing a scale.
import { createRequire } from 'node:module';
import { parseNumber, scaleAmount } from '../extract/number-words.js';

const require = createRequire(import.meta.url);
interface ScaleEntry { forms: string[]; value: number; attachedOnly: boolean; reason: string }
export const SCALES: readonly ScaleEntry[] = (require('../../../lexicons/values/scales.json') as { scales: ScaleEntry[] }).scales;

const SCALE_BY_FORM = new Map<string, number>();
for (const s of SCALES) for (const f of s.forms) SCALE_BY_FORM.set(s.attachedOnly ? f : f.toLowerCase(), s.value);

/** The multiplier a scale word stands for ("bn" → 1e9, "million" → 1e6); 1 when absent or unknown. */
export function scaleValue(form: string | undefined | null): number {
  if (!form) return 1;
  const f = form.replace(/^[\s-]+/, '');
  return SCALE_BY_FORM.get(f) ?? SCALE_BY_FORM.get(f.toLowerCase()) ?? 1;
}

export interface AmountPart {
  /** the number as written: "1.5", "12,000", "two" */
  num: string;
  /** the scale as written, if any: "bn", " million" */
  scale?: string | null;
}

/**
 * Amounts of one money span. A range gives one amount per bound; a bound written without a
 * scale takes the other's when it is the smaller number ("£1.5-2bn" → 1.5bn and 2bn, but
 * "$500-2 million" keeps 500). `minor` divides by 100 (pence, cents); `cents` adds hundredths.
 */
export function resolveAmounts(parts: AmountPart[], opts: { minor?: boolean; cents?: number | null } = {}): number[] | null {
  const nums = parts.map((p) => parseNumber(p.num));
  if (nums.some((n) => n === null)) return null;
  const scales = parts.map((p) => scaleValue(p.scale));
  if (parts.length === 2 && !parts[0]!.scale && parts[1]!.scale && nums[0]! < nums[1]!) scales[0] = scales[1]!;
  return nums.map((n, i) => {
    let v = scaleAmount(n!, scales[i]!);
    if (opts.minor) v = scaleAmount(v, 0.01);
    if (opts.cents != null) v = Number((v + opts.cents / 100).toPrecision(15));
    return v;
  });
}
