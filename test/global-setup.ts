import type { TestProject } from 'vitest/node';
import { findPgBin, startPgCluster, type PgCluster } from './pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | null;
  }
}

const shared = globalThis as { voronkaPg?: { cluster: Promise<PgCluster>; users: number } };

/**
 * One PostgreSQL cluster for the whole run (shared by the projects, which each call this);
 * each test file makes its own database in it.
 */
export default async function setup(project: TestProject) {
  if (process.env.VORONKA_TEST_PG_URL) {
    project.provide('pgUrl', process.env.VORONKA_TEST_PG_URL);
    return;
  }
  const bin = findPgBin();
  if (!bin) {
    if (process.env.CI) throw new Error('PostgreSQL binaries not found: CI must run the PostgreSQL half of the suite.');
    console.warn('PostgreSQL not found: PostgreSQL tests are skipped on this machine.');
    project.provide('pgUrl', null);
    return;
  }
  shared.voronkaPg ??= { cluster: startPgCluster(bin), users: 0 };
  const pg = shared.voronkaPg;
  pg.users += 1;
  project.provide('pgUrl', (await pg.cluster).url);
  return async () => {
    pg.users -= 1;
    if (pg.users === 0) {
      (await pg.cluster).stop();
      delete shared.voronkaPg;
    }
  };
}
