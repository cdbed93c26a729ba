import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEvidence } from './evidence.js';
import { hanNames } from './han-names.js';

test('Chinese names are read longest first: 白俄罗斯 is Belarus, not Russia; 克里姆林宫 is the Kremlin', () => {
  assert.deepEqual(hanNames('白俄罗斯总统与俄罗斯外长'), [
    ['白俄罗斯', 'Belarus'],
    ['俄罗斯', 'Russia'],
  ]);
  assert.deepEqual(hanNames('克里姆林宫发表声明'), [['克里姆林宫', 'Kremlin']]);
  assert.deepEqual(hanNames('今天天气很好'), []);
});

test('names in a Chinese post meet the same names in a Latin or Cyrillic one', () => {
  const zh = extractEvidence('俄罗斯总统普京与中国国家主席习近平在莫斯科会谈。');
  const ru = extractEvidence('Президент России Владимир Путин провёл переговоры с Си Цзиньпином в Москве.');
  const en = extractEvidence("Russia's President Putin held talks with Xi Jinping in Moscow.");
  const names = (e: ReturnType<typeof extractEvidence>): string[] =>
    [...e.tokens.keys()].filter((t) => t.startsWith('name:'));
  const zhNames = new Set(names(zh));
  assert.deepEqual(
    names(en)
      .filter((t) => zhNames.has(t))
      .sort(),
    ['name:=russia', 'name:Jnbn', 'name:btn', 'name:mskf'].sort(),
  );
  assert.ok(names(ru).filter((t) => zhNames.has(t)).length >= 3, names(ru).join(' '));
});
