import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Finds PostgreSQL server binaries on PATH or in Debian's /usr/lib/postgresql/<v>/bin. */
export function findPgBin(): string | null {
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return path.dirname(fs.realpathSync(onPath));
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'pg_ctl')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface PgCluster {
  url: string;
  stop(): void;
}

/**
 * A PostgreSQL cluster on a free port, tuned for tests (no fsync) unless `durable`. By default a throwaway
 * one in a temp dir; with `dir` it lives there (created on first use) and is kept when stopped.
 * As root it runs the server as the `postgres` system user, since PostgreSQL refuses root.
 */
export async function startPgCluster(bin: string, opts: { durable?: boolean; dir?: string } = {}): Promise<PgCluster> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-pg-'));
  fs.mkdirSync(dir, { recursive: true });
  const data = path.join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres', dir]);
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(bin, cmd), args, { stdio: 'pipe' });
  if (!fs.existsSync(data)) run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const fast = opts.durable ? '-c shared_buffers=512MB' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const serverOpts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 ${fast}`;
  run('pg_ctl', ['-D', data, '-o', serverOpts, '-l', path.join(dir, 'log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', opts.dir ? 'fast' : 'immediate', '-w', 'stop']);
      } finally {
        if (!opts.dir) fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
