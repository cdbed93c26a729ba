import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPost } from '../model/post.js';
import { routeAccepts, routesFromConfig } from './routes.js';

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
});
