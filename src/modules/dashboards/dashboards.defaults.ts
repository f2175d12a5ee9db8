import { scopeOf, type Principal } from '../../platform/access/index.js';
import type { ReportDefinitionInput } from '../reports/index.js';
import type { WidgetDisplay, WidgetSize } from './dashboards.schema.js';

/**
 * The ready-made dashboards: on a user's first open, the built-in reports of their role are saved as their own
 * (private) reports and placed on a dashboard. Everyone's numbers follow their read scope, so a manager's
 * "deals by stage" is their own deals.
 */

export type DefaultKind = 'manager' | 'head' | 'owner';

type Lang = 'en' | 'ru' | 'bg';
type Text = Record<Lang, string>;

export interface BuiltinWidget {
  name: Text;
  definition: ReportDefinitionInput;
  display: WidgetDisplay;
  size: WidgetSize;
}

const wonByMonth = (measures: ReportDefinitionInput['measures']): ReportDefinitionInput => ({
  entity: 'deals',
  dimensions: [{ key: 'period', unit: 'month', field: 'closed_at' }],
  measures,
  filters: { status: 'won', period: { field: 'closed_at', preset: 'last_12_months' } },
  chart: 'line',
});

const builtins: Record<DefaultKind, { name: Text; widgets: BuiltinWidget[] }> = {
  manager: {
    name: { en: 'My numbers', ru: 'Мои показатели', bg: 'Моите показатели' },
    widgets: [
      {
        name: { en: 'My open deals by stage', ru: 'Мои открытые сделки по этапам', bg: 'Моите отворени сделки по етапи' },
        definition: { entity: 'deals', dimensions: [{ key: 'stage' }], measures: ['count', 'sum'], filters: { status: 'open' }, chart: 'bar' },
        display: 'chart',
        size: 'md',
      },
      {
        name: { en: 'My activities this month by type', ru: 'Мои активности за месяц по типам', bg: 'Моите дейности този месец по вид' },
        definition: { entity: 'activities', dimensions: [{ key: 'activity_type' }], measures: ['count', 'conversion'], filters: { period: { field: 'planned_date', preset: 'this_month' } }, chart: 'pie' },
        display: 'chart',
        size: 'md',
      },
      {
        name: { en: 'My won revenue by month', ru: 'Моя выручка по месяцам', bg: 'Моите приходи по месеци' },
        definition: wonByMonth(['sum', 'count']),
        display: 'table',
        size: 'lg',
      },
    ],
  },
  head: {
    name: { en: 'Sales team', ru: 'Отдел продаж', bg: 'Търговски екип' },
    widgets: [
      {
        name: { en: 'Open deals by manager and stage', ru: 'Открытые сделки по менеджерам и этапам', bg: 'Отворени сделки по мениджъри и етапи' },
        definition: { entity: 'deals', dimensions: [{ key: 'manager' }, { key: 'stage' }], measures: ['count'], filters: { status: 'open' }, chart: 'bar' },
        display: 'chart',
        size: 'lg',
      },
      {
        name: { en: 'Won revenue by month', ru: 'Выручка по месяцам', bg: 'Приходи по месеци' },
        definition: wonByMonth(['sum']),
        display: 'chart',
        size: 'md',
      },
      {
        name: { en: 'Conversion by manager this year', ru: 'Конверсия по менеджерам за год', bg: 'Конверсия по мениджъри тази година' },
        definition: { entity: 'deals', dimensions: [{ key: 'manager' }], measures: ['count', 'conversion'], filters: { period: { field: 'created_at', preset: 'this_year' } }, chart: 'bar' },
        display: 'table',
        size: 'md',
      },
    ],
  },
  owner: {
    name: { en: 'Business overview', ru: 'Обзор бизнеса', bg: 'Преглед на бизнеса' },
    widgets: [
      {
        name: { en: 'Revenue by month', ru: 'Выручка по месяцам', bg: 'Приходи по месеци' },
        definition: wonByMonth(['sum']),
        display: 'chart',
        size: 'lg',
      },
      {
        name: { en: 'Revenue by product group this year', ru: 'Выручка по группам товаров за год', bg: 'Приходи по продуктови групи тази година' },
        definition: { entity: 'deal_lines', dimensions: [{ key: 'product_group' }], measures: ['sum'], filters: { status: 'won', period: { field: 'closed_at', preset: 'this_year' } }, chart: 'pie' },
        display: 'chart',
        size: 'md',
      },
      {
        name: { en: 'Revenue by source this year', ru: 'Выручка по источникам за год', bg: 'Приходи по източници тази година' },
        definition: { entity: 'deals', dimensions: [{ key: 'source_channel' }], measures: ['sum', 'count'], filters: { status: 'won', period: { field: 'closed_at', preset: 'this_year' } }, chart: 'pie' },
        display: 'chart',
        size: 'md',
      },
    ],
  },
};

/** Which ready-made dashboard a user gets: by role, else by how far their deal read scope reaches; none without deal access. */
export function defaultKindOf(p: Principal): DefaultKind | null {
  if (p.roleKey === 'sales_manager') return 'manager';
  if (p.roleKey === 'head_of_sales') return 'head';
  if (p.roleKey === 'admin') return 'owner';
  const scope = scopeOf(p, 'deal', 'read');
  return scope === 'own' ? 'manager' : scope === 'department' ? 'head' : scope === 'all' ? 'owner' : null;
}

export function builtinDashboard(kind: DefaultKind, locale: string): { name: string; widgets: (Omit<BuiltinWidget, 'name'> & { name: string })[] } {
  const lang: Lang = locale === 'ru' || locale === 'bg' ? locale : 'en';
  const b = builtins[kind];
  return { name: b.name[lang], widgets: b.widgets.map((w) => ({ ...w, name: w.name[lang] })) };
}
