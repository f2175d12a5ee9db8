import { z } from 'zod';

/** Contracts of dashboards: a user's pages of widgets, each a saved report shown as a chart or a table. */

export const widgetDisplays = ['chart', 'table'] as const;
export type WidgetDisplay = (typeof widgetDisplays)[number];
export const widgetSizes = ['sm', 'md', 'lg'] as const;
export type WidgetSize = (typeof widgetSizes)[number];

export const widgetSchema = z.object({
  id: z.string(),
  reportId: z.string(),
  reportName: z.string(),
  display: z.enum(widgetDisplays),
  size: z.enum(widgetSizes),
  position: z.number(),
  /** false when the report is no longer the user's or shared (the widget can only be removed) */
  available: z.boolean(),
});
export type Widget = z.infer<typeof widgetSchema>;

export const dashboardSchema = z.object({
  id: z.string(),
  name: z.string(),
  sort: z.number(),
  widgets: z.array(widgetSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
export const dashboardList = z.object({ items: z.array(dashboardSchema) });

const name = z.string().trim().min(1).max(200);
export const dashboardInput = z.strictObject({ name });
export const dashboardUpdate = z.strictObject({ name: name.optional(), sort: z.number().int().min(0).max(10_000).optional() });

export const widgetInput = z.strictObject({
  reportId: z.uuid({ message: 'must be a valid id' }),
  display: z.enum(widgetDisplays).default('chart'),
  size: z.enum(widgetSizes).default('md'),
});
export const widgetUpdate = z.strictObject({ display: z.enum(widgetDisplays).optional(), size: z.enum(widgetSizes).optional() });

/** The widgets in their new order (every widget of the dashboard exactly once), each with its display and size. */
export const layoutInput = z.strictObject({
  widgets: z
    .array(z.strictObject({ id: z.uuid({ message: 'must be a valid id' }), display: z.enum(widgetDisplays), size: z.enum(widgetSizes) }))
    .max(100),
});

export const widgetParams = z.object({ id: z.uuid({ message: 'must be a valid id' }), widgetId: z.uuid({ message: 'must be a valid id' }) });
