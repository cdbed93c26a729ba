import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PG_URL, admin } from '../../../test/pg.js';
import { withSettings } from './settings.js';

if (!PG_URL) {
  describe('settings for one piece of work', () => {
    it('runs against a PostgreSQL server', (t) => t.skip('TGWIRE_TEST_PG not set'));
  });
} else {
  describe('settings for one piece of work', () => {
    it('sets every setting for the work and puts back the values a caller had set', async () => {
      await admin(async (c) => {
        const rows = async <T>(_: string, text: string, values?: unknown[]): Promise<T[]> =>
          (await c.query(text, values)).rows as T[];
        const read = async (): Promise<[string, string]> => {
          const { rows: r } = await c.query<{ s: string; j: string }>(
            "SELECT current_setting('enable_seqscan') AS s, current_setting('jit') AS j",
          );
          return [r[0]!.s, r[0]!.j];
        };
        await c.query('BEGIN');
        try {
          // A caller's own values, which the work must not leave changed.
          await c.query('SET LOCAL enable_seqscan = on; SET LOCAL jit = on');
          const during = await withSettings(rows, { enable_seqscan: 'off', jit: 'off' }, read);
          assert.deepEqual(during, ['off', 'off']);
          assert.deepEqual(await read(), ['on', 'on']);
          await c.query('SET LOCAL enable_seqscan = off');
          await withSettings(rows, { enable_seqscan: 'on' }, async () =>
            assert.deepEqual(await read(), ['on', 'on']),
          );
          assert.deepEqual(await read(), ['off', 'on']);
        } finally {
          await c.query('ROLLBACK');
        }
      });
    });
  });
}
