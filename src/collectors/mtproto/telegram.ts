// The real MtprotoClient over @mtcute/node's TelegramClient: the only module that talks to Telegram.
import { Long, MemoryStorage, TelegramClient, tl } from '@mtcute/node';
import type { ClientSettings, HistoryRequest, MtprotoClient, PeerRef, Peers, SentCode } from './client.js';

/** mtcute's own logging off: a session or phone number must never reach a log. Errors still reach us as throws. */
const LOG_NONE = 0;

function inputPeer(peer: PeerRef): tl.TypeInputPeer {
  switch (peer.type) {
    case 'channel':
      return { _: 'inputPeerChannel', channelId: peer.id, accessHash: Long.fromString(peer.accessHash) };
    case 'user':
      return { _: 'inputPeerUser', userId: peer.id, accessHash: Long.fromString(peer.accessHash) };
    case 'chat':
      return { _: 'inputPeerChat', chatId: peer.id };
  }
}

/** The paging fields getHistory and getReplies share: below offsetId, newer than minId, no date offset. */
function paging(r: HistoryRequest) {
  return {
    offsetId: r.offsetId,
    offsetDate: 0,
    addOffset: 0,
    limit: r.limit,
    maxId: 0,
    minId: r.minId ?? 0,
    hash: Long.ZERO,
  };
}

/**
 * A client whose session lives in memory and is handed back by exportSession: the caller keeps it in one file with
 * 0600, instead of mtcute's SQLite session database beside it. Flood waits are not slept here (threshold 0): the
 * collector decides per channel whether to wait or reschedule (collectors/mtproto/flood.ts).
 */
export async function openTelegram(settings: ClientSettings): Promise<MtprotoClient> {
  const client = new TelegramClient({
    apiId: settings.apiId,
    apiHash: settings.apiHash,
    storage: new MemoryStorage(),
    logLevel: LOG_NONE,
    disableUpdates: settings.updates !== true,
  });
  if (settings.session) await client.importSession(settings.session);
  const noSleep = { floodSleepThreshold: 0 };
  return {
    resolveUsername: (username) => client.call({ _: 'contacts.resolveUsername', username }, noSleep),
    getHistory: (peer: PeerRef, r: HistoryRequest) =>
      client.call({ _: 'messages.getHistory', peer: inputPeer(peer), ...paging(r) }, noSleep),
    getReplies: (peer: PeerRef, msgId: number, r: HistoryRequest) =>
      client.call({ _: 'messages.getReplies', peer: inputPeer(peer), msgId, ...paging(r) }, noSleep),
    getMessages: (peer: PeerRef, ids: number[]) => {
      const id = ids.map((i): tl.TypeInputMessage => ({ _: 'inputMessageID', id: i }));
      return client.call(
        peer.type === 'channel'
          ? {
              _: 'channels.getMessages',
              channel: {
                _: 'inputChannel',
                channelId: peer.id,
                accessHash: Long.fromString(peer.accessHash),
              },
              id,
            }
          : { _: 'messages.getMessages', id },
        noSleep,
      );
    },
    async watch(channelIds, onUpdate) {
      const listener = (info: { update: tl.TypeUpdate; peers: Peers }) =>
        onUpdate(info.update, { chats: info.peers.chats, users: info.peers.users });
      client.onRawUpdate.add(listener);
      await client.startUpdatesLoop();
      // Channels the account has not joined send no updates by themselves: opened, they are polled.
      for (const id of channelIds) await client.notifyChannelOpened(id);
      const opened = [...channelIds];
      return {
        async add(id) {
          opened.push(id);
          await client.notifyChannelOpened(id);
        },
        async stop() {
          client.onRawUpdate.remove(listener);
          for (const id of opened) await client.notifyChannelClosed(id);
          await client.stopUpdatesLoop();
        },
      };
    },
    download: (f, o = {}) =>
      client.downloadAsBuffer(
        f.kind === 'photo'
          ? {
              _: 'inputPhotoFileLocation',
              id: Long.fromString(f.id),
              accessHash: Long.fromString(f.accessHash),
              fileReference: f.fileReference,
              thumbSize: f.thumbSize,
            }
          : {
              _: 'inputDocumentFileLocation',
              id: Long.fromString(f.id),
              accessHash: Long.fromString(f.accessHash),
              fileReference: f.fileReference,
              thumbSize: '',
            },
        { dcId: f.dcId, fileSize: f.size, ...(o.signal ? { abortSignal: o.signal } : {}) },
      ),
    async sendCode(phone: string): Promise<SentCode> {
      const sent = await client.sendCode({ phone });
      return 'phoneCodeHash' in sent ? { phoneCodeHash: sent.phoneCodeHash } : { loggedIn: true };
    },
    async signIn(phone, phoneCodeHash, phoneCode) {
      await client.signIn({ phone, phoneCodeHash, phoneCode });
    },
    async checkPassword(password) {
      await client.checkPassword(password);
    },
    async signInQr(o) {
      await client.signInQr({
        onUrlUpdated: (url, expires) => o.onUrl(url, expires),
        onQrScanned: () => o.onScanned(),
        password: () => o.password(),
        invalidPasswordCallback: () => o.onWrongPassword(),
        ...(o.signal ? { abortSignal: o.signal } : {}),
      });
    },
    exportSession: () => client.exportSession(),
    async logOut() {
      await client.logOut();
    },
    close: () => client.destroy(),
  };
}
