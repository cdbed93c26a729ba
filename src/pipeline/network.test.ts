import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { NetworkBuilder } from '../feeds/network/build.js';
import { renderGexf } from '../feeds/network/gexf.js';
import { renderGraphml } from '../feeds/network/graphml.js';
import {
  assertSameNetwork,
  CHANNELS,
  checkSpells,
  POSTS,
  readGexf,
  readGraphml,
  weightOf,
} from '../feeds/network/network.testkit.js';
import { emptyChannel, emptyPost } from '../model/post.js';
import type { PostFilter, Store } from '../store/store.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { fixtureFiles, projectRoot, SKIP_NO_SHARED, sharedDir } from '../../test/shared.js';
import { importFile } from './import.js';
import { gatherNetwork, renderNetwork } from './network.js';

const NOW = new Date('2024-10-01T00:00:00Z');
const MFA = 'Russian MFA 🇷🇺';

/** The demo feed: the sample's posts (its bytes are the sample's), imported as channel `demo`. */
async function sampleStore(): Promise<Store> {
  const store = await openSqliteStore(':memory:');
  await importFile(store, join(projectRoot, 'demo', 'sample-brics.txt'), { channel: 'demo' });
  return store;
}

async function generatedStore(): Promise<Store> {
  const store = await openSqliteStore(':memory:');
  for (const c of CHANNELS) await store.upsertChannel(c);
  await store.savePosts(POSTS);
  await store.setPostTopics([
    { channel: 'beta', id: 1, topics: ['mfa'] },
    { channel: 'beta', id: 2, topics: ['mfa'] },
  ]);
  return store;
}

describe('the sample as a network', () => {
  it('reads back from GEXF and GraphML: Russian MFA -> the sample channel, 16 forwards', async () => {
    const store = await sampleStore();
    const net = await gatherNetwork(store, {});
    for (const [format, graph] of [
      ['gexf', readGexf(await renderNetwork(store, {}, 'gexf', NOW)).graph],
      ['graphml', readGraphml(await renderNetwork(store, {}, 'graphml', NOW))],
    ] as const) {
      assert.deepEqual(
        graph.nodes().sort(),
        ['Russian Embassy in India', MFA, 'TASS_Monde', 'demo'].sort(),
        format,
      );
      assert.equal(weightOf(graph, MFA, 'demo', 'forward'), 16, format);
      assert.equal(weightOf(graph, 'Russian Embassy in India', 'demo', 'forward'), 1, format);
      assert.equal(weightOf(graph, 'TASS_Monde', 'demo', 'forward'), 1, format);
      assert.equal(graph.size, 3, `${format}: forwards only, the sample names no channel`);
      assert.equal(graph.getNodeAttribute('demo', 'posts'), 21, format);
      assert.equal(graph.getNodeAttribute('demo', 'archived'), true, format);
      assert.equal(graph.getNodeAttribute(MFA, 'posts'), 16, format);
      assert.equal(graph.getNodeAttribute(MFA, 'archived'), false, format);
      assertSameNetwork(net, graph, format);
    }
    await store.close();
  });

  it('agrees with the dashboard forward counts, a channel forwarding its own post included', async () => {
    const store = await sampleStore();
    // demo forwards its own post 1, known by its numeric id (as Telegram exports show it): an edge from demo to demo
    // in the file, an origin row in the statistics.
    await store.upsertChannel({ ...emptyChannel('demo'), numericId: 3204528972 });
    const self = { name: 'Demo (old title)', username: null, postId: 1, author: null, numericId: 3204528972 };
    await store.savePosts([
      {
        ...emptyPost('demo', 100, 'text'),
        text: 'again',
        date: '2024-09-10T00:00:00.000Z',
        forwardedFrom: self,
      },
    ]);
    const edges = await store.forwardEdges({});
    const { graph } = await gatherNetwork(store, {});
    // The statistics key the self-forward by its id; the network knows the id is demo's.
    for (const e of edges)
      if (e.origin !== `channel:${self.numericId}`)
        assert.equal(weightOf(graph, e.origin, e.channel, 'forward'), e.posts, e.origin);
    assert.equal(weightOf(graph, 'demo', 'demo', 'forward'), 1);
    const forwards = (g: ReturnType<typeof readGraphml>): number =>
      g.reduceEdges((n, _e, a) => n + (a.kind === 'forward' ? (a.weight as number) : 0), 0);
    const stats = edges.reduce((n, e) => n + e.posts, 0);
    assert.equal(stats, 19);
    assert.equal(forwards(graph), stats);
    assert.equal(forwards(readGexf(await renderNetwork(store, {}, 'gexf', NOW)).graph), stats);
    assert.equal(forwards(readGraphml(await renderNetwork(store, {}, 'graphml', NOW))), stats);
    await store.close();
  });

  it("lists every language of a channel's posts on its node, a single Russian post included", async () => {
    const store = await sampleStore();
    const langs = (await store.languageCounts({ channel: 'demo' }))
      .map((l) => l.lang)
      .filter((l): l is string => l !== null && l !== 'und');
    assert.ok(langs.includes('ru'), 'the sample has a Russian post');
    const { graph } = await gatherNetwork(store, {});
    assert.deepEqual([...graph.getNodeAttribute('demo', 'languages')].sort(), [...langs].sort());
    assert.equal(graph.getNodeAttribute('demo', 'languages')[0], 'en', 'most posts first');
    await store.close();
  });
});

describe('a generated archive as a network', () => {
  it('holds what the posts read from the store hold', async () => {
    const store = await generatedStore();
    const net = await gatherNetwork(store, {});
    const b = new NetworkBuilder(CHANNELS);
    for (const p of POSTS) b.add(p);
    assert.deepEqual(net.graph.export(), b.finish().graph.export());
    assert.equal(weightOf(net.graph, 'alpha', 'beta', 'mention'), 2);
    assert.equal(weightOf(net.graph, 'alpha', 'beta', 'forward'), 1, 'the origin known by numeric id');
    const { doc } = readGexf(renderGexf(net, { description: 'x', date: NOW }));
    checkSpells(doc);
    await store.close();
  });

  const cases: [string, PostFilter, (g: Awaited<ReturnType<typeof gatherNetwork>>['graph']) => void][] = [
    [
      'since drops the earlier posts',
      { since: '2024-09-05' },
      (g) => {
        assert.equal(weightOf(g, 'alpha', 'beta', 'mention'), 0);
        assert.equal(weightOf(g, 'mfa_russia', 'beta', 'forward'), 1);
        assert.ok(!g.hasNode(MFA) && !g.hasNode('gamma_news'));
      },
    ],
    [
      'until drops the later ones (a title alone, no username yet)',
      { until: '2024-09-04' },
      (g) => {
        assert.equal(weightOf(g, 'alpha', 'beta', 'mention'), 2);
        assert.equal(weightOf(g, MFA, 'beta', 'forward'), 1);
        assert.ok(!g.hasNode('mfa_russia'));
        assert.equal(weightOf(g, 'beta', 'alpha', 'forward'), 0);
      },
    ],
    [
      'a topic keeps its posts only',
      { topic: 'mfa' },
      (g) => {
        assert.deepEqual(g.nodes(), ['beta', 'mfa_russia']);
        assert.equal(weightOf(g, 'mfa_russia', 'beta', 'forward'), 2);
        assert.equal(g.getNodeAttribute('beta', 'posts'), 2);
      },
    ],
    [
      'channels keep their posts only',
      { channel: ['alpha'] },
      (g) => {
        assert.deepEqual(g.nodes(), ['alpha', 'beta', 'gamma_news']);
        assert.equal(weightOf(g, 'beta', 'alpha', 'forward'), 1);
        assert.equal(weightOf(g, 'beta', 'alpha', 'mention'), 0);
        assert.equal(
          g.getNodeAttribute('beta', 'posts'),
          0,
          'beta is named and forwarded, none of its posts is in',
        );
      },
    ],
  ];
  for (const [name, filter, check] of cases)
    it(`filters: ${name}`, async () => {
      const store = await generatedStore();
      const all = await gatherNetwork(store, {});
      const net = await gatherNetwork(store, filter);
      assert.notDeepEqual(net.graph.export(), all.graph.export());
      check(net.graph);
      // What the file holds is what was gathered.
      assertSameNetwork(net, readGexf(await renderNetwork(store, filter, 'gexf', NOW)).graph, 'gexf');
      assertSameNetwork(net, readGraphml(await renderNetwork(store, filter, 'graphml', NOW)), 'graphml');
      await store.close();
    });
});

const FIXTURES = ['export_json', 'export_html', 'tme_s_html'].flatMap((d) => fixtureFiles(d));

describe('real fixtures as networks', { skip: sharedDir() ? false : SKIP_NO_SHARED }, () => {
  for (const file of FIXTURES) {
    it(basename(file), async () => {
      const store = await openSqliteStore(':memory:');
      const name = `fx_${basename(file)
        .replace(/[^a-z0-9]+/gi, '_')
        .slice(0, 20)
        .toLowerCase()}`;
      await importFile(store, file, { channel: name });
      const net = await gatherNetwork(store, {});
      assert.ok(net.graph.order > 0, 'a node per archived channel at least');
      const meta = { description: basename(file), date: NOW };
      const gexf = readGexf(renderGexf(net, meta));
      assertSameNetwork(net, gexf.graph, 'gexf');
      assertSameNetwork(net, readGraphml(renderGraphml(net, meta)), 'graphml');
      if (net.nodeSpells.size) checkSpells(gexf.doc);
      net.graph.forEachNode((id, a) => {
        for (const k of ['label', 'languages', 'posts', 'archived'] as const)
          assert.ok(a[k] !== null && a[k] !== undefined, `${id}.${k}`);
        assert.ok(a.title !== null || a.username !== null || a.archived, `${id}: a title or a username`);
        if (a.archived) assert.ok(a.posts > 0, `${id}: archived with its posts`);
      });
      net.graph.forEachEdge((e, a, s, t) => {
        assert.ok(a.weight > 0, `${s} -> ${t}`);
        assert.ok(a.firstDate && a.lastDate && a.firstDate <= a.lastDate, `${s} -> ${t}: dated`);
        assert.ok(net.edgeSpells.get(e)?.length, `${s} -> ${t}: spells`);
      });
      await store.close();
    });
  }
});
