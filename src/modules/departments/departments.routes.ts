import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { defineRoute } from '../../platform/http/route.js';
import { errorResponses, idParam, json } from '../../platform/http/responses.js';
import { createDepartmentRequest, departmentList, departmentResponse, updateDepartmentRequest } from './departments.schema.js';
import * as departments from './departments.service.js';

const tags = ['Departments'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export function registerDepartmentRoutes(api: App, ctx: AppContext): void {
  const db = ctx.database.db;

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/departments',
      tags,
      summary: 'Every department as a flat list (nest by parentId), with user counts',
      permission: ['department', 'read'],
      responses: { 200: json(departmentList), ...errorResponses },
    }),
    async (c) => c.json({ items: await departments.listDepartments(db) }, 200),
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/departments',
      tags,
      summary: 'Create a department',
      permission: ['department', 'create'],
      request: body(createDepartmentRequest),
      responses: { 201: json(departmentResponse), ...errorResponses },
    }),
    async (c) => c.json(await departments.createDepartment(db, c.req.valid('json'), actorOf(c)), 201),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/departments/{id}',
      tags,
      summary: 'Rename or move a department (no cycles)',
      permission: ['department', 'update'],
      request: { params: idParam, ...body(updateDepartmentRequest) },
      responses: { 200: json(departmentResponse), ...errorResponses },
    }),
    async (c) => {
      const d = await departments.updateDepartment(db, c.req.valid('param').id, c.req.valid('json'), actorOf(c));
      ctx.principals.invalidate();
      return c.json(d, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'delete',
      path: '/departments/{id}',
      tags,
      summary: 'Delete a department without users and sub-departments',
      permission: ['department', 'delete'],
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await departments.deleteDepartment(db, c.req.valid('param').id, actorOf(c));
      ctx.principals.invalidate();
      return c.body(null, 204);
    },
  );
}
