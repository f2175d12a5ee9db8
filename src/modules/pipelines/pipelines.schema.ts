import { z } from 'zod';

/** Contracts of the pipelines API (pipelines, their stages, lost reasons). Imported by the server and the UI. */

export const stageKinds = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof stageKinds)[number];

const id = () => z.uuid({ message: 'must be a valid id' });
const name = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const probability = z.number().int('must be a whole number').min(0, 'must be at least 0').max(100, 'must be at most 100');
const plannedDays = z.number().int('must be a whole number').min(1, 'must be at least 1').max(3650, 'must be at most 3650').nullable();
const sort = z.number().int().min(0).max(1_000_000);

export const stageSchema = z.object({
  id: z.string(),
  pipelineId: z.string(),
  name: z.string(),
  sort: z.number().int(),
  /** Win probability of a deal in this stage, percent. */
  probability: z.number().int(),
  /** How long a deal should stay in this stage; null = no limit. */
  plannedDays: z.number().int().nullable(),
  kind: z.enum(stageKinds),
});
export type Stage = z.infer<typeof stageSchema>;

export const pipelineSchema = z.object({
  id: z.string(),
  name: z.string(),
  sort: z.number().int(),
  isActive: z.boolean(),
  isDefault: z.boolean(),
  /** Stages in board order. */
  stages: z.array(stageSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Pipeline = z.infer<typeof pipelineSchema>;
export const pipelineList = z.object({ items: z.array(pipelineSchema) });

export const stageInput = z.strictObject({
  name: name(100),
  probability,
  plannedDays: plannedDays.optional(),
  kind: z.enum(stageKinds).default('open'),
});
export type StageInput = z.output<typeof stageInput>;

/** A new stage: inserted before the stage at `position` (0-based), or at the end. */
export const stageCreate = stageInput.extend({ position: z.number().int().min(0).max(1000).optional() });
export type StageCreate = z.output<typeof stageCreate>;

export const stageUpdate = z.strictObject({
  name: name(100).optional(),
  probability: probability.optional(),
  plannedDays: plannedDays.optional(),
  kind: z.enum(stageKinds).optional(),
});
export type StageUpdate = z.output<typeof stageUpdate>;

/**
 * A pipeline needs at least one open, one won and one lost stage (deals must be able to close both
 * ways); `pipeline.stages_incomplete` names the missing kind.
 */
export const pipelineInput = z.strictObject({
  name: name(200),
  sort: sort.optional(),
  isActive: z.boolean().default(true),
  isDefault: z.boolean().default(false),
  stages: z.array(stageInput).min(3, 'needs at least an open, a won and a lost stage').max(50, 'at most 50 stages'),
});
export type PipelineInput = z.output<typeof pipelineInput>;

export const pipelineUpdate = z.strictObject({
  name: name(200).optional(),
  sort: sort.optional(),
  isActive: z.boolean().optional(),
  /** Only true is accepted: another pipeline becomes the default by being set so. */
  isDefault: z.literal(true, { message: 'can only be set to true' }).optional(),
});
export type PipelineUpdate = z.output<typeof pipelineUpdate>;

/** Every stage id of the pipeline, in the new order. */
export const stageOrder = z.strictObject({ stageIds: z.array(id()).min(1).max(50) });

export const stageParams = z.object({ id: id(), stageId: id() });

/** Moves every deal of a stage to another stage of the same pipeline (e.g. before deleting the stage); a lost stage needs lostReasonId. */
export const moveStageDeals = z.strictObject({ toStageId: id(), lostReasonId: id().optional() });
export const moveStageDealsResult = z.object({ moved: z.number().int() });

export const pipelineListQuery = z.object({
  active: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
});

export const lostReasonSchema = z.object({
  id: z.string(),
  name: z.string(),
  sort: z.number().int(),
  isActive: z.boolean(),
});
export type LostReason = z.infer<typeof lostReasonSchema>;
export const lostReasonList = z.object({ items: z.array(lostReasonSchema) });

export const lostReasonInput = z.strictObject({
  name: name(200),
  sort: sort.optional(),
  isActive: z.boolean().default(true),
});
export type LostReasonInput = z.output<typeof lostReasonInput>;

export const lostReasonUpdate = z.strictObject({
  name: name(200).optional(),
  sort: sort.optional(),
  isActive: z.boolean().optional(),
});
export type LostReasonUpdate = z.output<typeof lostReasonUpdate>;

export const lostReasonListQuery = pipelineListQuery;
