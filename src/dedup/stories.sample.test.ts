import { test } from 'node:test';
import assert from 'node:assert/strict';
import { samplePath, SKIP_NO_SHARED } from '../../test/shared.js';
import { byStart, readSample } from '../rules/sample.testkit.js';
import { groupStories } from './stories.js';

const path = samplePath();

test(
  'sample: the Riyadh remarks and the ambassador interview are one story each, nothing else is grouped',
  { skip: path ? false : SKIP_NO_SHARED },
  () => {
    const posts = readSample(path!);
    const key = (start: string): string => `sample/${byStart(posts, start).id}`;
    const { stories } = groupStories(posts);
    const grouped = stories
      .filter((s) => s.members.length > 1)
      .map((s) => s.members.map((m) => `${m.key}:${m.reason}`).sort())
      .sort();
    assert.deepEqual(
      grouped,
      [
        [`${key('🇷🇺💬 Déclarations')}:canonical`, `${key('🎙 Excerpts and key points')}:translation`].sort(),
        [`${key('L’entretien')}:canonical`, `${key('Интервью')}:translation`].sort(),
      ].sort(),
    );
    assert.equal(stories.length, posts.length - 2);
  },
);
