import { auth } from './auth.js';
import { common } from './common.js';
import { ui } from '../components/i18n.js';
import { companies } from '../../modules/companies/ui/i18n.js';
import { contacts } from '../../modules/contacts/ui/i18n.js';
import { customFields } from '../../modules/customfields/ui/i18n.js';
import { deals } from '../../modules/deals/ui/i18n.js';
import { departments } from '../../modules/departments/ui/i18n.js';
import { pipelines } from '../../modules/pipelines/ui/i18n.js';
import { roles } from '../../modules/roles/ui/i18n.js';
import { admin } from '../../modules/users/ui/i18n.js';
import { products } from '../../modules/products/ui/i18n.js';
import { activities } from '../../modules/activities/ui/i18n.js';
import { schedule } from '../../modules/schedule/ui/i18n.js';
import { calendar } from '../../modules/calendar/ui/i18n.js';
import { tasks } from '../../modules/tasks/ui/i18n.js';
import { notificationsNs } from '../../modules/reminders/ui/i18n.js';
import { imports } from '../../modules/imports/ui/i18n.js';
import { analytics } from '../../modules/analytics/ui/i18n.js';
import { plans } from '../../modules/plans/ui/i18n.js';
import { kpi } from '../../modules/kpi/ui/i18n.js';
import { duplicates } from '../../modules/duplicates/ui/i18n.js';
import { reports } from '../../modules/reports/ui/i18n.js';
import { dashboards } from '../../modules/dashboards/ui/i18n.js';
import { funnels } from '../../modules/funnels/ui/i18n.js';
import { segments } from '../../modules/segments/ui/i18n.js';
import { sources } from '../../modules/sources/ui/i18n.js';

/**
 * Translation namespaces: `common` for the shell, one per feature (`src/modules/<f>/ui/i18n.ts`).
 * Each value is { en, ru, bg } with the same keys.
 */
export const namespaces: Record<string, { en: object; ru: object; bg: object }> = {
  common,
  auth,
  ui,
  companies,
  contacts,
  admin,
  departments,
  roles,
  customFields,
  pipelines,
  deals,
  products,
  activities,
  schedule,
  calendar,
  tasks,
  notifications: notificationsNs,
  imports,
  analytics,
  duplicates,
  reports,
  dashboards,
  funnels,
  segments,
  sources,
  plans,
  kpi,
};
