import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../errors.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/tokens.js';
import type { AppContext, AppEnv } from './context.js';
import { errorBody, fieldIssues, handleError } from './errors.js';

export type App = OpenAPIHono<AppEnv>;
export type RegisterRoutes = (api: App, ctx: AppContext) => void;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The Hono app: request ids, logs, limits, auth, CSRF, errors, OpenAPI, the SPA. */
export function createHttpApp(ctx: AppContext, modules: RegisterRoutes[], webRoot?: string): App {
  const app: App = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw AppError.validation(fieldIssues(result.error, result.target === 'json' ? undefined : result.target));
    },
  });
  app.onError((err, c) => handleError(err, c, ctx.logger));

  app.use('*', async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('principal', null);
    c.set('csrfToken', null);
    const started = performance.now();
    // Set before the handler: a header set on a finished response turns its body into a stream that is copied
    // again (a third of the time of a large JSON answer); responses built without the context still get it.
    c.header('x-request-id', requestId);
    await next();
    if (!c.res.headers.has('x-request-id')) c.header('x-request-id', requestId);
    if (c.req.path.startsWith('/api/')) {
      ctx.logger.info(
        { requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: +(performance.now() - started).toFixed(1) },
        'request',
      );
    }
  });
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }));

  app.use('/api/v1/*', async (c, next) => {
    const limit = c.req.path.endsWith('/imports/uploads')
      ? Math.max(ctx.config.importLimitBytes, ctx.config.uploadLimitBytes)
      : c.req.path.includes('/attachments')
        ? ctx.config.uploadLimitBytes
        : ctx.config.bodyLimitBytes;
    return bodyLimit({
      maxSize: limit,
      onError: (cc) => cc.json(errorBody(cc, 'request.too_large', `Request body is larger than ${limit} bytes`), 413),
    })(c, next);
  });

  app.use('/api/v1/*', async (c, next) => {
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      const principal = await ctx.principals.fromApiToken(bearer);
      if (!principal) throw new AppError('auth.token_invalid', 401, 'The API token is invalid or revoked');
      c.set('principal', principal);
    } else {
      const sid = getCookie(c, SESSION_COOKIE);
      const session = sid ? await ctx.principals.fromSession(sid) : null;
      if (session) {
        c.set('principal', session.principal);
        c.set('csrfToken', session.csrfToken);
        if (UNSAFE.has(c.req.method) && c.req.header(CSRF_HEADER) !== session.csrfToken) {
          throw new AppError('auth.csrf_failed', 403, `Missing or wrong ${CSRF_HEADER} header`);
        }
      }
    }
    await next();
  });

  const api = app.basePath('/api/v1') as App;
  for (const register of modules) register(api, ctx);

  // The routes live in the /api/v1 sub-app's registry; its document carries the base path.
  api.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  let document: ReturnType<App['getOpenAPI31Document']> | null = null;
  const openApi = () =>
    (document ??= api.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'Voronka API', version: '1', description: 'REST API of the Voronka CRM. Errors: { error: { code, message, requestId, details } }.' },
      servers: [{ url: '/' }],
    }));
  app.get('/api/openapi.json', (c) => c.json(openApi()));
  app.get('/api/docs', swaggerUI({ url: '/api/openapi.json' }));
  app.get('/api/health', (c) => c.json({ ok: true, database: ctx.database.dialect }));
  app.all('/api/*', (c) => c.json(errorBody(c, 'http.not_found', `No such endpoint: ${c.req.method} ${c.req.path}`), 404));

  if (webRoot && fs.existsSync(path.join(webRoot, 'index.html'))) {
    const root = path.relative(process.cwd(), webRoot) || '.';
    const index = fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root }));
    app.use('*', serveStatic({ root }));
    app.get('*', (c) => c.html(index));
  } else {
    app.get('/', (c) => c.text('Voronka API is running. The web UI is not built: run `npm run build:ui`.'));
  }
  return app;
}
