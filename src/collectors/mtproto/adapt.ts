// The only place that knows both shapes: MTProto TL objects (messages, chats, errors) -> model Channel and Posts.
import { tl } from '@mtcute/node';
import { emptyChannel, emptyPost } from '../../model/post.js';
import type {
  Channel,
  Entity,
  EntityType,
  ForwardedFrom,
  Media,
  Poll,
  Post,
  Reaction,
  ServiceAction,
} from '../../model/post.js';
import type { FileRef, PeerRef, Peers } from './client.js';

export type { Peers } from './client.js';

export function peersOf(answer: { chats?: tl.TypeChat[]; users?: tl.TypeUser[] }): Peers {
  return {
    chats: new Map((answer.chats ?? []).map((c) => [c.id, c])),
    users: new Map((answer.users ?? []).map((u) => [u.id, u])),
  };
}

const iso = (unix: number | undefined): string | null =>
  unix === undefined || unix <= 0 ? null : new Date(unix * 1000).toISOString();

const ENTITY: Partial<Record<tl.TypeMessageEntity['_'], EntityType>> = {
  messageEntityBold: 'bold',
  messageEntityItalic: 'italic',
  messageEntityUnderline: 'underline',
  messageEntityStrike: 'strikethrough',
  messageEntitySpoiler: 'spoiler',
  messageEntityCode: 'code',
  messageEntityPre: 'pre',
  messageEntityBlockquote: 'blockquote',
  messageEntityUrl: 'link',
  messageEntityTextUrl: 'text_link',
  messageEntityMention: 'mention',
  messageEntityMentionName: 'mention_name',
  messageEntityHashtag: 'hashtag',
  messageEntityCashtag: 'cashtag',
  messageEntityBotCommand: 'bot_command',
  messageEntityEmail: 'email',
  messageEntityPhone: 'phone',
  messageEntityBankCard: 'bank_card',
  messageEntityCustomEmoji: 'custom_emoji',
};

/** TL entities count UTF-16 code units, as ours do: only the kinds and their attributes are translated. */
export function adaptEntities(entities: tl.TypeMessageEntity[] | undefined): Entity[] {
  const out: Entity[] = [];
  for (const e of entities ?? []) {
    const type = ENTITY[e._];
    if (!type) continue;
    const x: Entity = { type, offset: e.offset, length: e.length };
    if (e._ === 'messageEntityTextUrl') x.url = e.url;
    if (e._ === 'messageEntityPre' && e.language) x.language = e.language;
    if (e._ === 'messageEntityCustomEmoji') x.customEmojiId = e.documentId.toString();
    if (e._ === 'messageEntityBlockquote' && e.collapsed) x.collapsed = true;
    out.push(x);
  }
  return out;
}

function chatTitle(
  peers: Peers,
  peer: tl.TypePeer | undefined,
): { name: string; username: string | null } | null {
  if (!peer) return null;
  if (peer._ === 'peerUser') {
    const u = peers.users.get(peer.userId);
    if (!u || u._ !== 'user') return null;
    const name = [u.firstName, u.lastName].filter(Boolean).join(' ');
    return { name, username: u.username?.toLowerCase() ?? null };
  }
  const c = peers.chats.get(peer._ === 'peerChannel' ? peer.channelId : peer.chatId);
  if (!c || c._ === 'chatEmpty') return null;
  return { name: c.title, username: 'username' in c && c.username ? c.username.toLowerCase() : null };
}

function peerNumericId(peer: tl.TypePeer): number {
  return peer._ === 'peerUser' ? peer.userId : peer._ === 'peerChannel' ? peer.channelId : peer.chatId;
}

function adaptForward(f: tl.TypeMessageFwdHeader, peers: Peers): ForwardedFrom {
  const origin = chatTitle(peers, f.fromId);
  const fwd: ForwardedFrom = {
    name: origin?.name ?? f.fromName ?? '',
    username: origin?.username ?? null,
    postId: f.channelPost ?? null,
    author: f.postAuthor ?? null,
  };
  if (f.fromId) fwd.numericId = peerNumericId(f.fromId);
  if (f.fromId?._ === 'peerUser') fwd.fromUser = true;
  const date = iso(f.date);
  if (date) fwd.date = date;
  return fwd;
}

function adaptReactions(r: tl.TypeMessageReactions | undefined): Reaction[] {
  const out: Reaction[] = [];
  for (const rc of r?.results ?? []) {
    const x: Reaction = { count: rc.count };
    if (rc.reaction._ === 'reactionEmoji') x.emoji = rc.reaction.emoticon;
    else if (rc.reaction._ === 'reactionCustomEmoji') x.customEmojiId = rc.reaction.documentId.toString();
    else if (rc.reaction._ === 'reactionPaid') x.paid = true;
    else continue;
    out.push(x);
  }
  return out;
}

function largestPhotoSize(photo: tl.TypePhoto | undefined): { w: number; h: number; size?: number } | null {
  if (!photo || photo._ !== 'photo') return null;
  let best: { w: number; h: number; size?: number } | null = null;
  for (const s of photo.sizes) {
    let size: number | undefined;
    if (s._ === 'photoSize') size = s.size;
    else if (s._ === 'photoSizeProgressive') size = Math.max(...s.sizes);
    else if (s._ !== 'photoCachedSize') continue;
    if (!best || s.w * s.h > best.w * best.h)
      best = size === undefined ? { w: s.w, h: s.h } : { w: s.w, h: s.h, size };
  }
  return best;
}

function adaptDocument(media: tl.RawMessageMediaDocument): Media {
  const d = media.document;
  if (!d || d._ !== 'document')
    return { type: 'other', supported: false, label: 'document no longer available' };
  const out: Media = { type: 'document', supported: true, fileSize: d.size, mimeType: d.mimeType };
  let animated = false;
  for (const a of d.attributes) {
    switch (a._) {
      case 'documentAttributeFilename':
        out.fileName = a.fileName;
        break;
      case 'documentAttributeVideo':
        out.type = a.roundMessage ? 'round_video' : 'video';
        out.width = a.w;
        out.height = a.h;
        out.duration = Math.round(a.duration);
        break;
      case 'documentAttributeAudio':
        out.type = a.voice ? 'voice' : 'audio';
        out.duration = a.duration;
        if (a.title) out.title = a.title;
        if (a.performer) out.performer = a.performer;
        break;
      case 'documentAttributeAnimated':
        animated = true;
        break;
      case 'documentAttributeSticker':
        out.type = 'sticker';
        if (a.alt) out.emoji = a.alt;
        break;
      case 'documentAttributeImageSize':
        out.width = a.w;
        out.height = a.h;
        break;
    }
  }
  if (animated && out.type !== 'sticker') out.type = 'gif';
  return out;
}

const bytesKey = (b: Uint8Array) => Buffer.from(b).toString('hex');

function adaptPoll(media: tl.RawMessageMediaPoll): Media {
  const p = media.poll;
  const results = new Map((media.results.results ?? []).map((r) => [bytesKey(r.option), r]));
  const total = media.results.totalVoters;
  // Written as t.me shows them ("Anonymous Poll", "Quiz"), so a poll read both ways does not flip its label.
  const kind = `${p.publicVoters ? '' : 'Anonymous '}${p.quiz ? 'Quiz' : 'Poll'}`;
  const poll: Poll = {
    question: p.question.text,
    kind,
    multiple: p.multipleChoice === true,
    closed: p.closed === true,
    options: p.answers.map((a) => {
      const r = a._ === 'pollAnswer' ? results.get(bytesKey(a.option)) : undefined;
      const o: Poll['options'][number] = { text: a.text.text };
      if (r?.voters !== undefined) {
        o.voters = r.voters;
        if (total) o.percent = Math.round((r.voters / total) * 100);
      }
      if (r?.chosen) o.chosen = true;
      return o;
    }),
  };
  if (total !== undefined) poll.totalVoters = total;
  return { type: 'poll', supported: true, poll };
}

/** The message's media in our terms; empty for a message without any (or a kind we do not keep, like a game). */
export function adaptMedia(m: tl.TypeMessageMedia | undefined): Media[] {
  if (!m) return [];
  switch (m._) {
    case 'messageMediaPhoto': {
      const size = largestPhotoSize(m.photo);
      if (!size) return [{ type: 'photo', supported: false, label: 'photo no longer available' }];
      const out: Media = { type: 'photo', supported: true, width: size.w, height: size.h };
      if (size.size !== undefined) out.fileSize = size.size;
      return [out];
    }
    case 'messageMediaDocument':
      return [adaptDocument(m)];
    case 'messageMediaPoll':
      return [adaptPoll(m)];
    case 'messageMediaGeo':
    case 'messageMediaVenue':
    case 'messageMediaGeoLive': {
      const g = m.geo;
      if (g._ !== 'geoPoint') return [{ type: 'location', supported: false }];
      const out: Media = { type: 'location', supported: true, location: { lat: g.lat, lon: g.long } };
      if (m._ === 'messageMediaVenue') out.title = m.title;
      return [out];
    }
    case 'messageMediaContact': {
      const name = [m.firstName, m.lastName].filter(Boolean).join(' ');
      return [
        {
          type: 'contact',
          supported: true,
          contact: m.phoneNumber ? { name, phone: m.phoneNumber } : { name },
        },
      ];
    }
    case 'messageMediaWebPage': {
      const w = m.webpage;
      if (w._ !== 'webPage') return [];
      const preview: NonNullable<Media['preview']> = { url: w.url };
      if (w.siteName) preview.site = w.siteName;
      if (w.title) preview.title = w.title;
      if (w.description) preview.description = w.description;
      return [{ type: 'link_preview', supported: true, url: w.url, preview }];
    }
    case 'messageMediaEmpty':
      return [];
    default:
      return [{ type: 'other', supported: false, label: m._.replace(/^messageMedia/, '') }];
  }
}

/** Service actions by the names Desktop exports give them (model: snake_case), so both sources agree. */
const ACTION: Partial<Record<tl.TypeMessageAction['_'], string>> = {
  messageActionChannelCreate: 'create_channel',
  messageActionChatCreate: 'create_group',
  messageActionChatEditTitle: 'edit_group_title',
  messageActionChatEditPhoto: 'edit_group_photo',
  messageActionChatDeletePhoto: 'delete_group_photo',
  messageActionPinMessage: 'pin_message',
  messageActionChatAddUser: 'invite_members',
  messageActionChatDeleteUser: 'remove_members',
  messageActionChatJoinedByLink: 'join_group_by_link',
  messageActionChatJoinedByRequest: 'join_group_by_request',
  messageActionChannelMigrateFrom: 'migrate_from_group',
  messageActionChatMigrateTo: 'migrate_to_supergroup',
  messageActionGroupCall: 'group_call',
  messageActionHistoryClear: 'clear_history',
  messageActionSetMessagesTTL: 'set_messages_ttl',
  messageActionTopicCreate: 'topic_created',
};

function adaptService(m: tl.RawMessageService): ServiceAction {
  const a = m.action;
  const s: ServiceAction = {
    action:
      ACTION[a._] ??
      a._.replace(/^messageAction/, '')
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .toLowerCase(),
  };
  if ('title' in a && typeof a.title === 'string') s.title = a.title;
  if (a._ === 'messageActionPinMessage' && m.replyTo?._ === 'messageReplyHeader' && m.replyTo.replyToMsgId)
    s.messageId = m.replyTo.replyToMsgId;
  return s;
}

/** One message as a Post of channel `key` (albums are folded afterwards by adaptMessages). */
export function adaptMessage(m: tl.RawMessage | tl.RawMessageService, key: string, peers: Peers): Post {
  const p = emptyPost(key, m.id, 'mtproto');
  p.date = iso(m.date);
  if (m.replyTo?._ === 'messageReplyHeader' && m.replyTo.replyToMsgId && !m.replyTo.replyToPeerId)
    p.replyTo = m.replyTo.replyToMsgId;
  p.reactions = adaptReactions(m.reactions);
  if (m._ === 'messageService') {
    p.service = adaptService(m);
    return p;
  }
  // editHide: a bot's or the server's change (a reaction, a button), not the author's edit.
  if (m.editDate && !m.editHide) {
    p.edited = true;
    p.editDate = iso(m.editDate);
  }
  // In channels the author is the signature; in groups the sender.
  p.author = m.postAuthor ?? (m.post ? null : m.fromId ? (chatTitle(peers, m.fromId)?.name ?? null) : null);
  p.text = m.message;
  p.entities = adaptEntities(m.entities);
  if (m.fwdFrom) p.forwardedFrom = adaptForward(m.fwdFrom, peers);
  p.media = adaptMedia(m.media);
  p.views = m.views ?? null;
  if (m.forwards !== undefined) p.forwards = m.forwards;
  if (m.replies?._ === 'messageReplies') p.replies = m.replies.replies;
  if (m.groupedId) p.groupId = m.groupedId.toString();
  return p;
}

/**
 * A page of messages (any order) as Posts oldest first. An album arrives as one message per item sharing a
 * grouped_id; t.me shows it as one post under its first item's id, with a member id per item and the group
 * `channel/IDg`: folded the same way here, so an album read both ways is one row.
 */
export function adaptMessages(messages: tl.TypeMessage[], key: string, peers: Peers): Post[] {
  const posts = messages
    .filter((m): m is tl.RawMessage | tl.RawMessageService => m._ !== 'messageEmpty')
    .sort((a, b) => a.id - b.id)
    .map((m) => adaptMessage(m, key, peers));
  const out: Post[] = [];
  const albums = new Map<string, Post[]>();
  for (const p of posts) {
    if (p.groupId === null) {
      out.push(p);
      continue;
    }
    const members = albums.get(p.groupId);
    if (members) members.push(p);
    else {
      albums.set(p.groupId, [p]);
      out.push(p);
    }
  }
  for (const members of albums.values()) foldAlbum(members);
  return out;
}

function foldAlbum(members: Post[]): void {
  const first = members[0]!;
  const caption = members.find((m) => m.text !== '') ?? first;
  first.groupId = `${first.channel}/${first.id}g`;
  first.media = members.flatMap((m) => m.media.map((x) => ({ ...x, memberId: m.id })));
  first.text = caption.text;
  first.entities = caption.entities;
  first.views = Math.max(...members.map((m) => m.views ?? 0)) || first.views;
  first.reactions = members.find((m) => m.reactions.length > 0)?.reactions ?? [];
  const edits = members.map((m) => m.editDate).filter((d): d is string => d !== null);
  if (edits.length) {
    first.edited = true;
    first.editDate = edits.sort().at(-1)!;
  }
  first.forwardedFrom ??= caption.forwardedFrom;
  first.author ??= caption.author;
}

/** A channel or supergroup with a public username (the web preview may show it). */
export function isPublicChat(chat: tl.TypeChat): boolean {
  return chat._ === 'channel' && !!(chat.username || chat.usernames?.some((u) => u.active));
}

/** A resolved or listed chat as our Channel under `key`. */
export function adaptChannel(chat: tl.TypeChat, key: string): Channel {
  const ch = emptyChannel(key);
  if (chat._ === 'chatEmpty') return ch;
  ch.numericId = chat.id;
  ch.title = chat.title;
  if (chat._ === 'channel') {
    const username = chat.username ?? chat.usernames?.find((u) => u.active)?.username;
    if (username) ch.username = username.toLowerCase();
    ch.subscribers = chat.participantsCount ?? null;
    const access = isPublicChat(chat) ? 'public' : 'private';
    ch.kind = chat.megagroup ? `${access}_supergroup` : `${access}_channel`;
  } else if (chat._ === 'chat') {
    ch.subscribers = chat.participantsCount;
    ch.kind = 'private_group';
  } else if (chat._ === 'channelForbidden') {
    ch.kind = chat.megagroup ? 'private_supergroup' : 'private_channel';
  } else {
    ch.kind = 'private_group';
  }
  return ch;
}

/** Whether a chat is a group (basic or supergroup), which the web preview never shows. */
export function isGroup(chat: tl.TypeChat): boolean {
  return chat._ === 'chat' || ((chat._ === 'channel' || chat._ === 'channelForbidden') && !!chat.megagroup);
}

/** What contacts.resolveUsername answered, as the peer to keep and the chat it names (null: a user or bot). */
export function resolvedPeer(r: tl.contacts.TypeResolvedPeer): { peer: PeerRef; chat: tl.TypeChat | null } {
  const peers = peersOf(r);
  if (r.peer._ === 'peerChannel') {
    const chat = peers.chats.get(r.peer.channelId) ?? null;
    const hash = chat && 'accessHash' in chat && chat.accessHash ? chat.accessHash.toString() : '0';
    return { peer: { type: 'channel', id: r.peer.channelId, accessHash: hash }, chat };
  }
  if (r.peer._ === 'peerChat')
    return {
      peer: { type: 'chat', id: r.peer.chatId, accessHash: '0' },
      chat: peers.chats.get(r.peer.chatId) ?? null,
    };
  const u = peers.users.get(r.peer.userId);
  const hash = u && u._ === 'user' && u.accessHash ? u.accessHash.toString() : '0';
  return { peer: { type: 'user', id: r.peer.userId, accessHash: hash }, chat: null };
}

/** An RPC error as mtcute raises it: its code and text ("FLOOD_WAIT_%d" with `seconds`), or null for anything else. */
export function rpcError(e: unknown): { code: number; text: string; seconds?: number } | null {
  if (!tl.RpcError.is(e)) return null;
  const seconds = (e as { seconds?: unknown }).seconds;
  return typeof seconds === 'number'
    ? { code: e.code, text: e.text, seconds }
    : { code: e.code, text: e.text };
}

/** An update of a channel, in the terms the watcher acts on; null for anything else (typing, reads, other chats). */
export type ChannelUpdate =
  | { kind: 'new'; channelId: number; message: tl.TypeMessage }
  | { kind: 'gap'; channelId: number }
  | { kind: 'edit'; channelId: number; message: tl.RawMessage }
  | { kind: 'delete'; channelId: number; ids: number[] };

export function channelUpdate(u: tl.TypeUpdate): ChannelUpdate | null {
  switch (u._) {
    case 'updateNewChannelMessage':
      return u.message.peerId?._ === 'peerChannel'
        ? { kind: 'new', channelId: u.message.peerId.channelId, message: u.message }
        : null;
    case 'updateEditChannelMessage':
      return u.message._ === 'message' && u.message.peerId._ === 'peerChannel'
        ? { kind: 'edit', channelId: u.message.peerId.channelId, message: u.message }
        : null;
    case 'updateDeleteChannelMessages':
      return { kind: 'delete', channelId: u.channelId, ids: u.messages };
    case 'updateChannelTooLong':
      return { kind: 'gap', channelId: u.channelId };
    default:
      return null;
  }
}

/**
 * The message a discussion group message is in the thread of (its reply header's top message, else the message it
 * replies to); null when it replies to nothing.
 */
export function threadOf(m: tl.TypeMessage): number | null {
  if (m._ !== 'message' || m.replyTo?._ !== 'messageReplyHeader') return null;
  return m.replyTo.replyToTopId ?? m.replyTo.replyToMsgId ?? null;
}

/**
 * The post of channel `channelId` that discussion group message `m` is the automatic copy of (the copy whose
 * thread holds the post's comments); null for any other message.
 */
export function copiedPost(m: tl.TypeMessage, channelId: number): number | null {
  if (m._ !== 'message' || !m.fwdFrom) return null;
  const f = m.fwdFrom;
  const ours = (p: tl.TypePeer | undefined) => p?._ === 'peerChannel' && p.channelId === channelId;
  // A post that is itself a forward: the copy names the origin in fromId, and the channel in savedFrom*.
  if (ours(f.savedFromPeer) && f.savedFromMsgId) return f.savedFromMsgId;
  return ours(f.fromId) && f.channelPost ? f.channelPost : null;
}

/** The file a message carries (its photo's largest size, or its document), for downloading; null when none. */
export function fileOf(m: tl.TypeMessage): FileRef | null {
  if (m._ !== 'message' || !m.media) return null;
  const media = m.media;
  if (media._ === 'messageMediaPhoto' && media.photo?._ === 'photo') {
    const photo = media.photo;
    let best: { type: string; area: number; size: number } | null = null;
    for (const s of photo.sizes) {
      const size =
        s._ === 'photoSize' ? s.size : s._ === 'photoSizeProgressive' ? Math.max(...s.sizes) : null;
      if (size === null || !('w' in s)) continue;
      if (!best || s.w * s.h > best.area) best = { type: s.type, area: s.w * s.h, size };
    }
    if (!best) return null;
    return {
      kind: 'photo',
      id: photo.id.toString(),
      accessHash: photo.accessHash.toString(),
      fileReference: photo.fileReference,
      dcId: photo.dcId,
      thumbSize: best.type,
      size: best.size,
    };
  }
  if (media._ === 'messageMediaDocument' && media.document?._ === 'document') {
    const d = media.document;
    return {
      kind: 'document',
      id: d.id.toString(),
      accessHash: d.accessHash.toString(),
      fileReference: d.fileReference,
      dcId: d.dcId,
      thumbSize: '',
      size: d.size,
    };
  }
  return null;
}
