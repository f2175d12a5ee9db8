import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { bundlePreview, priceOf } from './price.service.js';
import {
  bundlePreviewInput,
  bundlePreviewSchema,
  historyPage,
  historyQuery,
  priceQuery,
  priceResultSchema,
  productInput,
  productListQuery,
  productPage,
  productSchema,
  productUpdate,
} from './products.schema.js';
import { createProduct, deleteProduct, listProducts, productHistory, readProduct, updateProduct } from './products.service.js';

const tags = ['Products'];
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerProductRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/products',
      tags,
      summary: 'List products, services and bundles: search (q over name and SKU), group with subgroups, kind, active; sort; keyset pages',
      permission: ['product', 'read'],
      request: { query: productListQuery },
      responses: { 200: json(productPage), ...errorResponses },
    }),
    async (c) => c.json(await listProducts(db, c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/products',
      tags,
      summary: 'Create a product, service or bundle with its prices and components (409 product.sku_taken)',
      permission: ['product', 'create'],
      request: body(productInput),
      responses: { 201: json(productSchema, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createProduct(db, actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/products/bundle-price',
      tags,
      summary: 'Price of a bundle being edited: sum of component prices x quantities x coefficient',
      permission: ['product', 'read'],
      request: body(bundlePreviewInput),
      responses: { 200: json(bundlePreviewSchema), ...errorResponses },
    }),
    async (c) => c.json(await bundlePreview(db, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/products/{id}',
      tags,
      summary: 'A product with its prices and (bundles) components',
      permission: ['product', 'read'],
      request: { params: idParam },
      responses: { 200: json(productSchema), ...errorResponses },
    }),
    async (c) => c.json(await readProduct(db, c.req.valid('param').id), 200),
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/products/{id}/price',
      tags,
      summary: 'Unit price for a price type (id or key), in a currency on a date; bundles list their components (422 product.inactive, product.price_missing, exchange_rate.missing)',
      permission: ['product', 'read'],
      request: { params: idParam, query: priceQuery },
      responses: { 200: json(priceResultSchema), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await priceOf(db, c.req.valid('param').id, { priceTypeId: q.priceType, currency: q.currency, date: q.date }), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/products/{id}/history',
      tags,
      summary: 'Change history of a product (audit rows, newest first, keyset pages)',
      permission: ['product', 'read'],
      request: { params: idParam, query: historyQuery },
      responses: { 200: json(historyPage), ...errorResponses },
    }),
    async (c) => c.json(await productHistory(db, c.req.valid('param').id, c.req.valid('query')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/products/{id}',
      tags,
      summary: 'Change some fields (send the version you read; 409 product.version_conflict with details.current otherwise). prices and components replace the lists.',
      permission: ['product', 'update'],
      request: { params: idParam, ...body(productUpdate) },
      responses: { 200: json(productSchema), ...errorResponses },
    }),
    async (c) => c.json(await updateProduct(db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/products/{id}',
      tags,
      summary: 'Delete a product (409 product.in_use while a bundle or a deal uses it: deactivate it instead)',
      permission: ['product', 'delete'],
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await deleteProduct(db, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
