import type { Db, Executor } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { fieldIssues } from '../../../platform/http/errors.js';
import { foldText } from '../../../shared/text.js';
import { createDeal, dealInput, dealUpdate, deleteDeal, readDeal, updateDeal, type DealDetail } from '../../deals/index.js';
import { listPipelines, type Pipeline } from '../../pipelines/index.js';
import type { ImportField, RowError } from '../imports.schema.js';
import { inSavepoint } from '../engine/nested.js';
import { OwnerResolver } from '../engine/owners.js';
import { Planner } from '../engine/plan.js';
import type { BatchOutcome, JobContext, MappedRow, PreparedTarget, Target, UndoContext, UndoEntry } from '../engine/target.js';
import { parseDate, parseNumber } from '../engine/values.js';
import { tagImportRows } from './bulk.repository.js';
import { companyRefOf, resolveCompanies } from './contacts.build.js';

/**
 * Deals through the deals module's own create/update (each row in a savepoint of the batch): company by INN,
 * EIK, external id or name, pipeline and stage by name, owner, amount; matched by external id. An update
 * changes the deal's fields, not its stage (stage moves have their own rules).
 */

const ENTITY = 'deal';
const field = (key: string, type: ImportField['type'] = 'text', required = false): ImportField => ({ key, label: null, type, required, multiple: false });

export const dealFields: ImportField[] = [
  field('title', 'text', true),
  field('companyInn'),
  field('companyEik'),
  field('companyExternalId'),
  field('companyName'),
  field('pipeline'),
  field('stage'),
  field('amount', 'number'),
  field('currency'),
  field('expectedCloseDate', 'date'),
  field('probability', 'number'),
  field('type'),
  field('sourceChannel'),
  field('sourceCampaign'),
  field('owner'),
  field('externalId'),
];

const types: Record<string, string> = { new: 'new', новая: 'new', нова: 'new', cross_sell: 'cross_sell', 'cross-sell': 'cross_sell', допродажа: 'cross_sell', repeat: 'repeat', повторная: 'repeat', повторна: 'repeat' };

const editableOf = (d: DealDetail) => ({
  title: d.title,
  companyId: d.companyId,
  ownerId: d.ownerId ?? undefined,
  type: d.type,
  sourceChannel: d.sourceChannel,
  sourceCampaign: d.sourceCampaign,
  expectedCloseDate: d.expectedCloseDate,
  probability: d.probabilityManual ? d.probability : null,
  ...(d.amountMode === 'manual' && { amountMode: 'manual' as const, amount: d.amount, currency: d.currency }),
});

const fieldOfIssue: Record<string, string> = { companyId: 'companyName', pipelineId: 'pipeline', stageId: 'stage', ownerId: 'owner', lostReasonId: 'stage' };

class PreparedDeals implements PreparedTarget {
  private readonly dryPending = new Map<string, number>();

  constructor(
    private readonly job: JobContext,
    private readonly owners: OwnerResolver,
    private readonly pipelines: Pipeline[],
  ) {}

  /** The row's deal fields; unknown pipelines, stages and types are row errors. */
  private fieldsOf(r: MappedRow): { input: Record<string, unknown> } | { errors: RowError[] } {
    const o: Record<string, unknown> = {};
    const errors: RowError[] = [];
    for (const k of ['title', 'sourceChannel', 'sourceCampaign', 'currency']) if (r.text(k) !== undefined) o[k] = r.text(k);
    const pipelineName = r.text('pipeline');
    const pipeline = pipelineName === undefined ? this.pipelines.find((p) => p.isDefault) : this.pipelines.find((p) => foldText(p.name) === foldText(pipelineName));
    if (pipelineName !== undefined && !pipeline) errors.push(r.error('pipeline', 'import.pipeline_unknown', 'no pipeline has this name'));
    else if (pipelineName !== undefined) o.pipelineId = pipeline!.id;
    const stageName = r.text('stage');
    if (stageName !== undefined) {
      const stage = pipeline?.stages.find((s) => foldText(s.name) === foldText(stageName));
      if (!stage) errors.push(r.error('stage', 'import.stage_unknown', 'the pipeline has no stage of this name'));
      else o.stageId = stage.id;
    }
    const amount = r.text('amount');
    if (amount !== undefined) {
      const n = parseNumber(amount);
      if (n === null) errors.push(r.error('amount', 'validation.invalid_type', 'must be a number'));
      else Object.assign(o, { amountMode: 'manual', amount: Math.round(n * 100) });
    }
    const date = r.text('expectedCloseDate');
    if (date !== undefined) {
      o.expectedCloseDate = parseDate(date);
      if (!o.expectedCloseDate) errors.push(r.error('expectedCloseDate', 'validation.invalid_format', 'must be a date (YYYY-MM-DD or DD.MM.YYYY)'));
    }
    const probability = r.text('probability');
    if (probability !== undefined) o.probability = parseNumber(probability) ?? probability;
    const type = r.text('type');
    if (type !== undefined) o.type = types[foldText(type)] ?? type;
    return errors.length ? { errors } : { input: o };
  }

  async apply(trx: Executor, rows: MappedRow[]): Promise<BatchOutcome> {
    const { job } = this;
    const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, errors: [] };
    const withCompany = rows.flatMap((r) => {
      const company = companyRefOf(r);
      return company ? [{ r, company }] : [];
    });
    const companies = await resolveCompanies(trx, job.principal, withCompany);
    const companyOf = new Map([...companies].map(([d, c]) => [d.r, c]));
    const externals = rows.flatMap((r) => (r.text('externalId') ? [r.text('externalId')!] : []));
    const existing = new Map<string, string[]>();
    if (externals.length) {
      for (const d of await trx.selectFrom('deals').select(['id', 'external_id']).where('external_id', 'in', [...new Set(externals)]).execute()) existing.set(d.external_id!, [d.id]);
    }
    const planner = new Planner({ key: job.key, mode: job.mode, keyField: 'externalId', pending: job.dryRun ? this.dryPending : new Map() }, existing);
    const created = new Map<number, string>();
    for (const r of rows) {
      const company = companyOf.get(r);
      if (company && 'error' in company) {
        out.errors.push(company.error);
        continue;
      }
      const plan = planner.plan({ r, key: job.key === 'externalId' ? (r.text('externalId') ?? null) : null });
      if (plan.action === 'error') {
        out.errors.push(plan.error);
        continue;
      }
      const id = plan.action === 'update' ? plan.id : plan.action === 'merge' ? (created.get(plan.into) ?? null) : null;
      try {
        const tag = await inSavepoint(trx, (db) => this.write(db, r, id, company && 'id' in company ? company.id : undefined));
        if (tag === 'unchanged') out.unchanged += 1;
        else {
          if (tag.action === 'created') created.set(r.row, tag.entity_id);
          if (!job.dryRun) await tagImportRows(trx, job.importId, ENTITY, [tag]);
          out[plan.action === 'create' ? 'created' : 'updated'] += 1;
        }
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (plan.action === 'create') planner.forget(plan.key);
        const fields = err.details?.fields;
        out.errors.push(...(fields ? r.errors(fields.map((f) => ({ ...f, field: fieldOfIssue[f.field] ?? f.field }))) : [r.error(null, err.code, err.message)]));
      }
    }
    return out;
  }

  private async write(db: Db, r: MappedRow, id: string | null, companyId: string | undefined) {
    const built = this.fieldsOf(r);
    if ('errors' in built) throw AppError.validation(built.errors.map((e) => ({ field: e.field ?? '', code: e.code, message: e.message })));
    const before = id ? await readDeal(db, id) : null;
    const owner = this.owners.resolve(r, before ? 'update' : 'create', before ? before.ownerId : this.job.principal.id);
    if ('error' in owner) throw AppError.validation([{ field: 'owner', code: owner.error.code, message: owner.error.message }]);
    const externalId = r.text('externalId') ?? null;
    const input = { ...built.input, ...(companyId && { companyId }), ...(owner.ownerId && { ownerId: owner.ownerId }) };
    const check = (schema: typeof dealInput | typeof dealUpdate, value: unknown) => {
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw AppError.validation(fieldIssues(parsed.error));
    };
    if (!before) {
      check(dealInput, input);
      if (this.job.dryRun) return { entity_id: '', action: 'created' as const, row: r.row, before: null, after_version: 1 };
      const deal = await createDeal(db, this.job.principal, this.job.actor, input as Parameters<typeof createDeal>[3]);
      if (externalId) await db.updateTable('deals').set({ external_id: externalId }).where('id', '=', deal.id).execute();
      return { entity_id: deal.id, action: 'created' as const, row: r.row, before: null, after_version: deal.version };
    }
    const { pipelineId: _p, stageId: _s, ...fields } = input as Record<string, unknown>;
    const old = editableOf(before) as Record<string, unknown>;
    if (!Object.entries(fields).some(([k, v]) => JSON.stringify(v) !== JSON.stringify(old[k]))) return 'unchanged' as const;
    const update = { version: before.version, ...fields };
    check(dealUpdate, update);
    if (this.job.dryRun) return { entity_id: before.id, action: 'updated' as const, row: r.row, before: null, after_version: before.version };
    const after = await updateDeal(db, this.job.principal, this.job.actor, before.id, update as Parameters<typeof updateDeal>[4]);
    return { entity_id: before.id, action: 'updated' as const, row: r.row, before: JSON.stringify(old), after_version: after.version };
  }
}

/** Deletes created deals and restores updated ones, both only when unchanged since the import. */
async function undoDeals(trx: Executor, entries: UndoEntry[], job: UndoContext): Promise<{ reverted: number; kept: number }> {
  let reverted = 0;
  for (const e of entries) {
    try {
      await inSavepoint(trx, async (db) => {
        const now = await readDeal(db, e.entityId).catch(() => null);
        if (!now) {
          if (e.action === 'created') reverted += 1;
          return;
        }
        if (now.version !== e.afterVersion) return;
        if (e.action === 'created') await deleteDeal(db, job.principal, job.actor, e.entityId);
        else await updateDeal(db, job.principal, job.actor, e.entityId, { version: now.version, ...(JSON.parse(e.before!) as object) } as Parameters<typeof updateDeal>[4]);
        reverted += 1;
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return { reverted, kept: entries.length - reverted };
}

export const dealsTarget: Target = {
  entity: 'deal',
  keys: ['externalId'],
  fields: async () => dealFields,
  prepare: async (db, job) => new PreparedDeals(job, await OwnerResolver.load(db, job.principal, 'deal'), await listPipelines(db, true)),
  undo: undoDeals,
};
