// The story page and the story API with evidence, and readers' corrections over HTTP (admin only), in-process.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/config.js';
import { storyIdOf } from '../dedup/stories.js';
import { emptyPost, type Post } from '../model/post.js';
import { createApp } from './app.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.js';

const TOKEN = 'story-admin-token-456';
const EVIDENCE = { matched: ['mfa/1'], score: 0.71, items: ['date:2024-09-10', 'name:<lavrov>'] };

function p(channel: string, id: number, over: Partial<Post> = {}): Post {
  return { ...emptyPost(channel, id, 'tme-html'), date: `2024-09-1${id}T10:00:00.000Z`, ...over };
}

async function seed(): Promise<SqliteStore> {
  const s = await openSqliteStore(':memory:');
  await s.savePosts([
    p('mfa', 1, { text: 'Lavrov met the press in Kazan', lang: 'en' }),
    p('tass', 2, { text: 'Лавров встретился с прессой в Казани', lang: 'ru' }),
    p('rt', 3, { text: 'Lavrov a rencontré la presse', lang: 'fr' }),
    p('other', 4, { text: 'Weather tomorrow', lang: 'en' }),
  ]);
  await s.setStories([
    { channel: 'mfa', id: 1, storyId: storyIdOf('mfa/1'), reason: 'canonical', evidence: null },
    { channel: 'tass', id: 2, storyId: storyIdOf('mfa/1'), reason: 'translation', evidence: EVIDENCE },
    { channel: 'rt', id: 3, storyId: storyIdOf('mfa/1'), reason: 'translation', evidence: EVIDENCE },
    { channel: 'other', id: 4, storyId: storyIdOf('other/4'), reason: 'canonical', evidence: null },
  ]);
  return s;
}

const STORY = storyIdOf('mfa/1');

const form = (data: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: new URLSearchParams(data),
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
});
const bearer = { authorization: `Bearer ${TOKEN}` };
const json = (data: object, headers: Record<string, string> = bearer) => ({
  method: 'POST',
  body: JSON.stringify(data),
  headers: { 'content-type': 'application/json', ...headers },
});

describe('stories on the web', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  beforeEach(async () => {
    store = await seed();
    app = createApp({ store, config: { ...loadConfig({ db: ':memory:' }, {}), adminToken: TOKEN } });
  });
  const storyOf = async (key: string) => (await store.storyMembersOf([key]))[0]?.storyId;

  it("the story page shows each member's reason and evidence, escaped; no correction forms for visitors", async () => {
    const res = await app.request(`/s/${STORY}`);
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.match(page, /<span class="reason">translation<\/span>/);
    assert.match(page, /matched <a href="\/c\/mfa\/1">mfa\/1<\/a> · score 0\.71 · a translation needs 3 \(/);
    assert.match(page, /<li>date: 2024-09-10<\/li>/);
    assert.ok(page.includes('<li>name: &lt;lavrov&gt;</li>'), 'evidence items are escaped');
    assert.ok(!page.includes('action="/api/stories/split"'));
    assert.match(page, /Log in<\/a> to split or merge stories/);
    // Logging in comes back to this story, whatever the browser sends as Referer.
    assert.ok(page.includes(`<a href="/login?next=%2Fs%2F${STORY}">Log in</a>`), 'the link names the story');
  });

  it('the story page shows the shared words as each side wrote them, not the internal matching keys', async () => {
    const items = [
      'name:skn (Sukaynah = سُكَينة)',
      'name:~thi (Their = <b>)',
      'name:Jnbn (Jinping)',
      'name:Jinp (Jinping)',
      'date:2024-09-10',
      'day:09-10',
      'number:80',
    ];
    const evidence = { matched: ['mfa/1'], score: 0.7, items };
    await store.setStories([{ channel: 'rt', id: 3, storyId: STORY, reason: 'translation', evidence }]);
    const page = await (await app.request(`/s/${STORY}`)).text();
    for (const shown of [
      'name: Sukaynah = سُكَينة',
      'name: Their = &lt;b&gt;',
      'name: Jinping',
      'date: 2024-09-10',
      'number: 80',
    ])
      assert.ok(page.includes(`<li>${shown}</li>`), shown);
    for (const key of ['name:skn', 'name:~thi', 'name:Jnbn']) assert.ok(!page.includes(key), key);
    // Each fact once: a name cut two ways, a day beside its full date.
    assert.equal(page.split('<li>name: Jinping</li>').length, 2);
    assert.ok(!page.includes('day: 09-10'), 'the day goes with its date');
    // The API keeps the items as stored, keys included.
    const api = (await (await app.request(`/api/stories/${STORY}`)).json()) as {
      story: { members: { evidence: { items: string[] } | null }[] };
    };
    assert.deepEqual(api.story.members[2]!.evidence!.items, items);
  });

  it('feeds link each post of a story of several to the story; stories=1 keeps one entry per story, as the page', async () => {
    await store.saveTopic({ name: 'lavrov', query: 'Lavrov', aliases: [] });
    await store.setPostTopics(
      ['mfa/1', 'tass/2', 'rt/3', 'other/4'].map((k) => ({
        channel: k.split('/')[0]!,
        id: Number(k.split('/')[1]),
        topics: ['lavrov'],
      })),
    );
    const items = async (url: string) =>
      ((await (await app.request(url)).json()) as { items: { id: string; content_html: string }[] }).items;
    const every = await items('/t/lavrov/feed.json');
    assert.deepEqual(
      every.map((i) => i.id.replace(/^.*:/, '')),
      ['other/4', 'rt/3', 'tass/2', 'mfa/1'],
    );
    const storyLine = `One story in 3 versions: <a href="http://localhost/s/${STORY}">every version</a>`;
    for (const i of every) assert.equal(i.content_html.includes(storyLine), !i.id.endsWith('other/4'), i.id);
    // One per story: the story's newest version stands for it.
    const per = await items('/t/lavrov/feed.json?stories=1');
    assert.deepEqual(
      per.map((i) => i.id.replace(/^.*:/, '')),
      ['other/4', 'rt/3'],
    );
    assert.equal((await app.request('/t/lavrov/feed.json?stories=maybe')).status, 400);
    const page = await (await app.request('/t/lavrov?stories=1')).text();
    assert.ok(page.includes('href="/t/lavrov/feed.rss?stories=1"'), 'the page subscribes to what it shows');
  });

  it('an admin sees a split button per member and a merge form carrying the CSRF token', async () => {
    const login = await app.request('/login', form({ token: TOKEN }));
    const loggedIn = login.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await app.request(`/s/${STORY}`, { headers: { cookie: loggedIn } })).text();
    assert.equal(page.match(/action="\/api\/stories\/split"/g)?.length, 3);
    assert.match(page, /action="\/api\/stories\/merge"/);
    assert.match(page, /name="post" value="tass\/2"/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    assert.ok(csrf);

    // A form without the token, or from another site, is refused; with it, the post is split and the page follows.
    assert.equal(
      (await app.request('/api/stories/split', form({ post: 'tass/2' }, { cookie: loggedIn }))).status,
      403,
    );
    assert.equal(
      (
        await app.request(
          '/api/stories/split',
          form({ post: 'tass/2', _csrf: csrf }, { cookie: loggedIn, origin: 'https://evil.example' }),
        )
      ).status,
      403,
    );
    const ok = await app.request(
      '/api/stories/split',
      form({ post: 'tass/2', _csrf: csrf }, { cookie: loggedIn }),
    );
    assert.equal(ok.status, 303);
    assert.match(ok.headers.get('location') ?? '', new RegExp(`^/s/${storyIdOf('tass/2')}\\?corrected=1$`));
    assert.equal(await storyOf('tass/2'), storyIdOf('tass/2'));
    assert.equal(await storyOf('rt/3'), STORY);

    // A typo in the merge form comes back to the story page with the reason, not as JSON.
    const typo = await app.request(
      '/api/stories/merge',
      form({ post: 'other/4', into: 'tass/9999', _csrf: csrf }, { cookie: loggedIn }),
    );
    assert.equal(typo.status, 303);
    const back = typo.headers.get('location') ?? '';
    assert.match(back, new RegExp(`^/s/${await storyOf('other/4')}\\?refused=no-post&name=tass%2F9999$`));
    const refused = await (await app.request(back, { headers: { cookie: loggedIn } })).text();
    assert.match(refused, /Not saved: no post tass\/9999 in the archive/);
    // So does a merge of two posts already in one story, with the server's own words.
    const same = await app.request(
      '/api/stories/merge',
      form({ post: 'rt/3', into: 'mfa/1', _csrf: csrf }, { cookie: loggedIn }),
    );
    assert.equal(same.headers.get('location'), `/s/${STORY}?refused=one-story`);
    assert.match(
      await (await app.request(`/s/${STORY}?refused=one-story`)).text(),
      /Not saved: the two posts are already in one story/,
    );

    // The merge form takes a story's address.
    const merged = await app.request(
      '/api/stories/merge',
      form({ post: 'other/4', into: `http://localhost/s/${STORY}`, _csrf: csrf }, { cookie: loggedIn }),
    );
    assert.equal(merged.status, 303);
    assert.equal(await storyOf('other/4'), STORY);
  });

  it('the story page shows only notices the server made: no text from the address, no correction it does not hold', async () => {
    const page = async (query: string) => await (await app.request(`/s/${STORY}?${query}`)).text();
    const spoof = await page('refused=Your%20session%20expired,%20log%20in%20at%20evil.example');
    assert.doesNotMatch(spoof, /evil\.example|Not saved/);
    assert.doesNotMatch(await page('refused=no-post&name=log%20in%20at%20evil.example'), /evil\.example/);
    assert.doesNotMatch(await page('corrected=999'), /Saved: correction/);
    // A correction kept, but of another story, is not this page's either.
    // A post alone in its story has nothing to be split from: refused.
    const alone = await app.request('/api/stories/split', json({ post: 'other/4' }));
    assert.equal(alone.status, 400);
    assert.match(((await alone.json()) as { error: string }).error, /alone in its story/);
    await store.savePosts([p('solo', 9, { text: 'Rain', lang: 'en' })]);
    const other = await app.request('/api/stories/merge', json({ post: 'other/4', into: 'solo/9' }));
    const { correction } = (await other.json()) as { correction: { id: number } };
    assert.doesNotMatch(await page(`corrected=${correction.id}`), /Saved: correction/);
    const split = await app.request('/api/stories/split', json({ post: 'rt/3' }));
    const own = ((await split.json()) as { correction: { id: number } }).correction.id;
    const rt = await (await app.request(`/s/${storyIdOf('rt/3')}?corrected=${own}`)).text();
    assert.match(rt, new RegExp(`Saved: correction #${own}`));
  });

  it('POST /api/stories/split and /merge with a Bearer token answer JSON, and the corrections are listed', async () => {
    const anon = await app.request('/api/stories/split', json({ post: 'tass/2' }, {}));
    assert.equal(anon.status, 401);
    assert.equal(
      (await app.request('/api/stories/split', json({ post: 'tass/2' }, { authorization: 'Bearer x' })))
        .status,
      401,
    );

    const split = await app.request('/api/stories/split', json({ post: 'tass/2' }));
    assert.equal(split.status, 201);
    const body = (await split.json()) as {
      ok: boolean;
      correction: { id: number; kind: string };
      story: string;
    };
    assert.deepEqual([body.ok, body.correction.kind, body.story], [true, 'split', storyIdOf('tass/2')]);

    const merge = await app.request('/api/stories/merge', json({ post: 'other/4', into: 'tass/2' }));
    assert.equal(merge.status, 201);
    assert.equal(((await merge.json()) as { story: string }).story, storyIdOf('tass/2'));
    const moved = (await store.storyMembersOf(['other/4']))[0]!;
    assert.deepEqual(moved.evidence, { matched: ['tass/2'], score: 1, items: ['merged by a reader'] });
    assert.equal(moved.reason, 'merged');

    const list = await app.request('/api/stories/corrections');
    assert.equal(list.status, 200);
    const { corrections } = (await list.json()) as {
      corrections: { kind: string; post: string; into?: string }[];
    };
    assert.deepEqual(
      corrections.map((c) => [c.kind, c.post, c.into]),
      [
        ['split', 'tass/2', undefined],
        ['merge', 'other/4', 'tass/2'],
      ],
    );
  });

  it('a post split out, merged back and split again leaves its story again; the answer carries the stored time', async () => {
    const answer = async (path: string, data: object) => {
      const res = await app.request(path, json(data));
      assert.equal(res.status, 201, path);
      return (await res.json()) as { correction: { id: number; createdAt: string }; story: string };
    };
    const first = await answer('/api/stories/split', { post: 'tass/2' });
    assert.equal(await storyOf('tass/2'), storyIdOf('tass/2'));
    await answer('/api/stories/merge', { post: 'tass/2', into: 'mfa/1' });
    assert.equal(await storyOf('tass/2'), STORY);
    const again = await answer('/api/stories/split', { post: 'tass/2' });
    assert.equal(again.story, storyIdOf('tass/2'));
    assert.equal(await storyOf('tass/2'), storyIdOf('tass/2'));
    assert.notEqual(again.correction.id, first.correction.id);
    const kept = (await store.listStoryCorrections()).find((c) => c.id === again.correction.id)!;
    assert.equal(again.correction.createdAt, kept.createdAt);
    assert.deepEqual(
      (await store.listStoryCorrections()).map((c) => c.kind),
      ['merge', 'split'],
    );
  });

  it('an old story id (a rebuild renamed the story) leads to the story, page and API', async () => {
    await store.addStoryAliases([['s000000000old', STORY]]);
    const page = await app.request('/s/s000000000old');
    assert.equal(page.status, 301);
    assert.equal(page.headers.get('location'), `/s/${STORY}`);
    const api = await app.request('/api/stories/s000000000old');
    assert.equal(api.status, 301);
    assert.equal(api.headers.get('location'), `/api/stories/${STORY}`);
    assert.equal((await app.request('/s/s000000000new')).status, 404);
  });

  it('a member forwarding an origin outside the archive: the page credits that origin as first carrier', async () => {
    assert.doesNotMatch(await (await app.request(`/s/${STORY}`)).text(), /First carried by/);
    const forward = p('fwd', 5, { text: 'Lavrov met the press in Kazan', lang: 'en' });
    forward.forwardedFrom = { name: 'Russian MFA', username: 'mid_rf', postId: 9, author: null };
    await store.savePosts([forward]);
    await store.setStories([{ channel: 'fwd', id: 5, storyId: STORY, reason: 'copy', evidence: null }]);
    const page = await (await app.request(`/s/${STORY}`)).text();
    assert.match(
      page,
      /First carried by\s*<a href="[^"]*\/mid_rf\/9">Russian MFA<\/a>, forwarded by\s*<a href="[^"]*">fwd #5<\/a>/,
    );
  });

  it('unknown posts and channels are 404s naming them; malformed names and self-merges are 400s', async () => {
    const cases: [string, object, number, RegExp][] = [
      ['/api/stories/split', { post: 'tass/999' }, 404, /no post tass\/999/],
      ['/api/stories/split', { post: 'nochannel/1' }, 404, /no channel "nochannel"/],
      ['/api/stories/split', { post: 'garbage' }, 400, /not a post/],
      ['/api/stories/split', {}, 400, /post: name a post/],
      ['/api/stories/merge', { post: 'tass/2', into: 'tass/2' }, 400, /into itself/],
      ['/api/stories/merge', { post: 'tass/2', into: 'snope' }, 404, /no story "snope"/],
      ['/api/stories/merge', { post: 'tass/2', into: 'mfa/1' }, 400, /already in one story/],
      ['/api/stories/merge', { post: 'rt/3', into: STORY }, 400, /already in one story/],
    ];
    for (const [path, data, status, message] of cases) {
      const res = await app.request(path, json(data));
      assert.equal(res.status, status, JSON.stringify(data));
      assert.match(((await res.json()) as { error: string }).error, message);
    }
    assert.deepEqual(await store.listStoryCorrections(), []);
  });

  it("the story API carries each member's reason, evidence and a one-line why", async () => {
    const res = await app.request(`/api/stories/${STORY}`);
    assert.equal(res.status, 200);
    const { story } = (await res.json()) as {
      story: { members: { channel: string; reason: string; evidence: unknown; why: string }[] };
    };
    assert.deepEqual(
      story.members.map((m) => [m.channel, m.reason, m.evidence, m.why]),
      [
        ['mfa', 'canonical', null, 'canonical'],
        ['tass', 'translation', EVIDENCE, 'translation of mfa/1 (0.71): date:2024-09-10, name:<lavrov>'],
        ['rt', 'translation', EVIDENCE, 'translation of mfa/1 (0.71): date:2024-09-10, name:<lavrov>'],
      ],
    );
  });
});
