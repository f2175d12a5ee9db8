import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './platform/config.js';
import { MigrationError } from './platform/db/migrate.js';
import { AppError } from './platform/errors.js';
import { newSecret } from './platform/ids.js';
import { createVoronka } from './app.js';
import { listen } from './server.js';
import { createUser, ensureAdmin, setPassword, DEFAULT_ADMIN_EMAIL } from './modules/users/index.js';
import { backupDatabase, restoreDatabase } from './cli/backup.js';
import { CliError } from './cli/cli-error.js';
import { addDemoData, addDemoDataIfEmpty } from './cli/demo.js';

const usage = `Usage: voronka <command> [options]

Commands:
  serve [--demo]                 start the server (migrates, creates the admin on first start;
                                 --demo adds demo data to an empty database)
  migrate                        apply database migrations and exit
  user create --email E --name N --role R [--password P]
  user reset-password --email E [--password P]
  demo-data [--size N]           add N demo companies with contacts (default 1000)
  backup FILE                    copy the database into FILE (SQLite online backup; pg_dump for PostgreSQL)
  restore FILE                   replace the database with a backup (stop the server first)

Environment: PORT, HOST, DATA_DIR, DATABASE_URL (postgres://... for PostgreSQL), LOG_LEVEL, PUBLIC_URL`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      demo: { type: 'boolean' },
      size: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [cmd, sub] = positionals;
  if (!cmd || values.help) {
    console.log(usage);
    return cmd ? 0 : 1;
  }
  const config = loadConfig();

  if (cmd === 'backup' || cmd === 'restore') {
    if (!sub) throw new CliError(`${cmd} needs a FILE, e.g. voronka ${cmd} voronka-backup.db`);
    console.log(cmd === 'backup' ? await backupDatabase(config, sub) : await restoreDatabase(config, sub));
    return 0;
  }

  if (cmd === 'serve') {
    const v = await createVoronka(config);
    const admin = await ensureAdmin(v.ctx.database.db, process.env.VORONKA_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL, process.env.VORONKA_ADMIN_PASSWORD);
    const demo = values.demo ? await addDemoDataIfEmpty(v.ctx.database.db) : null;
    const { port } = await listen(v);
    const url = config.publicUrl.replace(`:${config.port}`, `:${port}`);
    console.log(`\nVoronka is running at ${url}  (database: ${v.ctx.database.dialect} ${v.ctx.database.dialect === 'sqlite' ? v.ctx.database.location : ''})`);
    console.log(
      admin.password
        ? `Log in as ${admin.email} with password ${admin.password}  (shown once; change it under Settings)`
        : `Log in with your account. Forgot the admin password? npm run voronka -- user reset-password --email ${admin.email}`,
    );
    if (demo) console.log(demo);
    const stop = async () => {
      await v.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  }

  const v = await createVoronka({ ...config, logLevel: 'warn' });
  try {
    if (cmd === 'migrate') {
      console.log('Database is up to date.');
    } else if (cmd === 'demo-data') {
      const size = Number(values.size ?? 1000);
      if (!Number.isInteger(size) || size < 1 || size > 10_000_000) throw new CliError('--size must be a whole number from 1 to 10000000');
      console.log(await addDemoData(v.ctx.database.db, size, true));
    } else if (cmd === 'user' && sub === 'create') {
      if (!values.email || !values.name || !values.role) throw new CliError('user create needs --email, --name and --role');
      const password = values.password ?? randomPassword();
      await createUser(v.ctx.database.db, { email: values.email, name: values.name, roleKey: values.role, password });
      console.log(`Created ${values.email}${values.password ? '' : ` with password ${password}`}`);
    } else if (cmd === 'user' && sub === 'reset-password') {
      if (!values.email) throw new CliError('user reset-password needs --email');
      const password = values.password ?? randomPassword();
      await setPassword(v.ctx.database.db, values.email, password);
      console.log(`Password of ${values.email} is now ${values.password ? 'the one given' : password}`);
    } else {
      console.error(usage);
      return 1;
    }
    return 0;
  } finally {
    await v.close();
  }
}

function randomPassword(): string {
  return newSecret(9);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof MigrationError) console.error(err.message);
    else if (err instanceof AppError || err instanceof CliError) console.error(`Error: ${err.message}`);
    else console.error(err);
    process.exit(1);
  },
);
