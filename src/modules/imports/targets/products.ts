import type { Actor } from '../../../platform/audit/audit.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { AppError, type FieldIssue } from '../../../platform/errors.js';
import { fieldIssues } from '../../../platform/http/errors.js';
import { foldText } from '../../../shared/text.js';
import { listCustomFields, type CustomField } from '../../customfields/index.js';
import { createGroup, createProduct, deleteProduct, listGroups, listPriceTypes, listUnits, productInput, productUpdate, readProduct, updateProduct, type Product } from '../../products/index.js';
import type { ImportField, RowError } from '../imports.schema.js';
import { inSavepoint } from '../engine/nested.js';
import { Planner } from '../engine/plan.js';
import type { BatchOutcome, JobContext, MappedRow, PreparedTarget, Target, UndoEntry } from '../engine/target.js';
import { customImportFields, customValuesOf, parseBoolean, parseNumber } from '../engine/values.js';
import { tagImportRows } from './bulk.repository.js';

/**
 * Products and services through the catalog's own create/update (each row in a savepoint of the batch),
 * matched by SKU; groups named by a path "A / B / C" are created when missing.
 */

const ENTITY = 'product';
const field = (key: string, type: ImportField['type'] = 'text', required = false): ImportField => ({ key, label: null, type, required, multiple: false });

export const productFields: ImportField[] = [
  field('name', 'text', true),
  field('sku'),
  field('kind'),
  field('group'),
  field('unit'),
  field('price', 'number'),
  field('currency'),
  field('vatRate', 'number'),
  field('purchaseCost', 'number'),
  field('description'),
  field('isActive', 'boolean'),
];

const kinds: Record<string, 'product' | 'service'> = { product: 'product', товар: 'product', продукт: 'product', стока: 'product', service: 'service', услуга: 'service' };

/** The editable state an update changes and an undo restores. */
const editableOf = (p: Product) => ({
  kind: p.kind,
  name: p.name,
  sku: p.sku,
  description: p.description,
  groupId: p.groupId,
  unitId: p.unitId,
  vatRate: p.vatRate,
  purchaseCost: p.purchaseCost,
  costCurrency: p.costCurrency,
  isActive: p.isActive,
  prices: p.prices.map((x) => ({ priceTypeId: x.priceTypeId, amount: x.amount, currency: x.currency })),
  custom: p.custom,
});

const fieldOfIssue: Record<string, string> = { 'prices.0.amount': 'price', 'prices.0.currency': 'currency', costCurrency: 'currency', groupId: 'group', unitId: 'unit' };

class PreparedProducts implements PreparedTarget {
  private readonly dryPending = new Map<string, number>();

  constructor(
    private readonly job: JobContext,
    private readonly groups: { id: string; parentId: string | null; name: string }[],
    private readonly units: Map<string, string>,
    private readonly priceTypeId: string | null,
    private readonly custom: CustomField[],
  ) {}

  /** The group of a path, created (outside a dry run) level by level when missing. */
  private async groupOf(db: Db, path: string): Promise<string | null> {
    let parent: string | null = null;
    for (const name of path.split('/').map((s) => s.trim()).filter(Boolean)) {
      const found = this.groups.find((g) => g.parentId === parent && foldText(g.name) === foldText(name));
      if (found) parent = found.id;
      else if (this.job.dryRun) return null;
      else {
        const g = await createGroup(db, this.job.actor, { name, parentId: parent });
        this.groups.push({ id: g.id, parentId: parent, name });
        parent = g.id;
      }
    }
    return parent;
  }

  /** The row as product input (only the fields it has); unknown units and kinds are row errors. */
  private async inputOf(db: Db, r: MappedRow): Promise<{ input: Record<string, unknown> } | { errors: RowError[] }> {
    const o: Record<string, unknown> = {};
    const errors: RowError[] = [];
    for (const k of ['name', 'sku', 'description']) if (r.text(k) !== undefined) o[k] = r.text(k);
    const kind = r.text('kind');
    if (kind !== undefined) o.kind = kinds[foldText(kind)] ?? kind;
    const unit = r.text('unit');
    if (unit !== undefined) {
      o.unitId = this.units.get(foldText(unit));
      if (!o.unitId) errors.push(r.error('unit', 'import.unit_unknown', 'is not a unit of the catalog'));
    }
    const num = (k: string, scale = 1) => {
      const t = r.text(k);
      if (t === undefined) return undefined;
      const n = parseNumber(t);
      if (n === null) errors.push(r.error(k, 'validation.invalid_type', 'must be a number'));
      return n === null ? undefined : Math.round(n * scale);
    };
    const vat = r.text('vatRate');
    if (vat !== undefined) o.vatRate = /^(-|без|без ндс|без ддс|none)$/i.test(vat) ? null : parseNumber(vat) ?? vat;
    const cost = num('purchaseCost', 100);
    if (cost !== undefined) o.purchaseCost = cost;
    const price = num('price', 100);
    const currency = r.text('currency');
    if (price !== undefined) {
      if (!this.priceTypeId) errors.push(r.error('price', 'import.price_type_missing', 'the catalog has no default price type'));
      else o.prices = [{ priceTypeId: this.priceTypeId, amount: price, ...(currency && { currency }) }];
    }
    if (cost !== undefined && currency) o.costCurrency = currency;
    const active = r.text('isActive');
    if (active !== undefined) {
      const b = parseBoolean(active);
      if (b === null) errors.push(r.error('isActive', 'validation.invalid_type', 'must be yes or no'));
      else o.isActive = b;
    }
    const cv = customValuesOf(r, this.custom);
    errors.push(...cv.errors);
    if (Object.keys(cv.values).length) o.custom = cv.values;
    const group = r.text('group');
    if (group !== undefined && !errors.length) o.groupId = await this.groupOf(db, group);
    return errors.length ? { errors } : { input: o };
  }

  private rowErrors(r: MappedRow, issues: FieldIssue[]): RowError[] {
    return r.errors(issues.map((i) => ({ ...i, field: fieldOfIssue[i.field] ?? i.field })));
  }

  async apply(trx: Executor, rows: MappedRow[]): Promise<BatchOutcome> {
    const { job } = this;
    const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, errors: [] };
    const skus = rows.flatMap((r) => (r.text('sku') ? [r.text('sku')!] : []));
    const existing = new Map<string, string[]>();
    if (job.key === 'sku' && skus.length) {
      for (const p of await trx.selectFrom('products').select(['id', 'sku']).where('sku', 'in', [...new Set(skus)]).execute()) existing.set(p.sku!, [p.id]);
    }
    const planner = new Planner({ key: job.key, mode: job.mode, keyField: 'sku', pending: job.dryRun ? this.dryPending : new Map() }, existing);
    const ids = new Map<number, string>();
    for (const r of rows) {
      const plan = planner.plan({ r, key: job.key === 'sku' ? (r.text('sku') ?? null) : null });
      if (plan.action === 'error') {
        out.errors.push(plan.error);
        continue;
      }
      try {
        const tag = await inSavepoint(trx, (db) => this.write(db, r, plan.action === 'create' ? null : plan.action === 'update' ? plan.id : (ids.get(plan.into) ?? null)));
        if (tag === 'unchanged') out.unchanged += 1;
        else {
          if (tag.action === 'created') ids.set(r.row, tag.entity_id);
          if (!job.dryRun) await tagImportRows(trx, job.importId, ENTITY, [tag]);
          out[tag.action === 'created' && plan.action === 'create' ? 'created' : 'updated'] += 1;
        }
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (plan.action === 'create') planner.forget(plan.key);
        out.errors.push(...(err.details?.fields ? this.rowErrors(r, err.details.fields) : [r.error(null, err.code, err.message)]));
      }
    }
    return out;
  }

  /** Creates or updates one product; in a dry run only validates. Returns the undo tag. */
  private async write(db: Db, r: MappedRow, id: string | null) {
    const built = await this.inputOf(db, r);
    if ('errors' in built) throw new AppError('validation_failed', 422, 'row', { fields: built.errors.map((e) => ({ field: e.field ?? '', code: e.code, message: e.message })) });
    const { input } = built;
    const check = (schema: typeof productInput | typeof productUpdate, value: unknown) => {
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw AppError.validation(fieldIssues(parsed.error));
    };
    if (id === null) {
      check(productInput, input);
      if (this.job.dryRun) return { entity_id: '', action: 'created' as const, row: r.row, before: null, after_version: 1 };
      const p = await createProduct(db, this.job.actor, input as Parameters<typeof createProduct>[2]);
      return { entity_id: p.id, action: 'created' as const, row: r.row, before: null, after_version: p.version };
    }
    const before = await readProduct(db, id);
    const had = editableOf(before).prices;
    const given = input.prices as { priceTypeId: string; amount: number; currency?: string }[] | undefined;
    // The row's price keeps the currency the product had for that price type unless the row names one.
    const prices = given
      ? [...had.filter((x) => x.priceTypeId !== this.priceTypeId), ...given.map((x) => ({ priceTypeId: x.priceTypeId, amount: x.amount, currency: x.currency?.toUpperCase() ?? had.find((h) => h.priceTypeId === x.priceTypeId)?.currency }))]
      : undefined;
    const next = { ...input, ...(prices && { prices }), custom: { ...before.custom, ...((input.custom as object | undefined) ?? {}) } };
    const changed = Object.entries(next).some(([k, v]) => JSON.stringify(v) !== JSON.stringify((editableOf(before) as Record<string, unknown>)[k]));
    if (!changed) return 'unchanged' as const;
    const update = { version: before.version, ...next };
    check(productUpdate, update);
    if (this.job.dryRun) return { entity_id: id, action: 'updated' as const, row: r.row, before: null, after_version: before.version };
    const after = await updateProduct(db, this.job.actor, id, productUpdate.parse(update));
    return { entity_id: id, action: 'updated' as const, row: r.row, before: JSON.stringify(editableOf(before)), after_version: after.version };
  }
}

/** Deletes created products (unless used by deals or bundles) and restores updated ones, both only if unchanged since. */
async function undoProducts(trx: Executor, entries: UndoEntry[], job: { actor: Actor }): Promise<{ reverted: number; kept: number }> {
  let reverted = 0;
  for (const e of entries) {
    try {
      await inSavepoint(trx, async (db) => {
        const now = await readProduct(db, e.entityId).catch(() => null);
        if (!now) {
          if (e.action === 'created') reverted += 1;
          return;
        }
        if (now.version !== e.afterVersion) return;
        if (e.action === 'created') await deleteProduct(db, job.actor, e.entityId);
        else await updateProduct(db, job.actor, e.entityId, productUpdate.parse({ version: now.version, ...(JSON.parse(e.before!) as object) }));
        reverted += 1;
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return { reverted, kept: entries.length - reverted };
}

export const productsTarget: Target = {
  entity: 'product',
  keys: ['sku'],
  fields: async (db) => [...productFields, ...customImportFields(await listCustomFields(db, 'product'))],
  prepare: async (db, job) => {
    const units = new Map<string, string>();
    for (const u of await listUnits(db)) for (const name of [u.key, u.okei, ...Object.values(u.names), ...Object.values(u.shorts)]) if (name) units.set(foldText(name), u.id);
    const defaultType = (await listPriceTypes(db)).find((t) => t.isDefault) ?? null;
    const groups = (await listGroups(db)).map((g) => ({ id: g.id, parentId: g.parentId, name: g.name }));
    return new PreparedProducts(job, groups, units, defaultType?.id ?? null, await listCustomFields(db, 'product'));
  },
  undo: undoProducts,
};
