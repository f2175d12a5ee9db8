import type { Migration } from 'kysely';
import * as foundation from './20261123_0001_foundation.js';
import * as admin from './20261123_0002_admin.js';
import * as contactsViews from './20261123_0004_contacts_views.js';
import * as companyIndexes from './20261123_0005_company_indexes.js';
import * as products from './20261123_0010_products.js';
import * as pipelinesDeals from './20261123_0020_pipelines_deals.js';
import * as activities from './20261123_0030_activities.js';
import * as imports from './20261123_0040_imports.js';
import * as searchVectors from './20261123_0050_search_vectors.js';
import * as scheduleIndexes from './20261123_0056_schedule_indexes.js';
import * as calendarIndex from './20261123_0060_calendar_index.js';
import * as companyCityName from './20261123_0070_company_city_name.js';
import * as funnels from './20261123_0810_funnels.js';
import * as segments from './20261123_0830_segments.js';
import * as sources from './20261123_0835_sources.js';
import * as plans from './20261123_0820_plans.js';
import * as kpi from './20261123_0825_kpi.js';
import * as reports from './20261123_0840_reports.js';
import * as dashboards from './20261123_0845_dashboards.js';
import * as funnelLostReasons from './20261123_0850_funnel_lost_reasons.js';
import * as reportStatistics from './20261123_0860_report_statistics.js';
import * as activityDayCounts from './20261123_0865_activity_day_counts.js';
import * as activityDoneCounts from './20261123_0870_activity_done_counts.js';

/** Every migration, by timestamped name. Add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '20261123_0001_foundation': foundation,
  '20261123_0002_admin': admin,
  '20261123_0004_contacts_views': contactsViews,
  '20261123_0005_company_indexes': companyIndexes,
  '20261123_0010_products': products,
  '20261123_0020_pipelines_deals': pipelinesDeals,
  '20261123_0030_activities': activities,
  '20261123_0040_imports': imports,
  '20261123_0050_search_vectors': searchVectors,
  '20261123_0056_schedule_indexes': scheduleIndexes,
  '20261123_0060_calendar_index': calendarIndex,
  '20261123_0070_company_city_name': companyCityName,
  '20261123_0810_funnels': funnels,
  '20261123_0830_segments': segments,
  '20261123_0835_sources': sources,
  '20261123_0820_plans': plans,
  '20261123_0825_kpi': kpi,
  '20261123_0840_reports': reports,
  '20261123_0845_dashboards': dashboards,
  '20261123_0850_funnel_lost_reasons': funnelLostReasons,
  '20261123_0860_report_statistics': reportStatistics,
  '20261123_0865_activity_day_counts': activityDayCounts,
  '20261123_0870_activity_done_counts': activityDoneCounts,
};
