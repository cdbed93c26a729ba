// The config file's channels and topics are in the archive whichever command opens it first, not only after `serve`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tgwire } from './cli.testkit.js';

describe('a config file with channels and topics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-config-apply-'));
  const db = join(dir, 'a.db');
  const config = join(dir, 'tgwire.config.yaml');
  const run = (args: string[]) => tgwire(['--db', db, '--config', config, ...args]);
  before(() => {
    writeFileSync(
      config,
      [
        'channels:',
        '  - "@zoo_news"',
        'topics:',
        '  - { name: zebras, query: "zebra", aliases: ["zebra = зебра"] }',
        'routes:',
        '  - { topic: zebras, to: "@my_zebra_feed" }',
        '',
      ].join('\n'),
    );
    // A dump of two own posts, one about zebras (in Russian: the alias), one not.
    writeFileSync(
      join(dir, 'dump.txt'),
      'Forwarded from\u00a0Zoo\nВ зоопарке родилась зебра.\n\nForwarded from\u00a0Zoo\nThe lions slept all day.\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('import tags the posts with the config topic, search and publish find it, channels list shows the channel', () => {
    const imp = run(['import', join(dir, 'dump.txt'), '--channel', 'zoo']);
    assert.equal(imp.code, 0, imp.stderr);
    const topics = run(['topics', 'list', '--json']);
    assert.equal(topics.code, 0, topics.stderr);
    const list = JSON.parse(topics.stdout) as { name: string; posts: number }[];
    assert.deepEqual(
      list.map((t) => [t.name, t.posts]),
      [['zebras', 1]],
    );
    const search = run(['search', 'topic:zebras', '--json']);
    assert.equal(search.code, 0, search.stderr);
    assert.deepEqual(
      (JSON.parse(search.stdout) as { hits: { channel: string; id: number }[] }).hits.map((h) => h.id),
      [1],
    );
    const channels = run(['channels', 'list', '--json']);
    assert.equal(channels.code, 0, channels.stderr);
    assert.match(channels.stdout, /"zoo_news"/);
    // The route names the config topic: planned without a serve having saved it.
    const publish = run(['publish', '--dry-run', '--once', '--all']);
    assert.equal(publish.code, 0, publish.stderr);
    assert.match(publish.stdout, /зебра/);
    assert.doesNotMatch(publish.stdout, /lions/);
  });

  it('removing by hand what the config lists is refused, naming the config file: it would come back', () => {
    const topic = run(['topics', 'remove', 'zebras', '--force']);
    assert.equal(topic.code, 1);
    assert.match(topic.stderr, /topic zebras is listed in .*tgwire\.config\.yaml.*: remove it there/);
    const channel = run(['channels', 'remove', 't.me/zoo_news']);
    assert.equal(channel.code, 1);
    assert.match(channel.stderr, /channel zoo_news is listed in .*tgwire\.config\.yaml/);
    const topics = JSON.parse(run(['topics', 'list', '--json']).stdout) as { name: string }[];
    assert.deepEqual(
      topics.map((t) => t.name),
      ['zebras'],
    );
  });
});
