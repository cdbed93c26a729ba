// The same 213-message channel exported as JSON and as HTML must give the same posts, as far as HTML carries them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { fixtureFiles, SKIP_NO_SHARED } from '../../../test/shared.js';
import type { Media, Post } from '../../model/post.js';
import { readExportHtml, readExportJson } from './index.js';
import { drain } from './export.testkit.js';

const json = fixtureFiles('export_json').find((f) => basename(f).startsWith('alqaddaaree'));
const html = fixtureFiles('export_html').find((f) => basename(f).startsWith('alqaddaaree'));
const skip = json && html ? false : SKIP_NO_SHARED;

/**
 * What HTML carries of a post. Deliberate, narrow exceptions (the HTML export genuinely lacks these):
 * - `edited`/`editDate`: no edit mark is written in the page.
 * - service rows: no date, and no media (JSON keeps edit_group_photo's new photo); their action, title, actor and
 *   pinned id are compared.
 * - entities: `collapsed` of a blockquote is not written; `url` is compared for text_link only (HTML also gives an
 *   href for link/mention/email, JSON does not).
 * - forwards: HTML names the origin, but has no forwarded_from_id.
 * - media: type and supported flag always; duration, sticker emoji, audio performer/title, document file name;
 *   width/height only where HTML shows them (photos); file size only to the rounding of "114.6 KB" (5%).
 */
function comparable(p: Post) {
  return {
    id: p.id,
    date: p.service ? null : p.date,
    author: p.author,
    text: p.text,
    entities: p.entities.map((e) => ({
      type: e.type,
      offset: e.offset,
      length: e.length,
      url: e.type === 'text_link' ? e.url : undefined,
      customEmojiId: e.customEmojiId,
    })),
    forwardedFrom: p.forwardedFrom?.name ?? null,
    replyTo: p.replyTo,
    reactions: p.reactions,
    service: p.service && {
      action: p.service.action,
      title: p.service.title,
      actor: p.service.actor,
      messageId: p.service.messageId,
    },
    media: p.service
      ? []
      : p.media.map((m) => ({
          type: m.type,
          supported: m.supported,
          duration: m.duration,
          emoji: m.emoji,
          performer: m.performer,
          title: m.title,
          fileName: m.type === 'document' ? m.fileName : undefined,
        })),
  };
}

const dims = (m: Media) => [m.width, m.height];

describe('JSON and HTML exports of the same channel agree', { skip }, () => {
  it('gives the same posts', async () => {
    const a = (await drain(readExportJson(json!))).posts;
    const b = (await drain(readExportHtml(html!))).posts;
    assert.equal(a.length, 213);
    assert.deepEqual(
      b.map((p) => p.id),
      a.map((p) => p.id),
    );
    for (let i = 0; i < a.length; i++) {
      assert.deepEqual(comparable(b[i]!), comparable(a[i]!), `post ${a[i]!.id}`);
      if (a[i]!.service) continue;
      a[i]!.media.forEach((m, k) => {
        const h = b[i]!.media[k]!;
        if (h.width !== undefined) assert.deepEqual(dims(h), dims(m), `post ${a[i]!.id} dimensions`);
        if (h.fileSize !== undefined && m.fileSize !== undefined) {
          assert.ok(
            Math.abs(h.fileSize - m.fileSize) <= 0.05 * m.fileSize,
            `post ${a[i]!.id} size ${h.fileSize} ~ ${m.fileSize}`,
          );
        }
      });
    }
  });

  it('the comparison is not vacuous: the channel has forwards, replies, entities, media and services', async () => {
    const a = (await drain(readExportJson(json!))).posts;
    assert.equal(a.filter((p) => p.forwardedFrom).length, 27);
    assert.equal(a.filter((p) => p.replyTo !== null).length, 6);
    assert.equal(a.filter((p) => p.service).length, 5);
    assert.ok(a.reduce((n, p) => n + p.entities.length, 0) > 700);
    assert.deepEqual([...new Set(a.flatMap((p) => p.media.map((m) => m.type)))].sort(), [
      'audio',
      'document',
      'photo',
      'sticker',
      'video',
    ]);
  });
});
