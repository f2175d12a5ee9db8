import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

/**
 * Activities (with their contacts), tasks, reminder jobs, in-app notifications, per-user work settings,
 * the holidays calendar and private calendar-feed tokens.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', notNull)
    .addColumn('direction', 'text')
    .addColumn('status', 'text', notNull)
    // A deleted company, deal or previous activity unlinks its activities (merges re-point them first).
    .addColumn('company_id', 'text', (c) => c.references('companies.id').onDelete('set null'))
    .addColumn('deal_id', 'text', (c) => c.references('deals.id').onDelete('set null'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('planned_date', 'text', notNull)
    .addColumn('planned_time', 'text')
    .addColumn('planned_at', 'text')
    .addColumn('planned_key', 'text', notNull)
    .addColumn('done_at', 'text')
    .addColumn('result', 'text')
    .addColumn('call_result', 'text')
    .addColumn('duration_sec', 'integer')
    .addColumn('claim_status', 'text')
    .addColumn('subject', 'text')
    .addColumn('notes', 'text')
    .addColumn('next_step_declined', 'integer', zero)
    .addColumn('next_step_reason', 'text')
    .addColumn('previous_id', 'text', (c) => c.references('activities.id').onDelete('set null'))
    .addColumn('timeline_at', 'text', notNull)
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    // JSON { field: version that last changed it }: a version conflict names the fields changed since.
    .addColumn('field_versions', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  for (const [name, cols] of [
    // Open activities of an owner by planned date and time (Today, the schedule, reminders).
    ['activities_owner_open_idx', ['owner_id', 'status', 'planned_key', 'id']],
    // Calendars (one user or a department's users over a date range).
    ['activities_owner_planned_idx', ['owner_id', 'planned_key', 'id']],
    ['activities_planned_idx', ['planned_key', 'id']],
    // Timelines of a company and of a deal.
    ['activities_company_idx', ['company_id', 'timeline_at', 'id']],
    ['activities_deal_idx', ['deal_id', 'timeline_at', 'id']],
    ['activities_done_idx', ['done_at', 'id']],
    ['activities_created_idx', ['created_at', 'id']],
    // Deleting an activity unlinks the one its completion planned.
    ['activities_previous_idx', ['previous_id']],
  ] as const) {
    await db.schema.createIndex(name).on('activities').columns([...cols]).execute();
  }

  await db.schema
    .createTable('activity_contacts')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('sort', 'integer', zero)
    .addPrimaryKeyConstraint('activity_contacts_pk', ['activity_id', 'contact_id'])
    .execute();
  await db.schema.createIndex('activity_contacts_contact_idx').on('activity_contacts').columns(['contact_id', 'activity_id']).execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', notNull)
    .addColumn('description', 'text')
    .addColumn('assignee_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('due_date', 'text')
    .addColumn('due_time', 'text')
    .addColumn('due_at', 'text')
    .addColumn('due_key', 'text', notNull)
    .addColumn('priority', 'text', notNull)
    .addColumn('priority_rank', 'integer', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('done_at', 'text')
    .addColumn('checklist', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('company_id', 'text', (c) => c.references('companies.id').onDelete('set null'))
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('deal_id', 'text', (c) => c.references('deals.id').onDelete('set null'))
    .addColumn('field_versions', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  for (const [name, cols] of [
    ['tasks_assignee_idx', ['assignee_id', 'status', 'due_key', 'id']],
    ['tasks_creator_idx', ['created_by', 'status', 'due_key', 'id']],
    ['tasks_due_idx', ['due_key', 'id']],
    ['tasks_created_idx', ['created_at', 'id']],
    ['tasks_company_idx', ['company_id']],
    ['tasks_contact_idx', ['contact_id']],
    ['tasks_deal_idx', ['deal_id']],
  ] as const) {
    await db.schema.createIndex(name).on('tasks').columns([...cols]).execute();
  }

  // A job table: app nodes claim due rows with one atomic UPDATE, so a reminder fires once.
  await db.schema
    .createTable('reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('entity', 'text', notNull)
    .addColumn('entity_id', 'text', notNull)
    .addColumn('fire_at', 'text', notNull)
    .addColumn('channel', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('body', 'text')
    .addColumn('link', 'text')
    .addColumn('fired_at', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('attempts', 'integer', zero)
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('reminders_due_idx').on('reminders').columns(['fire_at', 'id']).where(sql.ref('fired_at'), 'is', null).execute();
  await db.schema.createIndex('reminders_entity_idx').on('reminders').columns(['entity', 'entity_id']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('body', 'text')
    .addColumn('link', 'text')
    .addColumn('entity', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('notifications_unread_idx').on('notifications').columns(['user_id', 'read_at']).execute();

  // The user's time zone stays in users.time_zone; these complete the working calendar.
  await db.schema
    .createTable('user_work_settings')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('work_days', 'text', (c) => c.notNull().defaultTo('[1,2,3,4,5]'))
    .addColumn('work_start', 'text', (c) => c.notNull().defaultTo('09:00'))
    .addColumn('work_end', 'text', (c) => c.notNull().defaultTo('18:00'))
    .addColumn('daily_capacity', 'integer', (c) => c.notNull().defaultTo(25))
    .addColumn('reminder_minutes', 'integer', (c) => c.notNull().defaultTo(15))
    .addColumn('email_reminders', 'integer', zero)
    .addColumn('holiday_country', 'text')
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('holidays')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('country', 'text', notNull)
    .addColumn('date', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('is_workday', 'integer', zero)
    .addColumn('created_at', 'text', notNull)
    .addUniqueConstraint('holidays_country_date_uq', ['country', 'date'])
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', notNull)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['calendar_feeds', 'holidays', 'user_work_settings', 'notifications', 'reminders', 'tasks', 'activity_contacts', 'activities']) {
    await db.schema.dropTable(t).execute();
  }
}
