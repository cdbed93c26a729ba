import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from './errors.js';
import { parseTimeZone } from './time-zone.js';

const wall = (iso: string) => Date.parse(`${iso}Z`);
const read = (zone: string, local: string) =>
  new Date(parseTimeZone(zone, '--timezone').toUtc(wall(local))).toISOString();

const cases: [string, string, string][] = [
  ['UTC', '2022-06-25T07:25:00', '2022-06-25T07:25:00.000Z'],
  ['+07:00', '2022-06-25T07:25:00', '2022-06-25T00:25:00.000Z'],
  ['+0700', '2022-06-25T07:25:00', '2022-06-25T00:25:00.000Z'],
  ['UTC+7', '2022-06-25T07:25:00', '2022-06-25T00:25:00.000Z'],
  ['-03:30', '2022-06-25T07:25:00', '2022-06-25T10:55:00.000Z'],
  ['Asia/Jakarta', '2022-06-25T07:25:00', '2022-06-25T00:25:00.000Z'],
  // Summer and winter time of one zone.
  ['Europe/Berlin', '2024-07-01T12:00:00', '2024-07-01T10:00:00.000Z'],
  ['Europe/Berlin', '2024-01-15T12:00:00', '2024-01-15T11:00:00.000Z'],
  // Just after the spring change: the offset of the instant, not of the wall time read as UTC.
  ['Europe/Berlin', '2024-03-31T03:30:00', '2024-03-31T01:30:00.000Z'],
  ['America/New_York', '2024-11-03T12:00:00', '2024-11-03T17:00:00.000Z'],
];
for (const [zone, local, want] of cases)
  test(`--timezone ${zone} reads ${local} as ${want}`, () => assert.equal(read(zone, local), want));

for (const [zone, message] of [
  ['Mars/Olympus', /--timezone: not a time zone: Mars\/Olympus \(an IANA name such as Asia\/Jakarta/],
  ['+15:00', /--timezone: there is no UTC offset \+15:00/],
  ['+07:75', /there is no UTC offset/],
] as const)
  test(`--timezone ${zone} is refused with what to write`, () =>
    assert.throws(
      () => parseTimeZone(zone, '--timezone'),
      (e: unknown) => e instanceof UserError && message.test(e.message),
    ));
