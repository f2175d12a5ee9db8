import { assertRecordAccess, type Principal } from '../../platform/access/index.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import * as repo from './attachments.repository.js';
import type { Attachment, AttachmentEntity } from './attachments.schema.js';
import { cleanFileName, readStored, removeStoredFiles, storageKeyOf, writeStored } from './attachments.storage.js';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findAttachment>>>;

const toAttachment = (r: Row): Attachment => ({
  id: r.id,
  entity: r.entity as AttachmentEntity,
  entityId: r.entity_id,
  fileName: r.file_name,
  mime: r.mime,
  size: Number(r.size),
  createdAt: r.created_at,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
});

/** Files attached to companies and contacts; access follows the parent record. */
export class AttachmentsService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  private async checkParent(p: Principal, entity: AttachmentEntity, entityId: string, action: 'read' | 'update') {
    const parent = await repo.parentOwner(this.db, entity, entityId);
    if (!parent) throw AppError.notFound(entity);
    assertRecordAccess(p, entity, action, parent.owner_id);
  }

  private async attachment(p: Principal, id: string, action: 'read' | 'update'): Promise<Row> {
    const row = await repo.findAttachment(this.db, id);
    if (!row) throw AppError.notFound('attachment');
    try {
      await this.checkParent(p, row.entity as AttachmentEntity, row.entity_id, action);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw AppError.notFound('attachment');
      throw err;
    }
    return row;
  }

  async list(p: Principal, entity: AttachmentEntity, entityId: string, page: { limit: number; cursor?: string }) {
    await this.checkParent(p, entity, entityId, 'read');
    const before = page.cursor ? decodeCursor(page.cursor).id : null;
    const rows = await repo.listAttachments(this.db, entity, entityId, page.limit + 1, before);
    const items = rows.slice(0, page.limit).map(toAttachment);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor({ v: null, id: last.id }) : null };
  }

  /** Writes the file first, then the row and audit in a transaction; the file is removed if that fails. */
  async upload(p: Principal, actor: Actor, entity: AttachmentEntity, entityId: string, file: File): Promise<Attachment> {
    await this.checkParent(p, entity, entityId, 'update');
    if (file.size > this.config.uploadLimitBytes) {
      throw new AppError('attachment.too_large', 413, `Files may be at most ${this.config.uploadLimitBytes} bytes`, { limit: this.config.uploadLimitBytes });
    }
    if (file.size === 0) throw AppError.validation([{ field: 'file', code: 'attachment.empty', message: 'the file is empty' }]);
    const id = newId();
    const now = new Date();
    const key = storageKeyOf(id, now);
    const fileName = cleanFileName(file.name);
    await writeStored(this.config.dataDir, key, new Uint8Array(await file.arrayBuffer()));
    try {
      await this.db.transaction().execute(async (trx) => {
        await repo.insertAttachment(trx, {
          id,
          entity,
          entity_id: entityId,
          file_name: fileName,
          mime: (file.type || 'application/octet-stream').slice(0, 200),
          size: file.size,
          storage_key: key,
          created_by: p.id,
          created_at: now.toISOString(),
        });
        await writeAudit(trx, actor, entity, entityId, 'attach', [{ field: 'attachments', old: null, new: fileName }]);
      });
    } catch (err) {
      await removeStoredFiles(this.config.dataDir, [key]);
      throw err;
    }
    return toAttachment((await repo.findAttachment(this.db, id))!);
  }

  async download(p: Principal, id: string): Promise<{ attachment: Attachment; body: ReadableStream<Uint8Array> }> {
    const row = await this.attachment(p, id, 'read');
    const body = readStored(this.config.dataDir, row.storage_key);
    if (!body) throw new AppError('attachment.file_missing', 404, 'The stored file is missing');
    return { attachment: toAttachment(row), body };
  }

  async remove(p: Principal, actor: Actor, id: string): Promise<void> {
    const row = await this.attachment(p, id, 'update');
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteAttachment(trx, id);
      await writeAudit(trx, actor, row.entity, row.entity_id, 'detach', [{ field: 'attachments', old: row.file_name, new: null }]);
    });
    await removeStoredFiles(this.config.dataDir, [row.storage_key]);
  }
}
