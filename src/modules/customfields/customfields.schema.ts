import { z } from 'zod';

export const customFieldEntities = ['company', 'contact', 'product'] as const;
export type CustomFieldEntity = (typeof customFieldEntities)[number];

export const customFieldTypes = ['text', 'number', 'date', 'select', 'multiselect', 'checkbox'] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

/** Types whose values come from the field's option list. */
export const optionTypes: readonly CustomFieldType[] = ['select', 'multiselect'];

/** At most this many fields per entity (keeps forms, filters and exports manageable). */
export const MAX_FIELDS_PER_ENTITY = 200;

export const customFieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be a slug: lower-case Latin letters, digits and _, starting with a letter');

const option = z.string().trim().min(1, 'is required').max(200);
const options = z
  .array(option)
  .max(500)
  .refine((xs) => new Set(xs).size === xs.length, { message: 'options must be unique', params: { code: 'custom_field.options_duplicate' } });

export const customFieldSchema = z.object({
  id: z.string(),
  entity: z.enum(customFieldEntities),
  key: z.string(),
  label: z.string(),
  type: z.enum(customFieldTypes),
  options: z.array(z.string()),
  required: z.boolean(),
  position: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CustomField = z.infer<typeof customFieldSchema>;

export const customFieldInput = z
  .strictObject({
    entity: z.enum(customFieldEntities),
    key: customFieldKey,
    label: z.string().trim().min(1, 'is required').max(200),
    type: z.enum(customFieldTypes),
    options: options.default([]),
    required: z.boolean().default(false),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .superRefine((v, ctx) => {
    const needsOptions = optionTypes.includes(v.type);
    if (needsOptions && v.options.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a select field needs at least one option', params: { code: 'custom_field.options_required' } });
    }
    if (!needsOptions && v.options.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'only select fields have options', params: { code: 'custom_field.options_not_allowed' } });
    }
  });
export type CustomFieldInput = z.output<typeof customFieldInput>;

/** The entity, key and type are fixed once values may exist; label, options, required and position change. */
export const customFieldUpdate = z.strictObject({
  label: z.string().trim().min(1, 'is required').max(200).optional(),
  options: options.optional(),
  required: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CustomFieldUpdate = z.output<typeof customFieldUpdate>;

export const customFieldListQuery = z.object({ entity: z.enum(customFieldEntities) });

export const customFieldList = z.object({ items: z.array(customFieldSchema) });
