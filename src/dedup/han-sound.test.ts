import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEvidence } from './evidence.js';
import { hanSoundRuns } from './han-sound.js';

test('runs of three or more characters of the transliteration tables are read as names, spelled each way', () => {
  const runs = hanSoundRuns('联合国难民署高级专员格兰迪表示');
  assert.deepEqual(
    runs.map((r) => [r.written, r.index]),
    [['格兰迪', 10]],
  );
  // l also writes r: Grandi is among the spellings of ge-lan-di.
  assert.ok(runs[0]!.spellings.includes('gerandi'), runs[0]!.spellings.join(' '));
  // Two characters are too few to tell a name from a word; ordinary text has no run.
  assert.deepEqual(hanSoundRuns('今天天气很好，中国人民'), []);
  assert.deepEqual(hanSoundRuns('斯里'), []);
});

test('names a Chinese post writes by sound meet the Latin ones; the parts around a middle dot are one name', () => {
  const zh = extractEvidence(
    '国际原子能机构总干事格罗西与联合国难民署高级专员菲利波·格兰迪在肯尼亚会面。',
    2024,
    'zh',
  );
  const en = extractEvidence(
    'IAEA Director General Rafael Grossi met UN refugee chief Filippo Grandi in Kenya.',
    2024,
    'en',
  );
  const shared = [...zh.tokens.keys()].filter((t) => t.startsWith('name:') && en.tokens.has(t));
  const written = new Set(shared.map((t) => zh.surface.get(t)));
  // The IAEA's Chinese name is no spelling by sound: the list of bodies has it (han-world.ts); the UN refugee
  // agency's is translated (institutions.ts).
  assert.deepEqual(
    [...written].sort(),
    ['国际原子能机构', '格兰迪', '格罗西', '联合国难民署', '肯尼亚', '菲利波'].sort(),
  );
  const group = (w: string): number | undefined =>
    zh.groups.get(shared.find((t) => zh.surface.get(t) === w)!);
  assert.equal(group('菲利波'), group('格兰迪'));
  assert.notEqual(group('格罗西'), group('格兰迪'));
});
