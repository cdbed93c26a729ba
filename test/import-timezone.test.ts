// Telegram Desktop copies write the copier's local clock with no zone: `import --timezone` says which it was.
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertUserError, tgwire } from './cli.testkit.js';

const dir = mkdtempSync(join(tmpdir(), 'tgwire-timezone-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const dump = join(dir, 'dump.txt');
writeFileSync(
  dump,
  'dicha?, [25/06/2022 07:25]\nhttps://youtu.be/TbP2B1ijWr8\n\nBob, [25/06/2022 07:31]\nnice\n',
);

it('import --timezone reads a Desktop copy in that zone; the same dump and zone again adds nothing', () => {
  const db = join(dir, 'a.db');
  const args = ['--db', db, 'import', dump, '--channel', 'dumptest', '--timezone', 'Asia/Jakarta', '--json'];
  const first = tgwire(args);
  assert.equal(first.code, 0, first.stderr);
  assert.match(
    first.stderr,
    /notice: .*dump\.txt: 2 messages \(Telegram Desktop copy; times read in Asia\/Jakarta\)/,
  );
  const out = tgwire(['--db', db, 'export', '--format', 'jsonl']);
  assert.deepEqual(
    out.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { date: string }).date),
    ['2022-06-25T00:25:00.000Z', '2022-06-25T00:31:00.000Z'],
  );
  const again = tgwire(args);
  assert.equal(again.code, 0, again.stderr);
  assert.equal((JSON.parse(again.stdout) as { added: number }[])[0]!.added, 0);
});

it('import without --timezone says the times were read as UTC; a zone that is none is one line', () => {
  const db = join(dir, 'b.db');
  const r = tgwire(['--db', db, 'import', dump, '--channel', 'dumptest']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /times read as UTC; --timezone ZONE names the clock they were copied on/);
  assertUserError(
    tgwire(['--db', db, 'import', dump, '--channel', 'dumptest', '--timezone', 'Jakarta']),
    /^tgwire: --timezone: not a time zone: Jakarta \(an IANA name such as Asia\/Jakarta, or an offset such as \+07:00\)$/,
  );
});

it('--timezone leaves a newer export alone, whose dates say their zone, and says so', () => {
  const file = join(dir, 'result.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'Harbour news',
      type: 'public_channel',
      id: 1234567,
      messages: [
        {
          id: 1,
          type: 'message',
          date: '2024-05-01T10:00:00',
          date_unixtime: '1714557600',
          text: 'The bridge opens.',
        },
      ],
    }),
  );
  const db = join(dir, 'c.db');
  const r = tgwire(['--db', db, 'import', file, '--timezone', '+07:00']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /notice: .*result\.json: --timezone \+07:00 not used: every date of this export says its zone/,
  );
  const out = tgwire(['--db', db, 'export', '--format', 'jsonl']);
  assert.equal((JSON.parse(out.stdout) as { date: string }).date, '2024-05-01T10:00:00.000Z');
});

it('an old export (no date_unixtime) is read in --timezone, or as UTC with a notice saying so', () => {
  const file = join(dir, 'old-result.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'Old news',
      type: 'public_channel',
      id: 7654321,
      messages: [{ id: 1, type: 'message', date: '2020-11-12T12:53:52', text: 'An old post.' }],
    }),
  );
  const date = (db: string) =>
    (JSON.parse(tgwire(['--db', db, 'export', '--format', 'jsonl']).stdout) as { date: string }).date;
  const zoned = join(dir, 'd.db');
  const r = tgwire(['--db', zoned, 'import', file, '--channel', 'old', '--timezone', '+05:00']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /notice: .*old-result\.json: 1 of 1 messages have only the exporting PC's clock time \(no date_unixtime: an export of 2020-21\): times read in \+05:00/,
  );
  assert.equal(date(zoned), '2020-11-12T07:53:52.000Z');
  const plain = join(dir, 'e.db');
  const u = tgwire(['--db', plain, 'import', file, '--channel', 'old']);
  assert.equal(u.code, 0, u.stderr);
  assert.match(u.stderr, /times read as UTC; --timezone ZONE names that PC's zone/);
  assert.equal(date(plain), '2020-11-12T12:53:52.000Z');
});
