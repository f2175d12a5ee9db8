/**
 * The vocabulary of the daily schedule, shared by the algorithm, the API contracts and the UI:
 * funnel groups, the rules that place an item, and the schedule settings with their defaults.
 * Plain constants and types (no imports): the UI may import this file.
 */

/** Funnel groups of items without a promised time. */
export const funnelGroups = ['hot', 'customer', 'early', 'new'] as const;
export type FunnelGroup = (typeof funnelGroups)[number];

/**
 * Why an item is where it is. Promise rules are relative to the day of the list ("today" on a
 * forecast day is that day).
 */
export const scheduleRules = [
  'promise_upcoming_today',
  'promise_missed_today',
  'promise_overdue',
  'funnel_hot',
  'funnel_customer',
  'funnel_early',
  'funnel_new_prospect',
] as const;
export type ScheduleRule = (typeof scheduleRules)[number];

export const funnelRule: Record<FunnelGroup, ScheduleRule> = {
  hot: 'funnel_hot',
  customer: 'funnel_customer',
  early: 'funnel_early',
  new: 'funnel_new_prospect',
};

/** How the funnel is ordered and how much a manager does per day. */
export interface ScheduleSettings {
  /** A permutation of funnelGroups: the order of the funnel blocks. */
  groupOrder: readonly FunnelGroup[];
  /** Existing customers before hot deals (whatever their places in groupOrder). */
  customersBeforeHot: boolean;
  /** Contacts a manager handles per working day (promises included). */
  dailyCapacity: number;
  /** An open deal whose probability (its own, else its stage's) reaches this percent is hot. */
  hotThreshold: number;
}

/**
 * Defaults: hot deals, then customers, then early deals, then new prospects. The seeded pipelines put
 * meetings at 40 %, proposals at 60 % and negotiations at 80 %, so 40 % makes "meetings held, proposal
 * sent, closing" hot and leaves leads and qualification (10-20 %) early.
 */
export const defaultScheduleSettings: ScheduleSettings = {
  groupOrder: ['hot', 'customer', 'early', 'new'],
  customersBeforeHot: false,
  dailyCapacity: 40,
  hotThreshold: 40,
};

/** The funnel group order after applying customersBeforeHot to groupOrder. */
export function effectiveGroupOrder(settings: Pick<ScheduleSettings, 'groupOrder' | 'customersBeforeHot'>): FunnelGroup[] {
  const order = [...settings.groupOrder];
  const hot = order.indexOf('hot');
  const customer = order.indexOf('customer');
  if (hot >= 0 && customer >= 0 && customer < hot !== settings.customersBeforeHot) {
    order[hot] = 'customer';
    order[customer] = 'hot';
  }
  return order;
}
