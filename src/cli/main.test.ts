import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildProgram, commandName } from './main.js';

const argv = (...args: string[]): string[] => ['node', 'tgwire', ...args];

describe('commands loaded on demand', () => {
  it('finds the command an argv names, past the global options and their values', () => {
    assert.equal(commandName(argv('search', 'BRICS')), 'search');
    // A file named like a command is the option's value, not the command.
    assert.equal(commandName(argv('--db', 'search', 'stats')), 'stats');
    assert.equal(
      commandName(argv('--config', 'x.yaml', '--db=a.db', 'migrate-store', '--to', 'p')),
      'migrate-store',
    );
    assert.equal(commandName(argv('-h')), null);
    assert.equal(commandName(argv('help', 'search')), null);
    assert.equal(commandName(argv('serch', 'x')), null);
    assert.equal(commandName(argv()), null);
  });

  it('builds every command when none is named, and only the named one otherwise', async () => {
    const all = (await buildProgram(argv('--help'))).commands.map((c) => c.name());
    for (const name of [
      'import',
      'search',
      'stories',
      'media',
      'serve',
      'login',
      'logout',
      'sync',
      'watch',
    ]) {
      assert.ok(all.includes(name), `${name} missing from ${all.join(', ')}`);
    }
    assert.equal(new Set(all).size, all.length);
    const one = (await buildProgram(argv('--db', 'x.db', 'media', 'gc'))).commands;
    assert.deepEqual(
      one.map((c) => c.name()),
      ['media'],
    );
    assert.deepEqual(one[0]!.commands.map((c) => c.name()).sort(), ['claim', 'fetch', 'gc', 'verify']);
    assert.deepEqual((await buildProgram(argv('--version'))).commands, []);
    assert.equal((await buildProgram(argv('search', '--version'))).commands.length, 1);
  });
});
