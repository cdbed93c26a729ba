// The channel list's language cell: pinned languages, or the detected mix as shares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languagesCell } from './channels.js';

test('a language with a few posts is "<1%" beside the main one, never "0%"', () => {
  // The Chinese library channel: 670 zh, 2 ja, 1 en.
  assert.equal(languagesCell(null, { zh: 670 / 673, ja: 2 / 673, en: 1 / 673 }), 'zh >99%, ja <1%, en <1%');
  assert.equal(languagesCell(null, { ru: 0.75, en: 0.2, uk: 0.05 }), 'ru 75%, en 20%, uk 5%');
  assert.equal(languagesCell(null, { en: 1 }), 'en 100%');
  assert.equal(languagesCell(['en', 'ar'], { en: 0.9 }), 'en, ar (pinned)');
  assert.equal(languagesCell(null, {}), '-');
});
