import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { Principal } from '../access/principal.js';
import type { PrincipalLoader } from '../auth/principal-loader.js';
import type { Actor } from '../audit/audit.js';

/** Process-wide dependencies handed to every module when it registers its routes. */
export interface AppContext {
  config: Config;
  database: Database;
  logger: Logger;
  principals: PrincipalLoader;
}

/** Hono per-request variables. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal | null;
    csrfToken: string | null;
  };
}

export function actorOf(c: { get(key: 'requestId'): string; get(key: 'principal'): Principal | null }): Actor {
  return { userId: c.get('principal')?.id ?? null, requestId: c.get('requestId') };
}
