import type { z } from 'zod';
import type { Actor } from '../../platform/audit/audit.js';
import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import {
  catalogSettings,
  catalogSettingsUpdate,
  exchangeRateInput,
  exchangeRateListQuery,
  exchangeRatePage,
  exchangeRateSchema,
  exchangeRateUpdate,
  priceTypeInput,
  priceTypeList,
  priceTypeSchema,
  priceTypeUpdate,
  productGroupInput,
  productGroupList,
  productGroupSchema,
  productGroupUpdate,
  unitInput,
  unitList,
  unitSchema,
  unitUpdate,
} from './catalog.schema.js';
import * as groups from './groups.service.js';
import * as priceTypes from './pricetypes.service.js';
import * as rates from './rates.service.js';
import * as units from './units.service.js';

const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

interface Crud<I extends z.ZodType, U extends z.ZodType> {
  path: string;
  tag: string;
  noun: string;
  item: z.ZodType;
  input: I;
  update: U;
  create(actor: Actor, v: z.output<I>): Promise<unknown>;
  change(actor: Actor, id: string, v: z.output<U>): Promise<unknown>;
  remove(actor: Actor, id: string): Promise<void>;
  removeNote: string;
}

/** POST path, PATCH path/{id}, DELETE path/{id} of a catalog reference entity (resource "product"). */
function registerCrud<I extends z.ZodType, U extends z.ZodType>(api: App, s: Crud<I, U>): void {
  const tags = [s.tag];
  // Concrete schema types for the route definitions; the generic ones are only for the callbacks.
  const input = s.input as unknown as z.ZodObject;
  const update = s.update as unknown as z.ZodObject;
  api.openapi(
    defineRoute({ method: 'post', path: s.path, tags, summary: `Create a ${s.noun}`, permission: ['product', 'create'], request: body(input), responses: { 201: json(s.item, 'Created'), ...errorResponses } }),
    async (c) => c.json((await s.create(actorOf(c), c.req.valid('json') as z.output<I>)) as never, 201),
  );
  api.openapi(
    defineRoute({
      method: 'patch',
      path: `${s.path}/{id}`,
      tags,
      summary: `Change a ${s.noun}`,
      permission: ['product', 'update'],
      request: { params: idParam, ...body(update) },
      responses: { 200: json(s.item), ...errorResponses },
    }),
    async (c) => c.json((await s.change(actorOf(c), c.req.valid('param').id, c.req.valid('json') as z.output<U>)) as never, 200),
  );
  api.openapi(
    defineRoute({
      method: 'delete',
      path: `${s.path}/{id}`,
      tags,
      summary: `Delete a ${s.noun} (${s.removeNote})`,
      permission: ['product', 'delete'],
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await s.remove(actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}

/** Product groups, units, price types, exchange rates and the base currency. */
export function registerCatalogRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;
  const read = ['product', 'read'] as const;

  api.openapi(
    defineRoute({ method: 'get', path: '/product-groups', tags: ['Catalog'], summary: 'The product group tree as a flat list with parents', permission: read, responses: { 200: json(productGroupList), ...errorResponses } }),
    async (c) => c.json({ items: await groups.listGroups(db) }, 200),
  );
  registerCrud(api, {
    path: '/product-groups',
    tag: 'Catalog',
    noun: 'product group (names are unique among siblings; no cycles)',
    item: productGroupSchema,
    input: productGroupInput,
    update: productGroupUpdate,
    create: (actor, v) => groups.createGroup(db, actor, v),
    change: (actor, id, v) => groups.updateGroup(db, actor, id, v),
    remove: (actor, id) => groups.deleteGroup(db, actor, id),
    removeNote: '409 product_group.not_empty while it has products or subgroups',
  });

  api.openapi(
    defineRoute({ method: 'get', path: '/units', tags: ['Catalog'], summary: 'Units of measure with OKEI codes and names per language', permission: read, responses: { 200: json(unitList), ...errorResponses } }),
    async (c) => c.json({ items: await units.listUnits(db) }, 200),
  );
  registerCrud(api, {
    path: '/units',
    tag: 'Catalog',
    noun: 'unit of measure',
    item: unitSchema,
    input: unitInput,
    update: unitUpdate,
    create: (actor, v) => units.createUnit(db, actor, v),
    change: (actor, id, v) => units.updateUnit(db, actor, id, v),
    remove: (actor, id) => units.deleteUnit(db, actor, id),
    removeNote: '409 unit.in_use while products use it',
  });

  api.openapi(
    defineRoute({ method: 'get', path: '/price-types', tags: ['Catalog'], summary: 'Price types (the default first by its sort)', permission: read, responses: { 200: json(priceTypeList), ...errorResponses } }),
    async (c) => c.json({ items: await priceTypes.listPriceTypes(db) }, 200),
  );
  registerCrud(api, {
    path: '/price-types',
    tag: 'Catalog',
    noun: 'price type (isDefault: true moves the default mark)',
    item: priceTypeSchema,
    input: priceTypeInput,
    update: priceTypeUpdate,
    create: (actor, v) => priceTypes.createPriceType(db, actor, v),
    change: (actor, id, v) => priceTypes.updatePriceType(db, actor, id, v),
    remove: (actor, id) => priceTypes.deletePriceType(db, actor, id),
    removeNote: 'with the product prices of this type; 409 price_type.default_required for the default one',
  });

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/exchange-rates',
      tags: ['Catalog'],
      summary: 'Exchange rates to the base currency, newest first (filters: currency, from, to; keyset pages)',
      permission: read,
      request: { query: exchangeRateListQuery },
      responses: { 200: json(exchangeRatePage), ...errorResponses },
    }),
    async (c) => c.json(await rates.listRates(db, c.req.valid('query')), 200),
  );
  registerCrud(api, {
    path: '/exchange-rates',
    tag: 'Catalog',
    noun: 'exchange rate (one per currency and date: 409 exchange_rate.duplicate)',
    item: exchangeRateSchema,
    input: exchangeRateInput,
    update: exchangeRateUpdate,
    create: (actor, v) => rates.createRate(db, actor, v),
    change: (actor, id, v) => rates.updateRate(db, actor, id, v),
    remove: (actor, id) => rates.deleteRate(db, actor, id),
    removeNote: 'amounts dated after it use the previous rate',
  });

  api.openapi(
    defineRoute({ method: 'get', path: '/catalog/settings', tags: ['Catalog'], summary: 'The base currency (exchange rates and reports)', permission: read, responses: { 200: json(catalogSettings), ...errorResponses } }),
    async (c) => c.json({ baseCurrency: await rates.baseCurrency(db) }, 200),
  );
  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/catalog/settings',
      tags: ['Catalog'],
      summary: 'Change the base currency (409 catalog.base_currency_locked while exchange rates exist)',
      permission: ['settings', 'update'],
      request: body(catalogSettingsUpdate),
      responses: { 200: json(catalogSettings), ...errorResponses },
    }),
    async (c) => c.json(await rates.setBaseCurrency(db, actorOf(c), c.req.valid('json').baseCurrency), 200),
  );
}
