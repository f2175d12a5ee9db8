import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time; they use an untyped db */

/**
 * Done activities counted per UTC day of their done time, owner and type, kept by triggers like the planned-day
 * counts of migration 0865. The activity funnel (calls -> meetings -> proposals done per manager) of a whole
 * company reads a quarter of these sums instead of half a million done activities (0.5-1 s).
 */
const key = ['done_date', 'owner_id', 'type'] as const;
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

const matches = sql.raw(`done_date = substr(old.done_at, 1, 10) AND owner_id = old.owner_id AND type = old.type`);
const changed = sql.raw(['done_at', 'owner_id', 'type'].map((k) => `old.${k} IS DISTINCT FROM new.${k}`).join(' OR '));
const add = sql`INSERT INTO activity_done_counts (done_date, owner_id, type, n) VALUES (substr(new.done_at, 1, 10), new.owner_id, new.type, 1)
  ON CONFLICT (done_date, owner_id, type) DO UPDATE SET n = activity_done_counts.n + 1`;
const remove = sql`UPDATE activity_done_counts SET n = n - 1 WHERE ${matches};
  DELETE FROM activity_done_counts WHERE ${matches} AND n <= 0`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activity_done_counts')
    .addColumn('done_date', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_done_counts_pk', [...key])
    .$call((t) => (isPostgres(db) ? t : t.modifyEnd(sql`WITHOUT ROWID`)))
    .execute();
  await sql`INSERT INTO activity_done_counts (done_date, owner_id, type, n)
    SELECT substr(done_at, 1, 10), owner_id, type, count(*) FROM activities WHERE done_at IS NOT NULL GROUP BY substr(done_at, 1, 10), owner_id, type`.execute(db);
  if (isPostgres(db)) {
    await sql`CREATE FUNCTION activity_done_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND old.done_at IS NOT NULL THEN ${remove}; END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND new.done_at IS NOT NULL THEN ${add}; END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER activity_done_counts_write AFTER INSERT OR DELETE ON activities FOR EACH ROW EXECUTE FUNCTION activity_done_counts_sync()`.execute(db);
    await sql`CREATE TRIGGER activity_done_counts_change AFTER UPDATE OF done_at, owner_id, type ON activities
      FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION activity_done_counts_sync()`.execute(db);
  } else {
    await sql`CREATE TRIGGER activity_done_counts_insert AFTER INSERT ON activities WHEN new.done_at IS NOT NULL BEGIN ${add}; END`.execute(db);
    await sql`CREATE TRIGGER activity_done_counts_delete AFTER DELETE ON activities WHEN old.done_at IS NOT NULL BEGIN ${remove}; END`.execute(db);
    await sql`CREATE TRIGGER activity_done_counts_unset AFTER UPDATE OF done_at, owner_id, type ON activities
      WHEN old.done_at IS NOT NULL AND (${changed}) BEGIN ${remove}; END`.execute(db);
    await sql`CREATE TRIGGER activity_done_counts_set AFTER UPDATE OF done_at, owner_id, type ON activities
      WHEN new.done_at IS NOT NULL AND (${changed}) BEGIN ${add}; END`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP TRIGGER activity_done_counts_change ON activities`.execute(db);
    await sql`DROP TRIGGER activity_done_counts_write ON activities`.execute(db);
    await sql`DROP FUNCTION activity_done_counts_sync()`.execute(db);
  } else {
    for (const t of ['activity_done_counts_set', 'activity_done_counts_unset', 'activity_done_counts_delete', 'activity_done_counts_insert']) {
      await sql`DROP TRIGGER ${sql.id(t)}`.execute(db);
    }
  }
  await db.schema.dropTable('activity_done_counts').execute();
}
