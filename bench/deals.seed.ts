import type { Insertable } from 'kysely';
import type { Db, Executor } from '../src/platform/db/database.js';
import type { DB } from '../src/platform/db/schema.js';
import { newId } from '../src/platform/ids.js';
import { lineAmounts } from '../src/shared/line-amounts.js';
import { SCALE } from '../src/shared/money.js';
import { buildSearchText } from '../src/shared/text.js';
import { rng } from '../src/modules/demo/index.js';
import { listPipelines } from '../src/modules/pipelines/index.js';

/**
 * Bulk deals for the bench, written straight to the tables (the API would take hours for a million):
 * each deal belongs to a company and its owner, sits in a stage of one of the seeded pipelines (70 % "new
 * clients"), has 1-3 lines (some of catalog products), a creation history row and, when closed, a closing row.
 */

const MAX_PARAMS = 30_000;
const DAY = 86_400_000;
const channels = ['web', 'phone', 'exhibition', 'referral', 'email'];
const subjects = ['Поставка оборудования', 'Внедрение CRM', 'Лицензии', 'Сопровождение', 'Обучение персонала', 'Консалтинг'];

async function insertAll<T extends keyof DB & string>(trx: Executor, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (!rows.length) return;
  const per = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += per) await trx.insertInto(table).values(rows.slice(i, i + per)).execute();
}

export interface DealSeedOptions {
  size: number;
  batch?: number;
  onProgress?(done: number): void;
}

export async function seedDeals(db: Db, opts: DealSeedOptions): Promise<void> {
  const r = rng(11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const companies = await db.selectFrom('companies').select(['id', 'owner_id']).orderBy('id').execute();
  if (!companies.length) throw new Error('seed companies first');
  const products = (await db.selectFrom('products').select('id').where('kind', '<>', 'bundle').execute()).map((p) => p.id);
  const reasons = (await db.selectFrom('lost_reasons').select('id').execute()).map((x) => x.id);
  const pipelines = await listPipelines(db);
  const now = Date.now();
  const batch = opts.batch ?? 2000;
  for (let start = 0; start < opts.size; start += batch) {
    const deals: Insertable<DB['deals']>[] = [];
    const lines: Insertable<DB['deal_lines']>[] = [];
    const history: Insertable<DB['deal_stage_history']>[] = [];
    for (let i = start; i < Math.min(opts.size, start + batch); i++) {
      const company = companies[i % companies.length]!;
      const pipeline = r() < 0.7 ? pipelines[0]! : (pipelines[1] ?? pipelines[0]!);
      const roll = r();
      const open = pipeline.stages.filter((s) => s.kind === 'open');
      const stage = roll < 0.6 ? pick(open) : pipeline.stages.find((s) => s.kind === (roll < 0.8 ? 'won' : 'lost'))!;
      const createdAt = now - Math.floor(r() * 730 * DAY);
      const enteredAt = Math.min(now - 1000, createdAt + Math.floor(r() * 60 * DAY));
      const id = newId();
      const title = `${pick(subjects)} №${i + 1}`;
      const channel = pick(channels);
      let gross = 0;
      const count = 1 + Math.floor(r() * 3);
      for (let k = 0; k < count; k++) {
        const productId = products.length && r() < 0.5 ? pick(products) : null;
        const quantity = 1 + Math.floor(r() * 10);
        const unitPrice = 1000 * (10 + Math.floor(r() * 990));
        const a = lineAmounts({ quantity, unitPrice, discountPercent: null, discountAmount: null, vatRate: 22, vatIncluded: false });
        gross += a.gross;
        lines.push({ id: newId(), deal_id: id, sort: k, product_id: productId, name: `Позиция ${k + 1}`, quantity: quantity * SCALE.quantity, unit_price: unitPrice, discount_percent: null, discount_amount: null, vat_rate: 22 * SCALE.percent, vat_included: 0, net: a.net, vat: a.vat, gross: a.gross, is_bundle: 0, components: null });
      }
      const created = new Date(createdAt).toISOString();
      const entered = new Date(enteredAt).toISOString();
      deals.push({
        id, title, company_id: company.id, pipeline_id: pipeline.id, stage_id: stage.id, owner_id: company.owner_id, type: pipeline === pipelines[0] ? 'new' : 'repeat',
        source_channel: channel, source_campaign: null, amount: gross, amount_mode: 'auto', currency: 'RUB',
        expected_close_date: new Date(createdAt + 30 * DAY).toISOString().slice(0, 10), probability: null,
        lost_reason_id: stage.kind === 'lost' ? pick(reasons) : null, lost_comment: null, closed_at: stage.kind === 'open' ? null : entered,
        stage_entered_at: entered, field_versions: '{}', search_text: buildSearchText([title, channel]), version: 1, created_by: company.owner_id,
        created_at: created, updated_at: entered,
      });
      history.push({ id: newId(), deal_id: id, from_stage_id: null, to_stage_id: open[0]!.id, at: created, user_id: company.owner_id, seconds_in_from_stage: null });
      if (stage.id !== open[0]!.id) {
        history.push({ id: newId(), deal_id: id, from_stage_id: open[0]!.id, to_stage_id: stage.id, at: entered, user_id: company.owner_id, seconds_in_from_stage: Math.floor((enteredAt - createdAt) / 1000) });
      }
    }
    await db.transaction().execute(async (trx) => {
      await insertAll(trx, 'deals', deals);
      await insertAll(trx, 'deal_lines', lines);
      await insertAll(trx, 'deal_stage_history', history);
    });
    opts.onProgress?.(Math.min(opts.size, start + batch));
  }
}
