import { systemActor, writeAudit } from '../../platform/audit/audit.js';
import { nowIso, type Db } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import type { StageKind } from './pipelines.schema.js';
import * as repo from './pipelines.repository.js';

/**
 * The pipelines and lost reasons a new installation starts with, in the language of its default country.
 * They are data: administrators rename, reorder or delete them afterwards.
 */

type StageSeed = [name: string, probability: number, plannedDays: number | null, kind: StageKind];
interface Seed {
  pipelines: { name: string; stages: StageSeed[] }[];
  lostReasons: string[];
}

const seeds: Record<'RU' | 'BG', Seed> = {
  RU: {
    pipelines: [
      {
        name: 'Новые клиенты',
        stages: [
          ['Новый лид', 10, 3, 'open'],
          ['Квалификация', 20, 5, 'open'],
          ['Встреча', 40, 7, 'open'],
          ['КП отправлено', 60, 10, 'open'],
          ['Переговоры', 80, 14, 'open'],
          ['Успешно', 100, null, 'won'],
          ['Проиграна', 0, null, 'lost'],
        ],
      },
      {
        name: 'Повторные продажи',
        stages: [
          ['Потребность', 30, 7, 'open'],
          ['КП отправлено', 60, 10, 'open'],
          ['Согласование', 80, 14, 'open'],
          ['Успешно', 100, null, 'won'],
          ['Проиграна', 0, null, 'lost'],
        ],
      },
    ],
    lostReasons: ['Цена', 'Выбрали конкурента', 'Нет бюджета', 'Нет ответа', 'Не наш клиент'],
  },
  BG: {
    pipelines: [
      {
        name: 'Нови клиенти',
        stages: [
          ['Нов контакт', 10, 3, 'open'],
          ['Квалификация', 20, 5, 'open'],
          ['Среща', 40, 7, 'open'],
          ['Изпратена оферта', 60, 10, 'open'],
          ['Преговори', 80, 14, 'open'],
          ['Спечелена', 100, null, 'won'],
          ['Загубена', 0, null, 'lost'],
        ],
      },
      {
        name: 'Повторни продажби',
        stages: [
          ['Нужда', 30, 7, 'open'],
          ['Изпратена оферта', 60, 10, 'open'],
          ['Съгласуване', 80, 14, 'open'],
          ['Спечелена', 100, null, 'won'],
          ['Загубена', 0, null, 'lost'],
        ],
      },
    ],
    lostReasons: ['Цена', 'Избраха конкурент', 'Няма бюджет', 'Няма отговор', 'Не е подходящ клиент'],
  },
};

const SEEDED_KEY = 'pipelines.seeded';

/**
 * Once per database: the default pipelines ("new clients" is the default) and lost reasons. The settings
 * row claims the seed, so concurrent first starts of several nodes seed once.
 */
export async function ensureDefaultPipelines(db: Db, country: 'RU' | 'BG'): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('settings')
      .values({ key: SEEDED_KEY, value: nowIso() })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return;
    const seed = seeds[country];
    const now = nowIso();
    for (const [i, p] of seed.pipelines.entries()) {
      const id = newId();
      await repo.insertPipeline(trx, { id, name: p.name, sort: i, is_active: 1, is_default: i === 0 ? 1 : 0, created_at: now, updated_at: now });
      await repo.insertStages(
        trx,
        p.stages.map(([name, probability, plannedDays, kind], sort) => ({ id: newId(), pipeline_id: id, name, sort, probability, planned_days: plannedDays, kind, created_at: now, updated_at: now })),
      );
      await writeAudit(trx, systemActor, 'pipeline', id, 'create');
    }
    for (const [sort, name] of seed.lostReasons.entries()) {
      await repo.insertLostReason(trx, { id: newId(), name, sort, is_active: 1, created_at: now, updated_at: now });
    }
  });
}
