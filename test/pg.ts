// PostgreSQL test kit: the server named by TGWIRE_TEST_PG, throwaway schemas per test, an admin connection.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test server, or undefined: tests then skip with a message. */
export const PG_URL = process.env.TGWIRE_TEST_PG;

/** Hands out fresh schema names (prefix + random) and drops them all at the end. */
export function schemaPool(prefix: string): { fresh(): string; dropAll(): Promise<void> } {
  const made: string[] = [];
  return {
    fresh() {
      const s = `${prefix}_${randomBytes(6).toString('hex')}`;
      made.push(s);
      return s;
    },
    async dropAll() {
      for (const s of made.splice(0)) await dropSchema(s);
    },
  };
}

/** Runs fn on a short-lived client of the test server. */
export async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export const dropSchema = (s: string): Promise<unknown> =>
  admin((c) => c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`));
