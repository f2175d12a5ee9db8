import type { Db } from '../../platform/db/database.js';
import { PrincipalLoader } from '../../platform/auth/principal-loader.js';
import { systemActor } from '../../platform/audit/audit.js';
import { createDeal } from '../deals/index.js';
import { listPipelines } from '../pipelines/index.js';
import { rng } from './demo.generator.js';

/**
 * Demo deals over the first demo companies: spread over the stages of the default pipeline (most in the
 * early ones, a few won and lost), 1-3 catalog lines each, owned by the company's manager.
 */

const titles = ['Открытие счёта и зарплатный проект', 'Внедрение CRM', 'Рабочие места для офиса', 'Лицензии и поддержка', 'Обучение персонала', 'Сетевое оборудование'];
const channels = ['web', 'phone', 'exhibition', 'referral', 'email'];
const DAY = 86_400_000;

export async function seedDemoDeals(db: Db, count: number, seed = 7): Promise<number> {
  if (await db.selectFrom('deals').select('id').limit(1).executeTakeFirst()) return 0;
  const [pipeline] = await listPipelines(db);
  const products = (await db.selectFrom('products').select('id').where('is_active', '=', 1).orderBy('sku').execute()).map((p) => p.id);
  const reasons = (await db.selectFrom('lost_reasons').select('id').execute()).map((x) => x.id);
  const companies = await db
    .selectFrom('companies')
    .select(['id', 'owner_id'])
    .where('owner_id', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(count)
    .execute();
  if (!pipeline || !companies.length) return 0;
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  const won = pipeline.stages.find((s) => s.kind === 'won');
  const lost = pipeline.stages.find((s) => s.kind === 'lost');
  const principals = new PrincipalLoader(db);
  let made = 0;
  for (const c of companies) {
    const loaded = await principals.load(c.owner_id!);
    if (!loaded) continue;
    const contact = await db.selectFrom('company_contacts').select('contact_id').where('company_id', '=', c.id).orderBy('is_primary', 'desc').executeTakeFirst();
    const roll = r();
    const stage = roll < 0.12 && won ? won : roll < 0.2 && lost ? lost : open[Math.min(open.length - 1, Math.floor(r() * r() * open.length))]!;
    const lines = Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({ productId: pick(products), quantity: 1 + Math.floor(r() * 5) }));
    await createDeal(db, { ...loaded, viaToken: false }, { ...systemActor, userId: loaded.id }, {
      title: pick(titles),
      companyId: c.id,
      contactIds: contact ? [contact.contact_id] : [],
      ownerId: loaded.id,
      pipelineId: pipeline.id,
      stageId: stage.id,
      sourceChannel: pick(channels),
      expectedCloseDate: new Date(Date.now() + (7 + Math.floor(r() * 80)) * DAY).toISOString().slice(0, 10),
      lines: products.length ? lines : undefined,
      ...(stage.kind === 'lost' && reasons.length ? { lostReasonId: pick(reasons), lostComment: 'Выбрали другого поставщика' } : {}),
    });
    made++;
  }
  return made;
}
