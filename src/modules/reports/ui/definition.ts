import { entityCatalog, type Dimension, type ReportDefinition, type ReportEntity, type ReportFilters } from '../reports.schema.js';

/** Pure edits of a report definition made by the constructor's controls (no React, unit-tested). */

/** Filters behind "More filters"; the company status is the main status filter of companies. */
const moreFilterKeys = ['stageId', 'dealType', 'sourceChannel', 'companyStatus', 'activityType', 'productId', 'productGroupId'] as const;
export type MoreFilterKey = (typeof moreFilterKeys)[number];

/** The "More filters" the entity supports, in display order. */
export const moreFiltersOf = (entity: ReportEntity): MoreFilterKey[] =>
  moreFilterKeys.filter((k) => entityCatalog[entity].filters.includes(k) && !(k === 'companyStatus' && entity === 'companies'));

/** How many of the entity's "More filters" are set (shown on the toggle, and it opens the row when not 0). */
export const moreFiltersSet = (def: ReportDefinition): number => moreFiltersOf(def.entity).filter((k) => def.filters[k] !== undefined).length;

/** A definition for another entity: what still applies is kept, the rest dropped. */
export function switchEntity(def: ReportDefinition, entity: ReportEntity): ReportDefinition {
  const cat = entityCatalog[entity];
  const dimensions = def.dimensions
    .map((d): Dimension | null => ('unit' in d ? (cat.dateFields.includes(d.field) ? d : { ...d, field: cat.dateFields[0]! }) : (cat.dimensions as readonly string[]).includes(d.key) ? d : null))
    .filter((d): d is Dimension => d !== null);
  const measures = def.measures.filter((m) => cat.measures.includes(m));
  const filters = Object.fromEntries(Object.entries(def.filters).filter(([k]) => k === 'period' || cat.filters.includes(k))) as ReportFilters;
  if (filters.period && !cat.dateFields.includes(filters.period.field)) filters.period = { ...filters.period, field: cat.dateFields[0]! };
  if (filters.status && !cat.statuses.includes(filters.status)) delete filters.status;
  return { ...def, entity, dimensions, measures: measures.length ? measures : ['count'], filters };
}

/**
 * The definition with some filters changed: null, undefined and blank values remove a filter, and a stage that
 * is not in the chosen pipeline goes (`stagesOf` gives a pipeline's stage ids, when the pipelines are known).
 */
export function withFilters(def: ReportDefinition, patch: Partial<Record<keyof ReportFilters, unknown>>, stagesOf?: (pipelineId: string) => string[] | undefined): ReportDefinition {
  const filters: Record<string, unknown> = { ...def.filters, ...patch };
  for (const [k, v] of Object.entries(filters)) if (v === null || v === undefined || (typeof v === 'string' && !v.trim())) delete filters[k];
  const f = filters as ReportFilters;
  if (f.stageId && f.pipelineId && stagesOf) {
    const stages = stagesOf(f.pipelineId);
    if (stages && !stages.includes(f.stageId)) delete f.stageId;
  }
  return { ...def, filters: f };
}
