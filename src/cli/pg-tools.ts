import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CliError } from './cli-error.js';

/** A PostgreSQL client program (pg_dump, pg_restore) on PATH, else the newest in Debian's /usr/lib/postgresql/<v>/bin. */
export function findPgTool(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const executable = (p: string) => {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  const onPath = (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name)).find(executable);
  if (onPath) return onPath;
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => executable(path.join(base, v, 'bin', name))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions[0]) return path.join(base, versions[0], 'bin', name);
  throw new CliError(`${name} not found: install the PostgreSQL client programs (e.g. apt install postgresql-client) or add their directory to PATH`);
}

/**
 * Runs a PostgreSQL client program against the database URL. The password travels in PGPASSWORD,
 * not on the command line, where other users of the machine could read it.
 */
export function runPgTool(name: string, args: string[], url: string): Promise<void> {
  const tool = findPgTool(name);
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return new Promise((resolve, reject) => {
    execFile(tool, [...args, `--dbname=${u.toString()}`], { env, maxBuffer: 16 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) reject(new CliError(`${name} failed (${err.code ?? err.signal ?? 'error'}): ${stderr.trim() || err.message}`));
      else resolve();
    });
  });
}
