import { z } from 'zod';

/** Record scope of a permission: which records an action may touch. */
export const scopes = ['none', 'own', 'department', 'all'] as const;
export type Scope = (typeof scopes)[number];

export const resources = [
  'company',
  'contact',
  'user',
  'department',
  'role',
  'custom_field',
  'audit',
  'settings',
  'product',
  'pipeline',
  'deal',
  'activity',
  'task',
  'plan',
  'report',
  /** advertising costs of source channels / campaigns (ROI of sources) */
  'ad_cost',
] as const;
export type Resource = (typeof resources)[number];

export const actions = ['read', 'create', 'update', 'delete', 'export', 'merge'] as const;
export type Action = (typeof actions)[number];

export type Permissions = Partial<Record<Resource, Partial<Record<Action, Scope>>>>;

export const permissionsSchema = z.partialRecord(
  z.enum(resources),
  z.partialRecord(z.enum(actions), z.enum(scopes)),
);

const every = (scope: Scope, only: readonly Action[] = actions): Partial<Record<Action, Scope>> =>
  Object.fromEntries(only.map((a) => [a, scope]));

const adminStuff = ['user', 'department', 'role', 'custom_field', 'settings'] as const;

/** The roles shipped with Voronka. Admins can edit their permissions (except admin's). */
export const systemRoles: { key: string; name: string; permissions: Permissions }[] = [
  {
    key: 'admin',
    name: 'Administrator',
    permissions: Object.fromEntries(resources.map((r) => [r, every('all')])),
  },
  {
    key: 'head_of_sales',
    name: 'Head of sales',
    permissions: {
      company: every('all'),
      contact: every('all'),
      product: every('all', ['read', 'create', 'update', 'delete', 'export']),
      pipeline: { read: 'all' },
      deal: every('all', ['read', 'create', 'update', 'delete', 'export']),
      activity: every('all', ['read', 'create', 'update', 'delete', 'export']),
      task: every('all', ['read', 'create', 'update', 'delete', 'export']),
      plan: every('all', ['read', 'create', 'update', 'delete', 'export']),
      report: every('all', ['read', 'create', 'update', 'delete', 'export']),
      ad_cost: every('all', ['read', 'create', 'update', 'delete', 'export']),
      audit: { read: 'all' },
      ...Object.fromEntries(adminStuff.map((r) => [r, { read: 'all' }])),
    },
  },
  {
    key: 'sales_manager',
    name: 'Sales manager',
    permissions: {
      company: { read: 'own', create: 'own', update: 'own', delete: 'own', export: 'own', merge: 'none' },
      contact: { read: 'own', create: 'own', update: 'own', delete: 'own', export: 'own', merge: 'none' },
      product: { read: 'all' },
      pipeline: { read: 'all' },
      deal: every('own', ['read', 'create', 'update', 'delete', 'export']),
      activity: every('own', ['read', 'create', 'update', 'delete', 'export']),
      task: every('own', ['read', 'create', 'update', 'delete', 'export']),
      plan: { read: 'own' },
      report: every('own', ['read', 'create', 'update', 'delete', 'export']),
      audit: { read: 'own' },
      ...Object.fromEntries(adminStuff.map((r) => [r, { read: 'all' }])),
    },
  },
  {
    key: 'marketer',
    name: 'Marketer',
    permissions: {
      company: { read: 'all', create: 'all', export: 'all' },
      contact: { read: 'all', create: 'all', export: 'all' },
      product: { read: 'all' },
      pipeline: { read: 'all' },
      deal: { read: 'all', export: 'all' },
      activity: { read: 'all', export: 'all' },
      task: { read: 'own', create: 'own', update: 'own', delete: 'own' },
      plan: { read: 'all' },
      report: every('own', ['read', 'create', 'update', 'delete', 'export']),
      ad_cost: every('all', ['read', 'create', 'update', 'delete', 'export']),
      audit: { read: 'all' },
      ...Object.fromEntries(adminStuff.map((r) => [r, { read: 'all' }])),
    },
  },
  {
    key: 'operator',
    name: 'Operator',
    permissions: {
      company: { read: 'all', create: 'all', update: 'all' },
      contact: { read: 'all', create: 'all', update: 'all' },
      product: { read: 'all' },
      pipeline: { read: 'all' },
      deal: { read: 'all', create: 'all', update: 'all' },
      activity: { read: 'all', create: 'all', update: 'all' },
      task: { read: 'own', create: 'own', update: 'own' },
      report: { read: 'own' },
      audit: { read: 'all' },
      ...Object.fromEntries(adminStuff.map((r) => [r, { read: 'all' }])),
    },
  },
];
