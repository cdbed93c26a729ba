// `tgwire publish` with a bot token Telegram refuses: a user error naming the setting, never an internal error,
// whether it runs one pass or keeps publishing (retrying cannot mend a token).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tgwire, tgwireAsync } from './cli.testkit.js';
import { FakeBotApi } from './fake-botapi/server.js';

describe('tgwire publish with a refused bot token', () => {
  let dir: string;
  let env: Record<string, string>;
  const fake = new FakeBotApi({ token: '123:RIGHT' });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-publish-token-'));
    const exportFile = join(dir, 'alpha.json');
    const t = new Date(Date.now() - 3_600_000);
    writeFileSync(
      exportFile,
      JSON.stringify({
        name: 'Alpha News',
        type: 'public_channel',
        id: 1001,
        messages: [
          {
            id: 1,
            type: 'message',
            date: t.toISOString().slice(0, 19),
            date_unixtime: String(Math.floor(t.getTime() / 1000)),
            from: 'Alpha News',
            text: 'Hello',
            text_entities: [{ type: 'plain', text: 'Hello' }],
          },
        ],
      }),
    );
    const config = join(dir, 'tgwire.config.yaml');
    writeFileSync(config, 'routes:\n  - channel: alpha\n    to: "@mirror"\n');
    env = {
      TGWIRE_DB: join(dir, 'a.db'),
      TGWIRE_CONFIG: config,
      TGWIRE_BOT_API_ROOT: await fake.start(),
    };
    const r = tgwire(['import', exportFile, '--channel', 'alpha'], env);
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const mode of [['--once'], ['--interval', '1']]) {
    it(`${mode[0]}: exits 1 with one line naming TGWIRE_BOT_TOKEN and BotFather`, async () => {
      const r = await tgwireAsync(['publish', ...mode, '--all'], { ...env, TGWIRE_BOT_TOKEN: '123:WRONG' });
      assert.equal(r.code, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
      assert.match(
        r.stderr,
        /^tgwire: Telegram refused the bot token \(401 Unauthorized\): check TGWIRE_BOT_TOKEN.*BotFather/m,
      );
      assert.doesNotMatch(r.stderr, /WRONG/, 'the token itself is never printed');
      assert.ok(
        fake.requests.some((q) => q.status === 401),
        'the fake Bot API was asked',
      );
      assert.equal(fake.published.length, 0);
    });
  }

  it('the right token publishes (the refusal above was the token, not the setup)', async () => {
    const r = await tgwireAsync(['publish', '--once', '--all'], { ...env, TGWIRE_BOT_TOKEN: '123:RIGHT' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fake.published.length, 1);
  });
});
