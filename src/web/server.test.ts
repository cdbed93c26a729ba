import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/config.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { UserError } from '../util/errors.js';
import { startServer } from './server.js';

test('a port already in use is for the user to change, and said so, not an internal error', async (t) => {
  const store = await openSqliteStore(':memory:');
  t.after(() => store.close());
  const config = { ...loadConfig({}, {}), adminToken: null, host: '127.0.0.1', port: 0 };
  const first = await startServer({ store, config });
  t.after(() => first.close());
  const port = Number(new URL(first.url).port);
  await assert.rejects(startServer({ store, config: { ...config, port } }), (e: unknown) => {
    assert.ok(e instanceof UserError);
    assert.match(
      e.message,
      new RegExp(
        `127\\.0\\.0\\.1:${port} is in use \\(another tgwire serve\\?\\): stop it, or give --port N`,
      ),
    );
    return true;
  });
});
