import { ownerFilter, requireScope, type Principal, type Resource } from '../../platform/access/index.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { subtreeIds } from '../../shared/tree.js';
import { baseCurrency, convertAmount } from '../products/index.js';
import { addDays, resolvePeriod } from './reports.definition.js';
import { axesOf, pivotOf, type Acc } from './reports.pivot.js';
import * as repo from './reports.repository.js';
import type { RawKey } from './reports.repository.js';
import type { Dimension, ReportDefinition, ReportEntity, ReportResult } from './reports.schema.js';

/**
 * Runs a checked definition as the viewer: the rows are those the viewer may read of the entity (deals and
 * lines by the deal read scope, activities by the activity one, companies by the company one), whoever saved
 * the report. SQL groups by raw columns; manager, department and the deal status are derived from them here.
 */

const MAX_GROUPS = 20_000;
const resourceOf: Record<ReportEntity, Resource> = { deals: 'deal', deal_lines: 'deal', activities: 'activity', companies: 'company' };

function rawKeyOf(entity: ReportEntity, d: Dimension): RawKey {
  if ('unit' in d) return 'period';
  switch (d.key) {
    case 'manager':
    case 'department':
      return 'owner';
    case 'status':
      return entity === 'activities' ? 'activity_status' : entity === 'companies' ? 'company_status' : 'stage';
    default:
      return d.key;
  }
}

const intersect = (a: string[] | null, b: string[]): string[] => (a === null ? b : b.filter((x) => a.includes(x)));

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

export async function runReport(db: Executor, p: Principal, def: ReportDefinition, today = todayUtc()): Promise<ReportResult> {
  const owners0 = ownerFilter(p, requireScope(p, resourceOf[def.entity], 'read'));
  const f = def.filters;
  let owners = owners0;
  if (f.ownerId) owners = intersect(owners, [f.ownerId]);
  if (f.departmentId) owners = intersect(owners, await repo.usersIn(db, [...subtreeIds(await repo.departments(db), f.departmentId)]));

  const stages = await repo.stagesByKind(db);
  const kindOf = new Map(stages.map((s) => [s.id, s.kind]));
  const dealLike = def.entity === 'deals' || def.entity === 'deal_lines';
  const equals: repo.AggregateSpec['where']['equals'] = {};
  if (f.pipelineId) equals.pipeline = f.pipelineId;
  if (f.stageId) equals.stage = f.stageId;
  if (f.dealType) equals.deal_type = f.dealType;
  if (f.sourceChannel) equals.source_channel = f.sourceChannel;
  if (f.companyStatus) equals.company_status = f.companyStatus;
  if (f.activityType) equals.activity_type = f.activityType;
  if (f.productId) equals.product = f.productId;
  if (f.status && def.entity === 'activities') equals.activity_status = f.status;
  if (f.status && def.entity === 'companies') equals.company_status = f.status;
  const stageIn = f.status && dealLike ? stages.filter((s) => s.kind === f.status).map((s) => s.id) : null;
  const productGroups = f.productGroupId ? [...subtreeIds(await repo.productGroups(db), f.productGroupId)] : null;

  const range = resolvePeriod(f.period, today);
  const dimKeys = def.dimensions.map((d) => rawKeyOf(def.entity, d));
  const keys = [...new Set(dimKeys)];
  const period = def.dimensions.find((d): d is Extract<Dimension, { unit: string }> => 'unit' in d) ?? null;
  const money = def.measures.includes('sum') || def.measures.includes('avg');
  const byCurrency = def.dimensions.some((d) => d.key === 'currency');
  const rows = await repo.aggregate(db, {
    entity: def.entity,
    keys,
    period: period ? { field: period.field, unit: period.unit } : null,
    money,
    conversion: def.measures.includes('conversion')
      ? { won: stages.filter((s) => s.kind === 'won').map((s) => s.id), closed: stages.filter((s) => s.kind !== 'open').map((s) => s.id) }
      : null,
    where: { owners, range, equals, stageIn, productGroups },
    limit: MAX_GROUPS + 1,
  });
  if (rows.length > MAX_GROUPS) {
    throw AppError.validation([{ field: 'dimensions', code: 'report.too_many_groups', message: `more than ${MAX_GROUPS} groups: choose fewer or coarser dimensions, or a shorter period` }]);
  }

  const ownerIds = [...new Set(rows.map((r) => r.keys[keys.indexOf('owner')]).filter((x): x is string => !!x))];
  const deptOf = def.dimensions.some((d) => d.key === 'department') ? await repo.userDepartments(db, ownerIds) : new Map<string, string | null>();
  const valueOf = (d: Dimension, raw: string | null): string => {
    if (d.key === 'department') return (raw && deptOf.get(raw)) || '';
    if (d.key === 'status' && dealLike) return (raw && kindOf.get(raw)) || '';
    return raw ?? '';
  };

  const base = money && !byCurrency ? await baseCurrency(db) : null;
  const unconverted = new Set<string>();
  const rate = new Map<string, number | null>();
  const convert = async (amount: number, currency: string): Promise<number | null> => {
    if (base === null || currency === base) return amount;
    if (rate.get(currency) === null) return null;
    try {
      return await convertAmount(db, amount, currency, base, today);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'exchange_rate.missing') throw err;
      rate.set(currency, null);
      unconverted.add(currency);
      return null;
    }
  };

  const groups = new Map<string, { keys: string[]; acc: Acc }>();
  for (const r of rows) {
    const values = def.dimensions.map((d, i) => valueOf(d, r.keys[keys.indexOf(dimKeys[i]!)] ?? null));
    const id = values.join('\u0001');
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { keys: values, acc: { count: 0, amount: 0, amountCount: 0, success: 0, base: 0, currencies: new Set() } }));
    g.acc.count += r.count;
    g.acc.success += r.success;
    g.acc.base += r.base;
    if (money && r.currency !== null) {
      const amount = await convert(r.amount, r.currency);
      if (amount !== null) {
        g.acc.amount += amount;
        g.acc.amountCount += r.count;
        g.acc.currencies.add(byCurrency ? r.currency : base!);
      }
    }
  }

  const axes = await axesOf(db, def, [...groups.values()].map((g) => g.keys), { stages, range: range ? { field: range.field, from: range.from, before: range.before } : null });
  return {
    definition: def,
    currency: money && !byCurrency ? base : null,
    unconverted: [...unconverted].sort(),
    range: range && range.from > '0000-01-01' && range.before < '9999-12-31' ? { from: range.from, to: addDays(range.before, -1) } : null,
    ...pivotOf(def, axes, [...groups.values()]),
  };
}
