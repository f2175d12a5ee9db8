import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

/**
 * Activities counted per planned day, owner, type and status, kept by triggers in the same transaction as every
 * insert, delete and change of those columns (whatever writes them: the API, imports, merges, demo data). The
 * report constructor reads a year of activities by type and month from these sums (a few hundred thousand rows)
 * instead of five million index entries (PostgreSQL 0.6-1 s).
 */
const key = ['planned_date', 'owner_id', 'type', 'status'] as const;
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

const matches = (row: 'old' | 'new') => sql.raw(key.map((k) => `${k} = ${row}.${k}`).join(' AND '));
const changed = sql.raw(key.map((k) => `old.${k} IS DISTINCT FROM new.${k}`).join(' OR '));
const add = sql`INSERT INTO activity_day_counts (planned_date, owner_id, type, status, n) VALUES (new.planned_date, new.owner_id, new.type, new.status, 1)
  ON CONFLICT (planned_date, owner_id, type, status) DO UPDATE SET n = activity_day_counts.n + 1`;
const remove = sql`UPDATE activity_day_counts SET n = n - 1 WHERE ${matches('old')};
  DELETE FROM activity_day_counts WHERE ${matches('old')} AND n <= 0`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activity_day_counts')
    .addColumn('planned_date', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_day_counts_pk', [...key])
    // SQLite keeps the rows in key order (the counts read in that order without a lookup each).
    .$call((t) => (isPostgres(db) ? t : t.modifyEnd(sql`WITHOUT ROWID`)))
    .execute();
  await sql`INSERT INTO activity_day_counts (planned_date, owner_id, type, status, n)
    SELECT planned_date, owner_id, type, status, count(*) FROM activities GROUP BY planned_date, owner_id, type, status`.execute(db);
  if (isPostgres(db)) {
    await sql`CREATE FUNCTION activity_day_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN ${remove}; END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN ${add}; END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER activity_day_counts_write AFTER INSERT OR DELETE ON activities FOR EACH ROW EXECUTE FUNCTION activity_day_counts_sync()`.execute(db);
    await sql`CREATE TRIGGER activity_day_counts_change AFTER UPDATE OF planned_date, owner_id, type, status ON activities
      FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION activity_day_counts_sync()`.execute(db);
  } else {
    // Grouping by day and type (without the owner) in index order as well.
    await sql`CREATE INDEX activity_day_counts_type_idx ON activity_day_counts (planned_date, type, owner_id, status, n)`.execute(db);
    await sql`CREATE TRIGGER activity_day_counts_insert AFTER INSERT ON activities BEGIN ${add}; END`.execute(db);
    await sql`CREATE TRIGGER activity_day_counts_delete AFTER DELETE ON activities BEGIN ${remove}; END`.execute(db);
    await sql`CREATE TRIGGER activity_day_counts_change AFTER UPDATE OF planned_date, owner_id, type, status ON activities
      WHEN ${changed} BEGIN ${remove}; ${add}; END`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP TRIGGER activity_day_counts_change ON activities`.execute(db);
    await sql`DROP TRIGGER activity_day_counts_write ON activities`.execute(db);
    await sql`DROP FUNCTION activity_day_counts_sync()`.execute(db);
  } else {
    for (const t of ['activity_day_counts_change', 'activity_day_counts_delete', 'activity_day_counts_insert']) await sql`DROP TRIGGER ${sql.id(t)}`.execute(db);
  }
  await db.schema.dropTable('activity_day_counts').execute();
}
