import type { FactsDoc } from '../types.js';
import { EntityViewBuilder } from './entity-views.js';
import { MoneyViewBuilder } from './money-view.js';
import { TimelineViewBuilder } from './timeline-view.js';

export const VIEW_NAMES = ['organisations', 'people', 'products', 'money', 'timeline'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

/**
 * The corpus-wide views, accumulated one (rendered) document at a time so the corpus is never held in
 * memory. Each entry names its canonical entity id and the article ids and offsets that support it.
 */
export class ViewsBuilder {
  private readonly organisations = new EntityViewBuilder('organisation');
  private readonly people = new EntityViewBuilder('person');
  private readonly products = new EntityViewBuilder('product');
  private readonly money = new MoneyViewBuilder();
  private readonly timeline = new TimelineViewBuilder();

  add(doc: FactsDoc): void {
    this.organisations.add(doc);
    this.people.add(doc);
    this.products.add(doc);
    this.money.add(doc);
    this.timeline.add(doc);
  }

  build(): Record<ViewName, unknown> {
    return {
      organisations: this.organisations.build(),
      people: this.people.build(),
      products: this.products.build(),
      money: this.money.build(),
      timeline: this.timeline.build(),
    };
  }
}

export function buildViews(docs: Iterable<FactsDoc>): Record<ViewName, unknown> {
  const b = new ViewsBuilder();
  for (const d of docs) b.add(d);
  return b.build();
}
