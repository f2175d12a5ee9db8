import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

/**
 * Columns of a priced line, shared by deal lines and document lines. Scaled integers as in the catalog:
 * quantity in thousandths, discount_percent and vat_rate in basis points (2200 = 22 %), money in minor units.
 */
function lineColumns(t: CreateTableBuilder<any, any>): CreateTableBuilder<any, any> {
  return t
    .addColumn('sort', 'integer', zero)
    .addColumn('product_id', 'text')
    .addColumn('name', 'text', notNull)
    .addColumn('quantity', 'bigint', notNull)
    .addColumn('unit_price', 'bigint', notNull)
    .addColumn('discount_percent', 'integer')
    .addColumn('discount_amount', 'bigint')
    .addColumn('vat_rate', 'integer')
    .addColumn('vat_included', 'integer', zero)
    .addColumn('net', 'bigint', notNull)
    .addColumn('vat', 'bigint', notNull)
    .addColumn('gross', 'bigint', notNull)
    .addColumn('is_bundle', 'integer', zero)
    .addColumn('components', 'text');
}

/**
 * Pipelines with stages, lost reasons, deals with contacts, product lines and stage history, per-stage
 * board totals, and proposals/orders with gap-free numbering per kind and year.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pipelines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', notNull)
    .addColumn('sort', 'integer', zero)
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_default', 'integer', zero)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  // Deleted stages stay (deleted_at set) so the stage history of deals keeps their names.
  await db.schema
    .createTable('stages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id').onDelete('cascade'))
    .addColumn('name', 'text', notNull)
    .addColumn('sort', 'integer', zero)
    .addColumn('probability', 'integer', zero)
    .addColumn('planned_days', 'integer')
    .addColumn('kind', 'text', notNull)
    .addColumn('deleted_at', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('stages_pipeline_idx').on('stages').columns(['pipeline_id', 'sort']).execute();

  await db.schema
    .createTable('lost_reasons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', notNull)
    .addColumn('sort', 'integer', zero)
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('deals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', notNull)
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id'))
    .addColumn('stage_id', 'text', (c) => c.notNull().references('stages.id'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('type', 'text', notNull)
    .addColumn('source_channel', 'text')
    .addColumn('source_campaign', 'text')
    .addColumn('amount', 'bigint', zero)
    .addColumn('amount_mode', 'text', notNull)
    .addColumn('currency', 'text', notNull)
    .addColumn('expected_close_date', 'text')
    .addColumn('probability', 'integer')
    .addColumn('lost_reason_id', 'text', (c) => c.references('lost_reasons.id'))
    .addColumn('lost_comment', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('stage_entered_at', 'text', notNull)
    .addColumn('field_versions', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  // Board columns (a stage id implies its pipeline): everyone's, and one owner's, newest arrivals first.
  for (const [name, cols] of [
    ['deals_stage_entered_idx', ['stage_id', 'stage_entered_at', 'id']],
    ['deals_stage_owner_idx', ['stage_id', 'owner_id', 'stage_entered_at', 'id']],
    ['deals_company_idx', ['company_id', 'created_at', 'id']],
    ['deals_owner_idx', ['owner_id', 'created_at', 'id']],
    ['deals_pipeline_idx', ['pipeline_id', 'created_at', 'id']],
    ['deals_created_idx', ['created_at', 'id']],
    ['deals_updated_idx', ['updated_at', 'id']],
    ['deals_amount_idx', ['amount', 'id']],
    ['deals_lost_reason_idx', ['lost_reason_id']],
  ] as const) {
    await db.schema.createIndex(name).on('deals').columns([...cols]).execute();
  }
  // Expected close: deals without a date sort last.
  await sql`CREATE INDEX deals_expected_idx ON deals ((coalesce(expected_close_date, '9999-12-31')), id)`.execute(db);

  // Counters behind the board's column totals: per stage, owner ('' = none) and currency. Deals that follow
  // the stage's probability add to auto_amount_sum; deals with their own add amount x probability to
  // manual_weighted_sum, so editing a stage's probability needs no recount.
  await db.schema
    .createTable('deal_stage_totals')
    .addColumn('stage_id', 'text', notNull)
    .addColumn('owner_key', 'text', notNull)
    .addColumn('currency', 'text', notNull)
    .addColumn('count', 'bigint', zero)
    .addColumn('amount_sum', 'bigint', zero)
    .addColumn('auto_amount_sum', 'bigint', zero)
    .addColumn('manual_weighted_sum', 'bigint', zero)
    .addPrimaryKeyConstraint('deal_stage_totals_pk', ['stage_id', 'owner_key', 'currency'])
    .execute();

  await db.schema
    .createTable('deal_contacts')
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('sort', 'integer', zero)
    .addPrimaryKeyConstraint('deal_contacts_pk', ['deal_id', 'contact_id'])
    .execute();
  await db.schema.createIndex('deal_contacts_contact_idx').on('deal_contacts').column('contact_id').execute();

  await lineColumns(
    db.schema
      .createTable('deal_lines')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade')),
  ).execute();
  await db.schema.createIndex('deal_lines_deal_idx').on('deal_lines').columns(['deal_id', 'sort']).execute();
  await db.schema.createIndex('deal_lines_product_idx').on('deal_lines').columns(['product_id', 'deal_id']).execute();

  await db.schema
    .createTable('deal_stage_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('from_stage_id', 'text')
    .addColumn('to_stage_id', 'text', notNull)
    .addColumn('at', 'text', notNull)
    .addColumn('user_id', 'text')
    .addColumn('seconds_in_from_stage', 'bigint')
    .execute();
  await db.schema.createIndex('deal_stage_history_deal_idx').on('deal_stage_history').columns(['deal_id', 'at', 'id']).execute();

  await db.schema
    .createTable('deal_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('kind', 'text', notNull)
    .addColumn('year', 'integer', notNull)
    .addColumn('seq', 'integer', notNull)
    .addColumn('number', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('date', 'text', notNull)
    .addColumn('valid_until', 'text')
    .addColumn('note', 'text')
    .addColumn('currency', 'text', notNull)
    .addColumn('net', 'bigint', zero)
    .addColumn('vat', 'bigint', zero)
    .addColumn('gross', 'bigint', zero)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addUniqueConstraint('deal_documents_number_uq', ['kind', 'year', 'seq'])
    .execute();
  await db.schema.createIndex('deal_documents_deal_idx').on('deal_documents').columns(['deal_id', 'created_at']).execute();

  await lineColumns(
    db.schema
      .createTable('deal_document_lines')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('document_id', 'text', (c) => c.notNull().references('deal_documents.id').onDelete('cascade')),
  ).execute();
  await db.schema.createIndex('deal_document_lines_doc_idx').on('deal_document_lines').columns(['document_id', 'sort']).execute();

  await db.schema
    .createTable('document_counters')
    .addColumn('kind', 'text', notNull)
    .addColumn('year', 'integer', notNull)
    .addColumn('last', 'integer', notNull)
    .addPrimaryKeyConstraint('document_counters_pk', ['kind', 'year'])
    .execute();

  if (dialectOf(db) === 'postgres') {
    await sql`CREATE INDEX deals_fts_idx ON deals USING gin (to_tsvector('simple', search_text))`.execute(db);
  } else {
    await sql.raw(
      `CREATE VIRTUAL TABLE deals_fts USING fts5(search_text, content='deals', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3')`,
    ).execute(db);
    await sql.raw(`CREATE TRIGGER deals_fts_ai AFTER INSERT ON deals BEGIN
      INSERT INTO deals_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END`).execute(db);
    await sql.raw(`CREATE TRIGGER deals_fts_ad AFTER DELETE ON deals BEGIN
      INSERT INTO deals_fts(deals_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END`).execute(db);
    await sql.raw(`CREATE TRIGGER deals_fts_au AFTER UPDATE OF search_text ON deals BEGIN
      INSERT INTO deals_fts(deals_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
      INSERT INTO deals_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') await sql`DROP TABLE IF EXISTS deals_fts`.execute(db);
  for (const t of [
    'document_counters', 'deal_document_lines', 'deal_documents', 'deal_stage_history', 'deal_lines', 'deal_contacts',
    'deal_stage_totals', 'deals', 'lost_reasons', 'stages', 'pipelines',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
