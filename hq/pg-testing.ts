// Test and bench helper for PostgreSQL: the server comes from DATABASE_URL_TEST (scripts/pg-test.sh starts a throwaway
// one and exports it); each test or run gets its own schema, named in the connection URL through libpq options, so
// runs in parallel never see each other's rows and a whole run is dropped at once. Not used by the server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_TEST_ENV = 'DATABASE_URL_TEST';

/** The test server's URL, or null when none is configured. */
export function pgTestUrl(): string | null {
  const url = process.env[PG_TEST_ENV]?.trim();
  return url ? url : null;
}

/** `base` with every connection's search_path set to `schema`. */
export function withSchema(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export interface PgScratch {
  readonly schema: string;
  /** The URL HQ is given (DATABASE_URL): the scratch schema first on the search path. */
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates an empty schema for one test or run. */
export async function pgScratch(base: string, prefix = 'hq_test'): Promise<PgScratch> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    schema,
    url: withSchema(base, schema),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
