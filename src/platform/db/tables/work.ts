import type { Generated } from 'kysely';

/** Activities, tasks, reminders, notifications and the working calendar. Conventions: see ../schema.ts. */

/** Activities per planned day, owner, type and status, kept by triggers (migration 0865); read by reports. */
export interface ActivityDayCountTable {
  planned_date: string;
  owner_id: string;
  type: string;
  status: string;
  n: number;
}

/** Done activities per UTC day of their done time, owner and type, kept by triggers (migration 0870); read by the activity funnel. */
export interface ActivityDoneCountTable {
  done_date: string;
  owner_id: string;
  type: string;
  n: number;
}

export interface ActivityTable {
  id: string;
  /** call | meeting | email | letter | proposal | mailing | claim | note */
  type: string;
  /** calls: in | out */
  direction: string | null;
  /** open | done */
  status: string;
  company_id: string | null;
  deal_id: string | null;
  owner_id: string;
  /** YYYY-MM-DD in the owner's time zone (for logged activities: the day it happened) */
  planned_date: string;
  /** HH:MM in the owner's time zone: an exact time is a promise */
  planned_time: string | null;
  /** UTC ISO moment of planned_date + planned_time; null without a time */
  planned_at: string | null;
  /** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM': sort key of the plan (a day's untimed items first) */
  planned_key: string;
  done_at: string | null;
  result: string | null;
  /** answered | no_answer | busy | failed | voicemail | wrong_number */
  call_result: string | null;
  duration_sec: number | null;
  /** claims: open | resolved */
  claim_status: string | null;
  subject: string | null;
  notes: string | null;
  /** completed with an explicit "no next step" */
  next_step_declined: number;
  next_step_reason: string | null;
  /** the activity whose completion planned this one */
  previous_id: string | null;
  /** where the activity sits on timelines: done_at, else created_at */
  timeline_at: string;
  search_text: string;
  /** JSON { field: version that last changed it } (default '{}') */
  field_versions: Generated<string>;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActivityContactTable {
  activity_id: string;
  contact_id: string;
  sort: number;
}

export interface TaskTable {
  id: string;
  title: string;
  description: string | null;
  assignee_id: string;
  /** the delegator */
  created_by: string | null;
  due_date: string | null;
  due_time: string | null;
  /** UTC ISO moment of due_date + due_time in the assignee's time zone */
  due_at: string | null;
  /** 'YYYY-MM-DD[ HH:MM]', '9999-12-31' without a due date */
  due_key: string;
  /** low | normal | high */
  priority: string;
  /** 0 low, 1 normal, 2 high */
  priority_rank: number;
  /** open | done */
  status: string;
  done_at: string | null;
  /** JSON [{ id, text, done }] */
  checklist: string;
  company_id: string | null;
  contact_id: string | null;
  deal_id: string | null;
  /** JSON { field: version that last changed it } (default '{}') */
  field_versions: Generated<string>;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Reminder jobs: claimed by one app node with an atomic UPDATE, fired once. */
export interface ReminderTable {
  id: string;
  user_id: string;
  /** activity | task */
  entity: string;
  entity_id: string;
  fire_at: string;
  /** in_app | email */
  channel: string;
  /** what the notification and the e-mail say */
  title: string;
  body: string | null;
  /** SPA path, e.g. /activities/{id} */
  link: string | null;
  fired_at: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
  attempts: number;
  last_error: string | null;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  /** reminder.activity | reminder.task | task.assigned ... */
  kind: string;
  title: string;
  body: string | null;
  /** SPA path, e.g. /activities/{id} */
  link: string | null;
  entity: string | null;
  entity_id: string | null;
  read_at: string | null;
  created_at: string;
}

/** Working calendar of a user (the time zone is users.time_zone). */
export interface UserWorkSettingsTable {
  user_id: string;
  /** JSON array of ISO weekdays, 1 = Monday ... 7 = Sunday */
  work_days: string;
  /** HH:MM */
  work_start: string;
  work_end: string;
  /** contacts per day the schedule plans */
  daily_capacity: number;
  /** minutes before a promise or a timed task the reminder fires */
  reminder_minutes: number;
  /** also send reminders by e-mail */
  email_reminders: number;
  /** holidays of this country apply (null: the instance's default country) */
  holiday_country: string | null;
  updated_at: string;
}

export interface HolidayTable {
  id: string;
  /** RU | BG ... */
  country: string;
  /** YYYY-MM-DD */
  date: string;
  name: string;
  /** 1: a working day moved to a weekend (RU transfers), 0: a day off */
  is_workday: number;
  created_at: string;
}

/** Private iCal feed tokens (SHA-256 hashes). */
export interface CalendarFeedTable {
  user_id: string;
  token_hash: string;
  created_at: string;
}
