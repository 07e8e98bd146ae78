import type { DateMention, Entity, ExtractContext, Fact, MoneyMention, PercentMention } from '../types.js';

export interface Extracted {
  entities: Entity[];
  money: MoneyMention[];
  dates: DateMention[];
  percents: PercentMention[];
}

/** Typed statements linking the mentions. Empty until the facts capability lands (issue 8). */
export function extractFacts(_ctx: ExtractContext, _found: Extracted): Fact[] {
  return [];
}
