// `tgwire export --format gexf|graphml`: the sample's network written to a file and read back by graphology.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGexf, readGraphml, weightOf } from '../src/feeds/network/network.testkit.js';
import { assertUserError, importDemo, tgwire } from './cli.testkit.js';
import { projectRoot } from './shared.js';

const MFA = 'Russian MFA 🇷🇺';

let dir: string;
let db: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tgwire-network-'));
  db = join(dir, 'archive.db');
  importDemo(db);
  const r = tgwire([
    '--db',
    db,
    'import',
    join(projectRoot, 'demo', 'sample-brics.txt'),
    '--channel',
    'second',
  ]);
  assert.equal(r.code, 0, r.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('export --format gexf|graphml', () => {
  it('writes the GEXF of the sample: Russian MFA -> demo, 16 forwards', () => {
    const out = join(dir, 'net', 'sample.gexf');
    const r = tgwire(['--db', db, 'export', '--format', 'gexf', '--channel', 'demo', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const { graph } = readGexf(readFileSync(out, 'utf8'));
    assert.equal(weightOf(graph, MFA, 'demo', 'forward'), 16);
    assert.ok(!graph.hasNode('second'));
  });

  it('writes GraphML to standard output, for several channels', () => {
    const r = tgwire([
      '--db',
      db,
      'export',
      '--format',
      'graphml',
      '--channel',
      'demo',
      '--channel',
      'second',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const graph = readGraphml(r.stdout);
    assert.equal(weightOf(graph, MFA, 'demo', 'forward'), 16);
    assert.equal(weightOf(graph, MFA, 'second', 'forward'), 16);
    assert.equal(graph.getNodeAttribute(MFA, 'posts'), 32);
  });

  it('names an unknown channel among several', () => {
    assertUserError(
      tgwire(['--db', db, 'export', '--format', 'gexf', '--channel', 'demo', '--channel', 'nosuch']),
      /no channel named nosuch/,
    );
  });

  it('refuses --stories for a network', () => {
    assertUserError(tgwire(['--db', db, 'export', '--format', 'gexf', '--stories']), /--stories/);
  });
});
