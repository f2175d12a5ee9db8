import { z } from 'zod';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { App } from '../../platform/http/app.js';
import type { AppContext, AppEnv } from '../../platform/http/context.js';
import { defineRoute, principalOf } from '../../platform/http/route.js';
import { errorResponses, json } from '../../platform/http/responses.js';
import { SESSION_COOKIE } from '../../platform/auth/tokens.js';
import { AppError } from '../../platform/errors.js';
import { changePasswordRequest, loginRequest, meResponse, updateMyPreferences, type Me } from './auth.schema.js';
import { AuthService } from './auth.service.js';
import { userSearchText } from './users.service.js';

const tags = ['Auth'];
const ok = z.object({ ok: z.literal(true) });

export function registerAuthRoutes(api: App, ctx: AppContext): void {
  const auth = new AuthService(ctx.database.db, ctx.config);
  const db = ctx.database.db;

  const me = async (c: Context<AppEnv>, userId: string, csrfToken: string | null): Promise<Me> => {
    const u = await db
      .selectFrom('users')
      .innerJoin('roles', 'roles.id', 'users.role_id')
      .select(['users.id', 'email', 'users.name', 'roles.key as role', 'department_id', 'locale', 'theme', 'accent_color', 'time_zone', 'permissions'])
      .where('users.id', '=', userId)
      .executeTakeFirstOrThrow();
    return meResponse.parse({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      departmentId: u.department_id,
      locale: u.locale,
      theme: u.theme,
      accentColor: u.accent_color,
      timeZone: u.time_zone,
      permissions: JSON.parse(u.permissions),
      csrfToken,
    });
  };

  const secure = (c: Context<AppEnv>) =>
    ctx.config.cookieSecure === 'auto' ? new URL(c.req.url).protocol === 'https:' : ctx.config.cookieSecure === 'true';

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/auth/login',
      tags,
      summary: 'Sign in with e-mail and password',
      permission: 'public',
      request: { body: { content: { 'application/json': { schema: loginRequest } }, required: true } },
      responses: { 200: json(meResponse), ...errorResponses, 429: errorResponses[401] },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? null;
      const s = await auth.login(body.email, body.password, { ip, userAgent: c.req.header('user-agent') ?? null });
      setCookie(c, SESSION_COOKIE, s.sessionId, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: secure(c),
        expires: s.expiresAt,
      });
      const userId = (await ctx.principals.fromSession(s.sessionId))!.principal.id;
      return c.json(await me(c, userId, s.csrfToken), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      tags,
      summary: 'Sign out (ends this session)',
      permission: 'authenticated',
      responses: { 200: json(ok), ...errorResponses },
    }),
    async (c) => {
      const sid = getCookie(c, SESSION_COOKIE);
      if (sid) await auth.logout(sid);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'get',
      path: '/auth/me',
      tags,
      summary: 'The signed-in user, preferences, permissions and CSRF token',
      permission: 'authenticated',
      responses: { 200: json(meResponse), ...errorResponses },
    }),
    async (c) => c.json(await me(c, principalOf(c).id, c.get('csrfToken')), 200),
  );

  api.openapi(
    defineRoute({
      method: 'patch',
      path: '/auth/me',
      tags,
      summary: 'Update my name, language, theme, accent colour or time zone',
      permission: 'authenticated',
      request: { body: { content: { 'application/json': { schema: updateMyPreferences } }, required: true } },
      responses: { 200: json(meResponse), ...errorResponses },
    }),
    async (c) => {
      const p = principalOf(c);
      const b = c.req.valid('json');
      const set = {
        ...(b.name !== undefined && { name: b.name, search_text: userSearchText(b.name, p.email) }),
        ...(b.locale !== undefined && { locale: b.locale }),
        ...(b.theme !== undefined && { theme: b.theme }),
        ...(b.accentColor !== undefined && { accent_color: b.accentColor }),
        ...(b.timeZone !== undefined && { time_zone: b.timeZone }),
      };
      if (Object.keys(set).length === 0) throw AppError.validation([{ field: '(body)', code: 'validation.empty', message: 'nothing to update' }]);
      await db.updateTable('users').set({ ...set, updated_at: new Date().toISOString() }).where('id', '=', p.id).execute();
      ctx.principals.invalidate();
      return c.json(await me(c, p.id, c.get('csrfToken')), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: 'post',
      path: '/auth/password',
      tags,
      summary: 'Change my password',
      permission: 'authenticated',
      request: { body: { content: { 'application/json': { schema: changePasswordRequest } }, required: true } },
      responses: { 200: json(ok), ...errorResponses },
    }),
    async (c) => {
      const b = c.req.valid('json');
      await auth.changePassword(principalOf(c).id, b.currentPassword, b.newPassword);
      return c.json({ ok: true as const }, 200);
    },
  );
}
