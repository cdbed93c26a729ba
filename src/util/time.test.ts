import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from './errors.js';
import { isDateArg, parseDateArg, parseDateRange } from './time.js';

const accepted: [string, string][] = [
  ['2024-09-09', '2024-09-09'],
  ['2024-02-29', '2024-02-29'],
  [' 2024-12-31 ', '2024-12-31'],
  ['2024-09-09T10:00Z', '2024-09-09T10:00:00.000Z'],
  ['2024-09-09T10:00:30.5+02:00', '2024-09-09T08:00:30.500Z'],
  ['2024-09-09 23:59:59Z', '2024-09-09T23:59:59.000Z'],
  ['2024-09-09t10:00z', '2024-09-09T10:00:00.000Z'],
];
for (const [input, want] of accepted)
  test(`parseDateArg accepts ${JSON.stringify(input)}`, () => {
    assert.equal(parseDateArg(input, '--since'), want);
    assert.equal(isDateArg(input), true);
  });

const refused: [string, RegExp][] = [
  ['2024-02-30', /--since: not a date: 2024-02-30 \(February 2024 has 29 days\)/],
  ['2023-02-29', /February 2023 has 28 days/],
  ['2024-04-31', /April 2024 has 30 days/],
  ['2024-13-01', /there is no month 13/],
  ['2024-00-10', /there is no month 00/],
  ['2024-01-00', /January 2024 has 31 days/],
  ['2024-02-30T10:00Z', /February 2024 has 29 days/],
  ['2024-09-09T24:00Z', /there is no time 24:00/],
  ['2024-09-09T10:60Z', /there is no time 10:60/],
  ['2024-09-09T10:00+25:00', /no UTC offset \+25:00/],
  ['yesterday', /use YYYY-MM-DD/],
  ['2024/02/03', /use YYYY-MM-DD/],
  ['Sep 9 2024', /use YYYY-MM-DD/],
  ['', /use YYYY-MM-DD/],
];
for (const [input, message] of refused)
  test(`parseDateArg refuses ${JSON.stringify(input)} as a user error`, () => {
    assert.throws(
      () => parseDateArg(input, '--since'),
      (e: unknown) => e instanceof UserError && message.test(e.message),
    );
    assert.equal(isDateArg(input), false);
  });

test('parseDateRange refuses a range that holds no instant, reading a bare day as until as that whole day', () => {
  const ok: [string | undefined, string | undefined][] = [
    ['2024-06-01', '2024-06-01'],
    ['2024-06-01T10:00Z', '2024-06-01'],
    ['2024-06-01T10:00Z', '2024-06-01T10:00:01Z'],
    ['2024-06-01', undefined],
    [undefined, '2024-06-01'],
  ];
  for (const [since, until] of ok)
    assert.doesNotThrow(() => parseDateRange(since, until), `${since} ${until}`);
  const empty: [string, string][] = [
    ['2024-06-02', '2024-06-01'],
    ['2024-06-01T10:00Z', '2024-06-01T10:00Z'],
    ['2024-06-02T00:00Z', '2024-06-01'],
  ];
  for (const [since, until] of empty)
    assert.throws(
      () => parseDateRange(since, until),
      (e: unknown) =>
        e instanceof UserError &&
        e.message === `--since ${since} is not before --until ${until}: no post can be in that range`,
    );
});
