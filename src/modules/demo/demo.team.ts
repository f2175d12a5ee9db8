import type { Db } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { createUser } from '../users/index.js';

export const DEMO_PASSWORD = 'demo12345';

const team = [
  { email: 'head@voronka.local', name: 'Ольга Смирнова', roleKey: 'head_of_sales', dept: 0, locale: 'ru' },
  { email: 'ivan@voronka.local', name: 'Иван Петров', roleKey: 'sales_manager', dept: 0, locale: 'ru' },
  { email: 'anna@voronka.local', name: 'Анна Кузнецова', roleKey: 'sales_manager', dept: 0, locale: 'ru' },
  { email: 'georgi@voronka.local', name: 'Георги Димитров', roleKey: 'sales_manager', dept: 1, locale: 'bg' },
  { email: 'marketing@voronka.local', name: 'Marketing', roleKey: 'marketer', dept: null, locale: 'en' },
  { email: 'operator@voronka.local', name: 'Call centre', roleKey: 'operator', dept: null, locale: 'ru' },
] as const;

/** Two sales departments and a small team (password DEMO_PASSWORD); returns the ids of the sales people. */
export async function ensureDemoTeam(db: Db): Promise<{ sellers: string[]; emails: string[] }> {
  const existing = await db.selectFrom('users').select(['id', 'email']).where('email', 'in', team.map((t) => t.email)).execute();
  if (existing.length === 0) {
    const at = new Date().toISOString();
    const depts = [
      { id: newId(), name: 'Отдел продаж (Москва)' },
      { id: newId(), name: 'Търговски отдел (София)' },
    ];
    await db.insertInto('departments').values(depts.map((d) => ({ ...d, parent_id: null, created_at: at, updated_at: at }))).execute();
    for (const u of team) {
      await createUser(db, { email: u.email, name: u.name, password: DEMO_PASSWORD, roleKey: u.roleKey, departmentId: u.dept === null ? null : depts[u.dept]!.id, locale: u.locale });
    }
  }
  const users = await db.selectFrom('users').select(['id', 'email']).where('email', 'in', team.map((t) => t.email)).execute();
  const sellerEmails = new Set<string>(team.filter((t) => t.roleKey === 'sales_manager' || t.roleKey === 'head_of_sales').map((t) => t.email));
  return { sellers: users.filter((u) => sellerEmails.has(u.email)).map((u) => u.id), emails: team.map((t) => t.email) };
}
