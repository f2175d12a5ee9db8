import ical from 'ical-generator';
import type { Principal } from '../../platform/access/index.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { sha256 } from '../../platform/auth/tokens.js';
import { nowIso, type Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newSecret } from '../../platform/ids.js';
import { isTimeZone, utcToZoned } from '../../shared/zoned.js';
import { addDays, itemRange, toItems } from './calendar.items.js';
import * as repo from './calendar.repository.js';
import type { CalendarFeed, CalendarFeedCreated, CalendarItem } from './calendar.schema.js';

const ENTITY = 'calendar_feed';
/** What a feed carries: from this many days back to this many ahead, at most FEED_MAX_ITEMS of each kind. */
const FEED_PAST_DAYS = 60;
const FEED_FUTURE_DAYS = 365;
const FEED_MAX_ITEMS = 5000;
const TOKEN_FILE = /^([A-Za-z0-9_-]{20,100})\.ics$/;

type Lang = 'en' | 'ru' | 'bg';
const LABELS: Record<string, Record<Lang, string>> = {
  call: { en: 'Call', ru: 'Звонок', bg: 'Обаждане' },
  meeting: { en: 'Meeting', ru: 'Встреча', bg: 'Среща' },
  email: { en: 'E-mail', ru: 'Эл. письмо', bg: 'Имейл' },
  letter: { en: 'Letter', ru: 'Письмо', bg: 'Писмо' },
  proposal: { en: 'Proposal', ru: 'Коммерческое предложение', bg: 'Оферта' },
  mailing: { en: 'Mailing', ru: 'Рассылка', bg: 'Разпращане' },
  claim: { en: 'Claim', ru: 'Претензия', bg: 'Рекламация' },
  note: { en: 'Note', ru: 'Заметка', bg: 'Бележка' },
  task: { en: 'Task', ru: 'Задача', bg: 'Задача' },
};

/** "Call · Alpha LLC · About the offer"; done items are ticked. */
function summaryOf(i: CalendarItem, lang: Lang): string {
  const label = LABELS[i.type ?? 'task']?.[lang] ?? i.type ?? '';
  const text = [label, i.companyName, i.title].filter(Boolean).join(' · ');
  return i.status === 'done' ? `✓ ${text}` : text;
}

/** A user's private iCal feed: a secret URL (stored hashed) calendar apps subscribe to without signing in. */
export class CalendarFeedService {
  constructor(
    private readonly db: Db,
    private readonly publicUrl: string,
  ) {}

  async status(p: Principal): Promise<CalendarFeed> {
    const row = await repo.findFeed(this.db, p.id);
    return { enabled: !!row, createdAt: row?.created_at ?? null };
  }

  /** Creates the feed, or replaces its token (the old URL stops working). */
  async rotate(p: Principal, actor: Actor): Promise<CalendarFeedCreated> {
    const token = newSecret(24);
    const createdAt = nowIso();
    await this.db.transaction().execute(async (trx) => {
      const existed = !!(await repo.findFeed(trx, p.id));
      await repo.replaceFeed(trx, p.id, sha256(token), createdAt);
      await writeAudit(trx, actor, ENTITY, p.id, existed ? 'rotate' : 'create');
    });
    return { url: new URL(`/api/v1/calendar/ical/${token}.ics`, this.publicUrl).toString(), token, createdAt };
  }

  async revoke(p: Principal, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (await repo.deleteFeed(trx, p.id)) await writeAudit(trx, actor, ENTITY, p.id, 'revoke');
    });
  }

  /** The iCalendar text of the feed named by `file` (`{token}.ics`); 404 for an unknown or revoked token. */
  async ics(file: string, now = Date.now()): Promise<string> {
    const token = TOKEN_FILE.exec(file)?.[1];
    const owner = token ? await repo.feedOwner(this.db, sha256(token)) : undefined;
    if (!owner) throw AppError.notFound('calendar_feed');
    const timeZone = isTimeZone(owner.time_zone) ? owner.time_zone : 'UTC';
    const today = utcToZoned(new Date(now), timeZone).date;
    const from = addDays(today, -FEED_PAST_DAYS);
    const to = addDays(today, FEED_FUTURE_DAYS);
    const range = itemRange(from, to, timeZone, [timeZone]);
    const [activities, tasks] = await Promise.all([
      repo.activitiesIn(this.db, [owner.id], range, FEED_MAX_ITEMS, true),
      repo.tasksIn(this.db, [owner.id], range, FEED_MAX_ITEMS, true),
    ]);
    const notes = new Map([...activities.map((a) => [a.id, a.notes] as const), ...tasks.map((t) => [t.id, t.description] as const)]);
    const items = toItems(activities, tasks, { timeZone, now, names: new Map([[owner.id, owner.name]]) });
    const lang: Lang = owner.locale === 'ru' || owner.locale === 'bg' ? owner.locale : 'en';
    const cal = ical({ name: `Voronka: ${owner.name}`, prodId: { company: 'Voronka', product: 'CRM', language: lang.toUpperCase() } });
    for (const i of items) {
      const start = i.allDay ? new Date(`${i.date}T00:00:00Z`) : new Date(i.startAt!);
      const end = i.allDay ? new Date(`${addDays(i.date, 1)}T00:00:00Z`) : new Date(i.endAt!);
      cal.createEvent({
        id: `${i.kind}-${i.id}@voronka`,
        start,
        end,
        allDay: i.allDay,
        summary: summaryOf(i, lang),
        description: notes.get(i.id) ?? null,
        url: new URL(`/${i.kind === 'task' ? 'tasks' : 'activities'}/${i.id}`, this.publicUrl).toString(),
      });
    }
    return cal.toString();
  }
}
