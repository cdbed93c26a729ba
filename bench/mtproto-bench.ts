// MTProto collection throughput: messages adapted and stored per second (cursor included), beside t.me/s backfill.
// The history is generated with the stub's TL builders in the shapes Telegram answers (text with entities, forwards,
// reactions, photos, albums, documents, service messages); the client answers from memory, so the figure is
// tgwire's own cost, not the network's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Long, type tl } from '@mtcute/node';
import { adaptMessages, peersOf } from '../src/collectors/mtproto/adapt.js';
import { StubTelegram, tlChannel, tlMessage, tlService } from '../src/collectors/mtproto/stub.testkit.js';
import { syncChannelMtproto } from '../src/pipeline/collect/mtproto.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';

export interface MtprotoBench {
  messages: number;
  /** getHistory (in memory) + adapt + store, one transaction per page with the cursor. */
  storedPerSec: number;
  /** Adapt only, the same messages. */
  adaptedPerSec: number;
}

const CHANNEL = 90001;

function history(n: number): tl.TypeMessage[] {
  const photo: tl.RawMessageMediaPhoto = {
    _: 'messageMediaPhoto',
    photo: {
      _: 'photo',
      id: Long.fromNumber(1),
      accessHash: Long.fromNumber(1),
      fileReference: new Uint8Array(),
      date: 0,
      dcId: 2,
      sizes: [{ _: 'photoSizeProgressive', type: 'y', w: 1280, h: 960, sizes: [1000, 150_000] }],
    },
  };
  const out: tl.TypeMessage[] = [tlService(CHANNEL, 1, { _: 'messageActionChannelCreate', title: 'Bench' })];
  for (let id = 2; id <= n; id++) {
    const text = `Post ${id}: talks in #geneva continue, says @source, details at https://example.org/${id}`;
    const fields: Partial<tl.RawMessage> = {
      message: text,
      entities: [
        { _: 'messageEntityBold', offset: 0, length: 4 + String(id).length + 1 },
        { _: 'messageEntityHashtag', offset: text.indexOf('#'), length: 7 },
        { _: 'messageEntityMention', offset: text.indexOf('@'), length: 7 },
        { _: 'messageEntityUrl', offset: text.indexOf('https'), length: text.length - text.indexOf('https') },
      ],
      views: 1000 + id,
      forwards: id % 13,
      reactions: {
        _: 'messageReactions',
        results: [{ _: 'reactionCount', reaction: { _: 'reactionEmoji', emoticon: '👍' }, count: id % 50 }],
      },
    };
    if (id % 5 === 0) fields.media = photo;
    if (id % 7 === 0)
      fields.fwdFrom = {
        _: 'messageFwdHeader',
        fromId: { _: 'peerChannel', channelId: 5 },
        date: 1,
        channelPost: id,
      };
    if (id % 20 === 1 || id % 20 === 2) {
      fields.groupedId = Long.fromNumber(Math.floor(id / 20));
      fields.media = photo;
    }
    out.push(tlMessage(CHANNEL, id, fields));
  }
  return out;
}

export async function benchMtproto(n = 20_000): Promise<MtprotoBench> {
  const messages = history(n);
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-bench-mtproto-'));
  try {
    const tg = new StubTelegram().addChat(
      tlChannel({ id: CHANNEL, title: 'Bench', username: 'bench' }),
      messages,
    );
    const store = await openSqliteStore(join(dir, 'mtproto.db'));
    const t0 = performance.now();
    const r = await syncChannelMtproto({ store, client: tg.connected() }, 'bench');
    const storeSec = (performance.now() - t0) / 1000;
    await store.close();
    if (r.status !== 'ok') throw new Error(`bench sync failed: ${r.error}`);

    const peers = peersOf({ chats: [tlChannel({ id: CHANNEL, title: 'Bench', username: 'bench' })] });
    let adapted = 0;
    const t1 = performance.now();
    while (performance.now() - t1 < 2000) {
      for (let i = 0; i < messages.length; i += 100)
        adaptMessages(messages.slice(i, i + 100), 'bench', peers);
      adapted += messages.length;
    }
    return {
      messages: n,
      storedPerSec: Math.round(n / storeSec),
      adaptedPerSec: Math.round(adapted / ((performance.now() - t1) / 1000)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchMtproto(Number(process.argv[2] ?? 20_000)));
}
