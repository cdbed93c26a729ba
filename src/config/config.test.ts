// The public URL: read from the environment or the file, normalised, refused when it is not an http(s) address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../util/errors.js';
import { loadConfig } from './config.js';

test('TGWIRE_PUBLIC_URL is the archive address without a trailing slash; none means null', () => {
  assert.equal(
    loadConfig({}, { TGWIRE_PUBLIC_URL: 'https://a.example/tg/' }).publicUrl,
    'https://a.example/tg',
  );
  assert.equal(loadConfig({}, {}).publicUrl, null);
  for (const bad of ['archive.example', 'ftp://a.example'])
    assert.throws(
      () => loadConfig({}, { TGWIRE_PUBLIC_URL: bad }),
      (e) => e instanceof UserError && /TGWIRE_PUBLIC_URL/.test(e.message),
    );
});
