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

test('states, cities and bodies whose Chinese names are not spelled by sound meet their Latin names', () => {
  const names = (text: string, lang: string): Set<string> =>
    new Set([...extractEvidence(text, null, lang).tokens.keys()].filter((t) => t.startsWith('name:')));
  const zh = names(
    '越南外交部发言人表示，韩国、意大利、加拿大和澳大利亚的代表在河内会见了东盟秘书长。',
    'zh',
  );
  const en = names(
    'The spokesperson of Vietnam said that envoys of Korea, Italy, Canada and Australia met the ASEAN secretary-general in Hanoi.',
    'en',
  );
  const shared = [...en].filter((t) => zh.has(t));
  // Vietnam, Korea, Italy, Canada, Australia, ASEAN, Hanoi.
  assert.ok(shared.length >= 7, `shared: ${shared.join(' ')}`);
  // 马里 (Mali) is not read inside 马里乌波尔 (Mariupol), nor 海地 (Haiti) in 沿海地区 ("coastal areas").
  assert.deepEqual(hanNames('马里乌波尔'), [['马里乌波尔', 'Mariupol']]);
  assert.deepEqual(hanNames('沿海地区'), []);
});
