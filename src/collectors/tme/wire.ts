// The wire shape of a t.me web-preview page: what the markup says, as strings, before any adapting.
import type { EntityType } from '../../model/post.js';

export type TmePageKind = 'channel' | 'embed' | 'fragment' | 'not_found';

export interface WireEntity {
  type: EntityType;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  customEmojiId?: string;
  collapsed?: boolean;
}

export type WireMediaKind =
  | 'photo'
  | 'video'
  | 'round_video'
  | 'voice'
  | 'document'
  | 'sticker'
  | 'poll'
  | 'location'
  | 'link_preview'
  | 'other';

export interface WirePollOption {
  text: string;
  percentText: string | null;
}

export interface WireMedia {
  kind: WireMediaKind;
  /** The element's href (usually the t.me post link, `?single` for album members; the target for previews). */
  href: string | null;
  /** URL from a `background-image:url(...)` style (photos, stickers, location maps). */
  styleUrl: string | null;
  /** Width in px from the element's `width:NNNpx` style. */
  width: number | null;
  /** `<video>`/`<audio>`/`<source srcset>`/`<img>` address inside the element. */
  src: string | null;
  thumbUrl: string | null;
  durationText: string | null;
  /** The video element had loop/autoplay: how t.me marks GIFs. */
  loops: boolean;
  /** The element carried the `not_supported` class. */
  notSupported: boolean;
  /** Not-supported label, whitespace-normalised. */
  label: string | null;
  /** Album member (inside a grouped wrap). */
  grouped: boolean;
  title: string | null;
  extra: string | null;
  site: string | null;
  description: string | null;
  imageUrl: string | null;
  question: string | null;
  pollType: string | null;
  multiple: boolean;
  options: WirePollOption[];
}

export interface WireReaction {
  emoji: string | null;
  customEmojiId: string | null;
  paid: boolean;
  countText: string;
}

export interface TmeMessage {
  /** `CH/ID` as written in data-post. */
  dataPost: string;
  /** Channel as written (not lower-cased). */
  channel: string;
  id: number;
  /** Raw data-view attribute (base64url JSON) or null. */
  dataView: string | null;
  /** The wrapper carried `service_message`. */
  service: boolean;
  ownerName: string | null;
  /** time[datetime] as written ("2023-06-14T19:29:07+00:00"). */
  datetime: string | null;
  viewsText: string | null;
  votersText: string | null;
  /** Whitespace-normalised text of the meta span (holds "edited" when the post was edited). */
  metaText: string;
  author: string | null;
  forwarded: { name: string; href: string | null; author: string | null } | null;
  reply: { href: string | null; name: string | null; text: string | null } | null;
  /** Post text exactly as a reader sees it, null when the post has no text element. */
  text: string | null;
  entities: WireEntity[];
  grouped: boolean;
  media: WireMedia[];
  reactions: WireReaction[];
  /** Avatar from the message's user photo. */
  avatarUrl: string | null;
}

export interface TmeChannelInfo {
  /** From al:ios:url / al:android:url tg://resolve?domain=. */
  resolveDomain: string | null;
  /** "@CH" text of the channel info header. */
  usernameText: string | null;
  headerTitle: string | null;
  ogTitle: string | null;
  pageTitle: string | null;
  description: string | null;
  ogDescription: string | null;
  ogImage: string | null;
  photoUrl: string | null;
  /** Counter texts as shown ("12.4K subscribers", "798 photos"). */
  counters: string[];
  headerCounter: string | null;
}

export interface TmeCursors {
  /** data-before of the "more" link: request ?before=N for older posts. */
  before: number | null;
  /** data-after of the "more" link: request ?after=N for newer posts. */
  after: number | null;
  prev: string | null;
  next: string | null;
  canonical: string | null;
}

export interface TmePage {
  kind: TmePageKind;
  where: string;
  channel: TmeChannelInfo;
  messages: TmeMessage[];
  cursors: TmeCursors;
  /** Text of tgme_widget_message_error ("Post not found") when present. */
  error: string | null;
  /** Media found outside any data-post message (fragments cut below the message level). */
  orphanMedia: WireMedia[];
  /**
   * The document's own `</body>` or `</html>` was read. A page cut off in transit between two posts parses without
   * error but lacks it, and the posts it lacks are not deleted ones.
   */
  complete: boolean;
}
