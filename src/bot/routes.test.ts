import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPost } from '../model/post.js';
import { routeAccepts, routesFromConfig } from './routes.js';
import { UserError } from '../util/errors.js';
import type { RouteEntry } from '../config/config.js';

const post = (lang: string | null) => ({ ...emptyPost('c', 1, 'tme-html'), text: 'x', lang });

test('a language route keeps its languages and says what it does with undetermined posts', () => {
  const [keep, drop] = routesFromConfig([
    {
      channel: 'c',
      to: '@a',
      forwards: 'include',
      languages: ['RU'],
      undetermined: 'include',
      silent: false,
      deleteOnSourceDelete: false,
    },
    {
      channel: 'c',
      to: '@b',
      forwards: 'include',
      languages: ['ru'],
      undetermined: 'exclude',
      silent: false,
      deleteOnSourceDelete: false,
    },
  ]);
  for (const r of [keep!, drop!]) {
    assert.equal(routeAccepts(r, post('ru')), true);
    assert.equal(routeAccepts(r, post('sr')), false);
  }
  for (const lang of ['und', null]) {
    assert.equal(routeAccepts(keep!, post(lang)), true, `include keeps ${lang}`);
    assert.equal(routeAccepts(drop!, post(lang)), false, `exclude drops ${lang}`);
  }
  // A Serbo-Croatian post (the detector could not say which of the three) is in a Croatian route, not a Russian one.
  const [croatian] = routesFromConfig([
    {
      channel: 'c',
      to: '@c',
      forwards: 'include',
      languages: ['hr'],
      undetermined: 'exclude',
      silent: false,
      deleteOnSourceDelete: false,
    },
  ]);
  assert.equal(routeAccepts(croatian!, post('sh')), true);
  assert.equal(routeAccepts(croatian!, post('sl')), false);
  assert.equal(routeAccepts(keep!, post('sh')), false);
  // A Norwegian post (Bokmål or Nynorsk, the detector could not say) is in a Nynorsk route, not a Danish one.
  const config = (lang: string) => ({
    channel: 'n',
    to: `@${lang}`,
    forwards: 'include' as const,
    languages: [lang],
    undetermined: 'exclude' as const,
    silent: false,
    deleteOnSourceDelete: false,
  });
  const [nynorsk, danish] = routesFromConfig([config('nn'), config('da')]);
  assert.equal(routeAccepts(nynorsk!, post('no')), true);
  assert.equal(routeAccepts(danish!, post('no')), false);
  // …and a Nynorsk post is in a Norwegian route.
  const [norwegian] = routesFromConfig([config('no')]);
  assert.equal(routeAccepts(norwegian!, post('nn')), true);
  assert.equal(routeAccepts(norwegian!, post('da')), false);
});

test('search: names a saved search, query: is written in the route; ids are what the route is', () => {
  const base = {
    to: '@a',
    forwards: 'include',
    undetermined: 'include',
    silent: false,
    deleteOnSourceDelete: false,
  } as const;
  const [saved, query, again] = routesFromConfig([
    { ...base, search: 'brics-summit' },
    { ...base, query: 'BRICS summit' },
    { ...base, query: 'BRICS summit', to: '@b', languages: ['ru'] },
  ]);
  assert.deepEqual(saved!.selector, { kind: 'saved', value: 'brics-summit' });
  assert.equal(saved!.id, 'search:brics-summit');
  assert.deepEqual(query!.selector, { kind: 'search', value: 'BRICS summit' });
  assert.equal(query!.id, 'query:BRICS summit');
  // Another chat: the same source is the same id, the chat keeps their messages apart.
  assert.equal(again!.id, 'query:BRICS summit');
  // What the route was called when ids counted positions (bot/route-ids.ts adopts those rows).
  assert.deepEqual(
    [saved, query, again].map((r) => r!.formerId),
    ['search:brics-summit', 'search:BRICS summit', 'search:BRICS summit#2'],
  );
});

test("removing or reordering routes leaves the others' ids alone; an id: tells apart routes sharing a chat", () => {
  const base = {
    forwards: 'include',
    undetermined: 'exclude',
    silent: false,
    deleteOnSourceDelete: false,
  } as const;
  const fr = { ...base, channel: 'Sample', to: '@fr', languages: ['fr'] };
  const ru = { ...base, channel: 'sample', to: '@ru', languages: ['ru'] };
  const ids = (rs: RouteEntry[]) => routesFromConfig(rs).map((r) => `${r.id} ${r.chats.join()}`);
  assert.deepEqual(ids([fr, ru]), ['channel:sample @fr', 'channel:sample @ru']);
  assert.deepEqual(ids([ru]), ['channel:sample @ru']);
  assert.deepEqual(ids([ru, fr]), ['channel:sample @ru', 'channel:sample @fr']);
  assert.throws(
    () => routesFromConfig([fr, { ...ru, to: ['@ru', '@fr'] }], 'tgwire.config.yaml'),
    (e: unknown) =>
      e instanceof UserError &&
      /^tgwire\.config\.yaml: routes\.1: routes\.0 also publishes channel:sample to @fr: give one of them an id: /.test(
        e.message,
      ),
  );
  assert.deepEqual(ids([fr, { ...ru, to: ['@ru', '@fr'], id: 'sample-ru' }]), [
    'channel:sample @fr',
    'sample-ru @ru,@fr',
  ]);
  assert.throws(
    () => routesFromConfig([{ ...fr, id: 'Not An Id' }]),
    /routes\.0: id: "Not An Id" is not a route id/,
  );
});

test('search: with a query instead of a name is refused, saying how to write either', () => {
  const base = {
    to: '@a',
    forwards: 'include',
    undetermined: 'include',
    silent: false,
    deleteOnSourceDelete: false,
  } as const;
  assert.throws(
    () => routesFromConfig([{ ...base, search: 'BRICS summit' }]),
    (e: unknown) =>
      e instanceof UserError &&
      /^routes\.0: search: names a saved search .* not "BRICS summit": save it \(tgwire searches add NAME 'QUERY'\) or write the query as query: "BRICS summit"$/.test(
        e.message,
      ),
  );
  assert.throws(
    () => routesFromConfig([{ ...base, search: 'a', query: 'b' }]),
    /exactly one of topic, channel, search or query \(got 2\)/,
  );
});

test('route mistakes are refused naming the config file and the route', () => {
  const base = {
    channel: 'sample',
    to: '@a',
    forwards: 'include',
    undetermined: 'include',
    silent: false,
    deleteOnSourceDelete: false,
  } as const;
  const refused = (entry: RouteEntry, message: RegExp) =>
    assert.throws(
      () => routesFromConfig([{ ...base, to: '@other' }, entry], 'c.yaml'),
      (e: unknown) => e instanceof UserError && message.test(e.message),
    );
  refused(
    { ...base, languages: ['english'] },
    /^c\.yaml: routes\.1 \(channel: sample\): languages: "english" is not an ISO 639-1 language code/,
  );
  refused({ ...base, languages: ['fr', 'xx'] }, /languages: "xx" is not an ISO 639-1/);
  refused(
    { ...base, header: '{date} | {channel} | {unknownvar}' },
    /^c\.yaml: routes\.1 \(channel: sample\): header: unknown placeholder \{unknownvar\} \(known: \{channel\} \{link\}/,
  );
  refused({ ...base, footer: 'via {chanel}' }, /footer: unknown placeholder \{chanel\}/);
  const { channel: _c, ...noSource } = base;
  refused(
    { ...noSource, query: 'Riyadh AND ()' },
    /^c\.yaml: routes\.1 \(query: Riyadh AND \(\)\): query: empty parentheses at \d+$/,
  );
  // What is right passes.
  const [ok] = routesFromConfig([
    { ...base, languages: ['FR', 'ru'], header: '{date} {channel} {link} {id} {topic} {origin}' },
  ]);
  assert.deepEqual(ok!.languages, ['fr', 'ru']);
});
