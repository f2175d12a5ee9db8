import type { Principal } from '../../platform/access/index.js';
import { diff, writeAudit, type Actor } from '../../platform/audit/audit.js';
import { nowIso, type Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { lineSummary, priceLines, toLine, totalsOf, type LineValues } from './deals.lines.js';
import type { DealsService } from './deals.service.js';
import * as repo from './documents.repository.js';
import { documentTransitions, type DealDocument, type DocumentCreate, type DocumentKind, type DocumentStatus, type DocumentUpdate } from './documents.schema.js';

/** Proposals and orders of a deal: numbered per kind and year without gaps, edited while drafts. */

const ENTITY = 'deal_document';

/** Number prefixes per kind, in the language of the installation's country. */
const prefixes: Record<'RU' | 'BG', Record<DocumentKind, string>> = {
  RU: { proposal: 'КП', order: 'ЗК' },
  BG: { proposal: 'ОФ', order: 'ПР' },
};

const toDocument = (r: repo.DocumentRow, lines: repo.DocumentLineRow[]): DealDocument => {
  const items = lines.map(toLine);
  return {
    id: r.id,
    dealId: r.deal_id,
    kind: r.kind as DocumentKind,
    number: r.number,
    status: r.status as DocumentStatus,
    date: r.date,
    validUntil: r.valid_until,
    note: r.note,
    currency: r.currency,
    lines: items,
    totals: totalsOf(items),
    version: r.version,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
};

const audited = (d: DealDocument) => ({ number: d.number, status: d.status, date: d.date, validUntil: d.validUntil, note: d.note, lines: d.lines.map(lineSummary), gross: d.totals.gross });

/** A deal line as document line values (copied as it is, not re-priced). */
const copyLine = ({ id: _id, sort: _sort, deal_id: _dealId, ...values }: { id: string; sort: number; deal_id: string } & LineValues): LineValues => values;

export class DocumentsService {
  constructor(
    readonly deals: DealsService,
    readonly country: 'RU' | 'BG',
  ) {}

  private async read(db: Executor, dealId: string, id: string): Promise<DealDocument> {
    const row = await repo.findDocument(db, dealId, id);
    if (!row) throw AppError.notFound(ENTITY);
    return toDocument(row, await repo.loadLines(db, [id]));
  }

  async list(p: Principal, dealId: string): Promise<DealDocument[]> {
    await this.deals.load(p, dealId, 'read');
    const rows = await repo.listDocuments(this.deals.db, dealId);
    const lines = await repo.loadLines(this.deals.db, rows.map((r) => r.id));
    return rows.map((r) => toDocument(r, lines.filter((l) => l.document_id === r.id)));
  }

  async get(p: Principal, dealId: string, id: string): Promise<DealDocument> {
    await this.deals.load(p, dealId, 'read');
    return this.read(this.deals.db, dealId, id);
  }

  async create(p: Principal, actor: Actor, dealId: string, input: DocumentCreate): Promise<DealDocument> {
    const deal = await this.deals.load(p, dealId, 'update');
    const db = this.deals.db;
    const lines = input.lines ? await priceLines(db, input.lines, deal.currency) : null;
    const date = input.date ?? nowIso().slice(0, 10);
    const year = Number(date.slice(0, 4));
    const id = newId();
    return db.transaction().execute(async (trx) => {
      const values = lines ?? (await trx.selectFrom('deal_lines').selectAll().where('deal_id', '=', dealId).orderBy('sort').execute()).map(copyLine);
      const seq = await repo.nextNumber(trx, input.kind, year);
      const totals = totalsOf(values);
      const now = nowIso();
      await repo.insertDocument(trx, {
        id,
        deal_id: dealId,
        kind: input.kind,
        year,
        seq,
        number: `${prefixes[this.country][input.kind]}-${year}-${String(seq).padStart(4, '0')}`,
        status: 'draft',
        date,
        valid_until: input.validUntil ?? null,
        note: input.note ?? null,
        currency: deal.currency,
        ...totals,
        version: 1,
        created_by: p.id,
        created_at: now,
        updated_at: now,
      });
      await repo.replaceLines(trx, id, values);
      const created = await this.read(trx, dealId, id);
      await writeAudit(trx, actor, ENTITY, id, 'create', diff({}, { dealId, ...audited(created) }));
      return created;
    });
  }

  async update(p: Principal, actor: Actor, dealId: string, id: string, input: DocumentUpdate): Promise<DealDocument> {
    const deal = await this.deals.load(p, dealId, 'update');
    const db = this.deals.db;
    const before = await this.read(db, dealId, id);
    const conflict = (current: DealDocument) => new AppError('deal_document.version_conflict', 409, 'The document was changed by someone else; reload it', { current });
    if (input.version !== before.version) throw conflict(before);
    const edits = input.date !== undefined || input.validUntil !== undefined || input.note !== undefined || input.lines !== undefined;
    if (edits && before.status !== 'draft') throw new AppError('deal_document.not_draft', 409, 'Only a draft can be edited; move it back to draft first');
    if (input.status && input.status !== before.status && !documentTransitions[before.status].includes(input.status)) {
      throw AppError.validation([{ field: 'status', code: 'deal_document.status_transition', message: `cannot go from ${before.status} to ${input.status}` }]);
    }
    if (input.date && input.date.slice(0, 4) !== before.date.slice(0, 4)) {
      throw AppError.validation([{ field: 'date', code: 'deal_document.year_change', message: 'must stay in the year of the number' }]);
    }
    const lines = input.lines ? await priceLines(db, input.lines, deal.currency) : null;
    return db.transaction().execute(async (trx) => {
      const ok = await repo.updateDocument(trx, id, before.version, {
        ...(input.status !== undefined && { status: input.status }),
        ...(input.date !== undefined && { date: input.date }),
        ...(input.validUntil !== undefined && { valid_until: input.validUntil }),
        ...(input.note !== undefined && { note: input.note }),
        ...(lines && totalsOf(lines)),
        version: before.version + 1,
        updated_at: nowIso(),
      });
      if (!ok) throw conflict(await this.read(trx, dealId, id));
      if (lines) await repo.replaceLines(trx, id, lines);
      const after = await this.read(trx, dealId, id);
      await writeAudit(trx, actor, ENTITY, id, 'update', diff(audited(before), audited(after)));
      return after;
    });
  }

  /** Deletes a draft (its number is not given again). */
  async remove(p: Principal, actor: Actor, dealId: string, id: string): Promise<void> {
    await this.deals.load(p, dealId, 'update');
    await this.deals.db.transaction().execute(async (trx) => {
      const before = await this.read(trx, dealId, id);
      if (before.status !== 'draft') throw new AppError('deal_document.not_draft', 409, 'Only a draft can be deleted');
      await repo.deleteDocument(trx, id);
      await writeAudit(trx, actor, ENTITY, id, 'delete', diff({ dealId, ...audited(before) }, {}));
    });
  }
}
