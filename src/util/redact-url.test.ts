import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutPassword } from './redact-url.js';

test('a database URL is shown without its password; a file path as it is', () => {
  assert.equal(
    withoutPassword('postgres://me:S3cretPW@db.example:5432/archive?schema=a'),
    'postgres://me:***@db.example:5432/archive?schema=a',
  );
  assert.equal(withoutPassword('postgres://me@db.example/archive'), 'postgres://me@db.example/archive');
  assert.equal(withoutPassword('postgres://me:pw@[::1/archive'), 'postgres://me:***@[::1/archive');
  assert.equal(withoutPassword('./data/a:b@c.db'), './data/a:b@c.db');
});
