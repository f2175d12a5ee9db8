import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

const ts = (c: ColumnDefinitionBuilder) => c.notNull();

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';

  await db.schema
    .createTable('departments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('departments.id').onDelete('restrict'))
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .execute();

  await db.schema
    .createTable('roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('is_system', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id'))
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('theme', 'text', (c) => c.notNull().defaultTo('light'))
    .addColumn('accent_color', 'text', (c) => c.notNull().defaultTo('blue'))
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .execute();
  await db.schema.createIndex('users_department_idx').on('users').column('department_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', ts)
    .addColumn('expires_at', 'text', ts)
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', ts)
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', ts)
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', ts)
    .addColumn('user_id', 'text')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('audit_entity_idx').on('audit_log').columns(['entity', 'entity_id', 'id']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('custom_fields')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .addUniqueConstraint('custom_fields_entity_key_uq', ['entity', 'key'])
    .execute();

  await db.schema
    .createTable('companies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_normalized', 'text', (c) => c.notNull())
    .addColumn('legal_form', 'text')
    .addColumn('inn', 'text')
    .addColumn('kpp', 'text')
    .addColumn('ogrn', 'text')
    .addColumn('okpo', 'text')
    .addColumn('okved_main', 'text')
    .addColumn('okved_extra', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('eik', 'text')
    .addColumn('vat_number', 'text')
    .addColumn('industry', 'text')
    .addColumn('activity_type', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text', ts)
    .addColumn('director_name', 'text')
    .addColumn('director_position', 'text')
    .addColumn('website', 'text')
    .addColumn('source', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('addresses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('city', 'text')
    .addColumn('notes', 'text')
    .addColumn('custom', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .execute();
  for (const [name, cols] of [
    ['companies_owner_idx', ['owner_id', 'id']],
    ['companies_status_idx', ['status', 'id']],
    ['companies_industry_idx', ['industry', 'id']],
    ['companies_city_idx', ['city', 'id']],
    ['companies_name_idx', ['name_normalized', 'id']],
    ['companies_updated_idx', ['updated_at', 'id']],
    ['companies_inn_idx', ['inn']],
    ['companies_eik_idx', ['eik']],
  ] as const) {
    await db.schema.createIndex(name).on('companies').columns([...cols]).execute();
  }

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text')
    .addColumn('middle_name', 'text')
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('position', 'text')
    .addColumn('birthday', 'text')
    .addColumn('notes', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('custom', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', ts)
    .addColumn('updated_at', 'text', ts)
    .execute();
  await db.schema.createIndex('contacts_owner_idx').on('contacts').columns(['owner_id', 'id']).execute();
  await db.schema.createIndex('contacts_name_idx').on('contacts').columns(['full_name', 'id']).execute();

  await db.schema
    .createTable('company_contacts')
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('position', 'text')
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('company_contacts_pk', ['company_id', 'contact_id'])
    .execute();
  await db.schema.createIndex('company_contacts_contact_idx').on('company_contacts').column('contact_id').execute();

  await db.schema
    .createTable('phones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('e164', 'text')
    .addColumn('ext', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('phones_owner_idx').on('phones').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('phones_e164_idx').on('phones').column('e164').execute();

  await db.schema
    .createTable('emails')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('emails_owner_idx').on('emails').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('emails_email_idx').on('emails').column('email').execute();

  await db.schema
    .createTable('tags')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tags_pk', ['entity', 'entity_id', 'tag'])
    .execute();
  await db.schema.createIndex('tags_tag_idx').on('tags').columns(['entity', 'tag', 'entity_id']).execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', ts)
    .execute();
  await db.schema.createIndex('attachments_owner_idx').on('attachments').columns(['entity', 'entity_id']).execute();

  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('is_shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', ts)
    .execute();

  // Full-text search over search_text (names, tax ids, phones, e-mails), Cyrillic case-insensitive.
  if (pg) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    for (const t of ['companies', 'contacts']) {
      await sql`CREATE INDEX ${sql.id(`${t}_fts_idx`)} ON ${sql.table(t)} USING gin (to_tsvector('simple', search_text))`.execute(db);
    }
    await sql`CREATE INDEX companies_name_trgm_idx ON companies USING gin (name_normalized gin_trgm_ops)`.execute(db);
  } else {
    for (const t of ['companies', 'contacts']) {
      await sql.raw(
        `CREATE VIRTUAL TABLE ${t}_fts USING fts5(search_text, content='${t}', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3')`,
      ).execute(db);
      await sql.raw(`CREATE TRIGGER ${t}_fts_ai AFTER INSERT ON ${t} BEGIN
        INSERT INTO ${t}_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END`).execute(db);
      await sql.raw(`CREATE TRIGGER ${t}_fts_ad AFTER DELETE ON ${t} BEGIN
        INSERT INTO ${t}_fts(${t}_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END`).execute(db);
      await sql.raw(`CREATE TRIGGER ${t}_fts_au AFTER UPDATE OF search_text ON ${t} BEGIN
        INSERT INTO ${t}_fts(${t}_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
        INSERT INTO ${t}_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END`).execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be rolled back; restore a backup instead.');
}
