import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

/** Tables that get an external id (the key of a record in the system it was imported from). */
const externalTables = ['companies', 'contacts', 'deals'] as const;

/**
 * Import uploads, jobs (with their committed checkpoint), the rows each job created or changed (for undo),
 * per-row errors and mapping templates; external ids on companies, contacts and deals (products match by SKU).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', notNull)
    .addColumn('storage_key', 'text', notNull)
    .addColumn('size', 'bigint', notNull)
    .addColumn('format', 'text', notNull)
    .addColumn('encoding', 'text')
    .addColumn('delimiter', 'text')
    .addColumn('sheet', 'text')
    .addColumn('headers', 'text', notNull)
    .addColumn('preview', 'text', notNull)
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('upload_id', 'text', (c) => c.notNull().references('import_uploads.id'))
    .addColumn('entity', 'text', notNull)
    .addColumn('file_name', 'text', notNull)
    .addColumn('mapping', 'text', notNull)
    .addColumn('key', 'text')
    .addColumn('mode', 'text', notNull)
    .addColumn('dry_run', 'integer', zero)
    .addColumn('status', 'text', notNull)
    .addColumn('rows_total', 'integer')
    .addColumn('rows_done', 'integer', zero)
    .addColumn('rows_errors', 'integer', zero)
    .addColumn('created_count', 'integer', zero)
    .addColumn('updated_count', 'integer', zero)
    .addColumn('unchanged_count', 'integer', zero)
    .addColumn('reverted_count', 'integer', zero)
    .addColumn('kept_count', 'integer', zero)
    .addColumn('checkpoint', 'integer', zero)
    .addColumn('failure', 'text')
    .addColumn('cancel_requested', 'integer', zero)
    .addColumn('node_id', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', notNull)
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('imports_creator_idx').on('imports').columns(['created_by', 'id']).execute();
  await db.schema.createIndex('imports_status_idx').on('imports').columns(['status', 'id']).execute();

  await db.schema
    .createTable('import_rows')
    .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('entity', 'text', notNull)
    .addColumn('entity_id', 'text', notNull)
    .addColumn('action', 'text', notNull)
    .addColumn('row', 'integer', notNull)
    // updates: the record as it was before (JSON), to restore on undo
    .addColumn('before', 'text')
    // the version the import left: undo keeps a record changed since
    .addColumn('after_version', 'integer', notNull)
    .addPrimaryKeyConstraint('import_rows_pk', ['import_id', 'entity', 'entity_id'])
    .execute();
  await db.schema.createIndex('import_rows_entity_idx').on('import_rows').columns(['entity', 'entity_id']).execute();

  await db.schema
    .createTable('import_errors')
    .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('row', 'integer', notNull)
    .addColumn('seq', 'integer', notNull)
    .addColumn('column', 'text')
    .addColumn('field', 'text')
    .addColumn('code', 'text', notNull)
    .addColumn('message', 'text', notNull)
    .addPrimaryKeyConstraint('import_errors_pk', ['import_id', 'row', 'seq'])
    .execute();

  await db.schema
    .createTable('import_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', notNull)
    .addColumn('entity', 'text', notNull)
    .addColumn('mapping', 'text', notNull)
    .addColumn('key', 'text')
    .addColumn('mode', 'text', notNull)
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('import_templates_entity_idx').on('import_templates').columns(['entity', 'name']).execute();

  for (const t of externalTables) {
    await db.schema.alterTable(t).addColumn('external_id', 'text').execute();
    await sql`CREATE UNIQUE INDEX ${sql.id(`${t}_external_id_uq`)} ON ${sql.table(t)} (external_id) WHERE external_id IS NOT NULL`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of externalTables) {
    await db.schema.dropIndex(`${t}_external_id_uq`).execute();
    await db.schema.alterTable(t).dropColumn('external_id').execute();
  }
  for (const t of ['import_templates', 'import_errors', 'import_rows', 'imports', 'import_uploads']) await db.schema.dropTable(t).execute();
}
