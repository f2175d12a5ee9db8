import path from 'node:path';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:|file:)/, 'must start with postgres://, sqlite: or file:')
    .optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  PUBLIC_URL: z.url().optional(),
  DEFAULT_COUNTRY: z.enum(['RU', 'BG']).default('RU'),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(24 * 14),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  UPLOAD_LIMIT_BYTES: z.coerce.number().int().positive().default(25 * 1024 * 1024),
  IMPORT_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024 * 1024),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Voronka <voronka@localhost>'),
  REMINDER_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(5000),
});

export type EnvInput = z.input<typeof configSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  logLevel: (typeof logLevels)[number];
  publicUrl: string;
  defaultCountry: 'RU' | 'BG';
  sessionTtlHours: number;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  /** Import files sent as the raw request body (streamed to disk); multipart ones stay under uploadLimitBytes. */
  importLimitBytes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  cookieSecure: 'auto' | 'true' | 'false';
  /** SMTP server for e-mail (reminders); null: e-mail is off. */
  smtpUrl: string | null;
  mailFrom: string;
  /** How often each app node looks for due reminders. */
  reminderPollMs: number;
}

export class ConfigError extends Error {}

/** Parses environment variables; throws ConfigError with one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(configSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = configSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.DATA_DIR);
  const url = c.DATABASE_URL;
  const database: Config['database'] =
    url && /^postgres/.test(url)
      ? { kind: 'postgres', url }
      : { kind: 'sqlite', file: url ? path.resolve(url.replace(/^(sqlite|file):(\/\/)?/, '')) : path.join(dataDir, 'voronka.db') };
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir,
    database,
    logLevel: c.LOG_LEVEL,
    publicUrl: c.PUBLIC_URL ?? `http://${c.HOST === '0.0.0.0' ? 'localhost' : c.HOST}:${c.PORT}`,
    defaultCountry: c.DEFAULT_COUNTRY,
    sessionTtlHours: c.SESSION_TTL_HOURS,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    uploadLimitBytes: c.UPLOAD_LIMIT_BYTES,
    importLimitBytes: c.IMPORT_LIMIT_BYTES,
    loginMaxFailures: c.LOGIN_MAX_FAILURES,
    loginLockMinutes: c.LOGIN_LOCK_MINUTES,
    cookieSecure: c.COOKIE_SECURE,
    smtpUrl: c.SMTP_URL ?? null,
    mailFrom: c.MAIL_FROM,
    reminderPollMs: c.REMINDER_POLL_MS,
  };
}
