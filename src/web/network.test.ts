// The network downloads of the dashboard: both formats of the dashboard's selection, served in-process.
import { before, after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { readGexf, readGraphml, weightOf } from '../feeds/network/network.testkit.js';
import { importFile } from '../pipeline/import.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.js';
import { projectRoot } from '../../test/shared.js';
import { createApp } from './app.js';

const MFA = 'Russian MFA 🇷🇺';

let store: SqliteStore;
let app: ReturnType<typeof createApp>;
before(async () => {
  store = await openSqliteStore(':memory:');
  await importFile(store, join(projectRoot, 'demo', 'sample-brics.txt'), { channel: 'demo' });
  await importFile(store, join(projectRoot, 'demo', 'sample-brics.txt'), { channel: 'other' });
  app = createApp({
    store,
    config: { ...loadConfig({}, {}), adminToken: null },
    now: () => new Date('2024-10-01T00:00:00Z'),
  });
});
after(() => store.close());

describe('network downloads', () => {
  it('serves the GEXF as an attachment that reads back', async () => {
    const res = await app.request('/network.gexf');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^application\/gexf\+xml/);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="tgwire-network.gexf"');
    const { graph } = readGexf(await res.text());
    assert.equal(weightOf(graph, MFA, 'demo', 'forward'), 16);
    assert.equal(weightOf(graph, MFA, 'other', 'forward'), 16);
  });

  it('serves the GraphML of the same selection', async () => {
    const res = await app.request('/network.graphml?channel=demo');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^application\/graphml\+xml/);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="tgwire-network.graphml"');
    const graph = readGraphml(await res.text());
    assert.equal(weightOf(graph, MFA, 'demo', 'forward'), 16);
    assert.ok(!graph.hasNode('other'), 'the channel filter holds');
  });

  it('refuses a bad filter with a 400', async () => {
    const res = await app.request('/network.gexf?since=yesterday-ish');
    assert.equal(res.status, 400);
  });

  it('is linked from the dashboard forward network, with the page filter', async () => {
    const html = await (await app.request('/dashboard?channel=demo&junk=1')).text();
    const section = html.slice(
      html.indexOf('<h2>Forward network</h2>'),
      html.indexOf('<h2>The numbers</h2>'),
    );
    assert.match(section, /href="\/network\.gexf\?channel=demo"/);
    assert.match(section, /href="\/network\.graphml\?channel=demo"/);
  });
});
