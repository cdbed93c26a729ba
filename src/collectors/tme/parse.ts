// Streaming parser (htmlparser2 callbacks, no DOM) of t.me/s pages, ?embed=1 pages and message fragments.
import { Parser } from 'htmlparser2';
import { ParseError } from '../../util/errors.js';
import { Sink, TextBuilder, squash } from './text.js';
import type { OpenEntity } from './text.js';
import type { TmeMessage, TmePage, WireMedia, WireMediaKind, WireReaction } from './wire.js';

type Attrs = Record<string, string>;
type Closer = (() => void) | null;

const DATA_POST = /^([A-Za-z0-9_]{1,64})\/(\d{1,12})$/;
const STYLE_URL = /url\((['"]?)(.*?)\1\)/;
const STYLE_WIDTH = /(?:^|;)\s*width:\s*(\d+(?:\.\d+)?)px/;
const SINK = new Sink();

/** Standalone not-supported label (outside a media element) and how many media were finished before it. */
interface LooseLabel {
  label: string;
  at: number;
}

interface MsgState {
  m: TmeMessage;
  loose: LooseLabel[];
}

function newMedia(kind: WireMediaKind, a: Attrs): WireMedia {
  return {
    kind,
    href: a.href ?? null,
    styleUrl: styleUrl(a.style),
    width: styleWidth(a.style),
    src: null,
    thumbUrl: null,
    durationText: null,
    loops: false,
    notSupported: false,
    label: null,
    grouped: false,
    title: null,
    extra: null,
    site: null,
    description: null,
    imageUrl: null,
    question: null,
    pollType: null,
    multiple: false,
    options: [],
  };
}

function styleUrl(style: string | undefined): string | null {
  if (!style) return null;
  const m = STYLE_URL.exec(style);
  return m && m[2] ? m[2] : null;
}

function styleWidth(style: string | undefined): number | null {
  if (!style) return null;
  const m = STYLE_WIDTH.exec(style);
  return m ? Number(m[1]) : null;
}

function hasToken(cls: string | undefined, token: string): boolean {
  if (!cls) return false;
  return (' ' + cls + ' ').includes(' ' + token + ' ');
}

function intOrNull(s: string | undefined): number | null {
  return s !== undefined && /^\d{1,15}$/.test(s) ? Number(s) : null;
}

class PageParser {
  readonly page: TmePage;
  private stack: Closer[] = [];
  private caps: TextBuilder[] = [];
  private msg: MsgState | null = null;
  private media: WireMedia | null = null;
  /** The post text builder while inside .js-message_text. */
  private textCap: TextBuilder | null = null;
  private inReply = false;
  private inPageAvatar = false;
  private inGrouped = false;
  private emojiDepth = 0;
  private preEntity: OpenEntity | null = null;
  private reaction: WireReaction | null = null;
  private reactionCap: TextBuilder | null = null;
  private pollOption: { text: string; percentText: string | null } | null = null;
  private ending = false;
  private sawTme = false;
  private bodyKind: 'channel' | 'embed' | null = null;

  constructor(where: string) {
    this.page = {
      kind: 'fragment',
      where,
      channel: {
        resolveDomain: null,
        usernameText: null,
        headerTitle: null,
        ogTitle: null,
        pageTitle: null,
        description: null,
        ogDescription: null,
        ogImage: null,
        photoUrl: null,
        counters: [],
        headerCounter: null,
      },
      messages: [],
      cursors: { before: null, after: null, prev: null, next: null, canonical: null },
      error: null,
      orphanMedia: [],
      complete: false,
    };
  }

  run(html: string): TmePage {
    const parser = new Parser(
      {
        onopentag: (name, attrs) => this.stack.push(this.open(name, attrs)),
        onclosetag: (name, implied) => {
          if (!implied && (name === 'body' || name === 'html')) this.page.complete = true;
          const c = this.stack.pop();
          if (c) c();
        },
        ontext: (t) => {
          const n = this.caps.length;
          if (n > 0) this.caps[n - 1]!.text(t);
        },
      },
      { decodeEntities: true },
    );
    parser.write(html);
    this.ending = true;
    parser.end();
    return this.finish();
  }

  private finish(): TmePage {
    const p = this.page;
    if (p.messages.length === 0 && p.error !== null) p.kind = 'not_found';
    else if (this.bodyKind) p.kind = this.bodyKind;
    else p.kind = 'fragment';
    if (p.messages.length === 0 && p.error === null && !this.sawTme) {
      throw new ParseError(
        'not a t.me page: no data-post message and no tgme_ markup (save the page from t.me/s/NAME)',
        p.where,
      );
    }
    return p;
  }

  /** Starts a text capture; the returned closer hands the text to `done`. */
  private capture(done: (b: TextBuilder) => void, b: TextBuilder = new TextBuilder()): Closer {
    this.caps.push(b);
    return () => {
      this.caps.pop();
      done(b);
    };
  }

  private sink(): Closer {
    this.caps.push(SINK);
    return () => {
      this.caps.pop();
    };
  }

  private open(name: string, a: Attrs): Closer {
    if (this.textCap !== null && this.caps[this.caps.length - 1] === this.textCap)
      return this.inline(name, a);
    const cls = a.class;
    if (cls !== undefined && cls.length > 0) {
      const c = this.byClass(name, cls, a);
      if (c !== undefined) return c;
    }
    return this.byTag(name, a);
  }

  /** Tags inside the post text: formatting becomes entities. */
  private inline(name: string, a: Attrs): Closer {
    const t = this.textCap!;
    switch (name) {
      case 'br':
        t.br();
        return null;
      case 'b':
      case 'strong':
        return this.emojiDepth > 0 ? null : this.entity(t, 'bold');
      case 'i':
      case 'em':
        if (hasToken(a.class, 'emoji')) {
          this.emojiDepth++;
          return () => {
            this.emojiDepth--;
          };
        }
        return this.entity(t, 'italic');
      case 'u':
      case 'ins':
        return this.entity(t, 'underline');
      case 's':
      case 'strike':
      case 'del':
        return this.entity(t, 'strikethrough');
      case 'tg-spoiler':
        return this.entity(t, 'spoiler');
      case 'span':
        return hasToken(a.class, 'tg-spoiler') ? this.entity(t, 'spoiler') : null;
      case 'code': {
        if (this.preEntity) {
          const lang = /(?:^|\s)language-(\S+)/.exec(a.class ?? '');
          if (lang && !this.preEntity.language) this.preEntity.language = lang[1]!;
          return null;
        }
        return this.entity(t, 'code');
      }
      case 'pre': {
        const e = t.open('pre');
        if (a['data-language']) e.language = a['data-language'];
        const outer = this.preEntity;
        this.preEntity = e;
        return () => {
          this.preEntity = outer;
          t.close(e);
        };
      }
      case 'blockquote':
        return this.entity(
          t,
          'blockquote',
          hasToken(a.class, 'expandable') ? { collapsed: true } : undefined,
        );
      case 'tg-emoji':
        return this.entity(t, 'custom_emoji', { customEmojiId: a['emoji-id'] ?? '' });
      case 'a':
        return this.link(t, a.href ?? '');
      case 'script':
      case 'style':
        return this.sink();
      default:
        return null;
    }
  }

  private entity(t: TextBuilder, type: OpenEntity['type'], extra?: Partial<OpenEntity>): Closer {
    const e = t.open(type, extra);
    return () => {
      t.close(e);
    };
  }

  /** An <a> in post text: the kind (hashtag, mention, link, …) depends on its href and visible text. */
  private link(t: TextBuilder, href: string): Closer {
    const e = t.open('text_link', { url: href });
    return () => {
      const seen = t.close(e);
      if (seen === null) return;
      const first = seen.charCodeAt(0);
      const lower = href.toLowerCase();
      if (lower.startsWith('?q=%23') || (lower.startsWith('?q=#') && first === 35))
        t.retypeLast('hashtag', false);
      else if (lower.startsWith('?q=%24') || (lower.startsWith('?q=$') && first === 36))
        t.retypeLast('cashtag', false);
      else if (lower.startsWith('mailto:')) t.retypeLast('email', false);
      else if (lower.startsWith('tel:')) t.retypeLast('phone', false);
      else if (first === 64 && /^(?:https?:)?\/\/t\.me\/[A-Za-z0-9_]+\/?$/.test(href))
        t.retypeLast('mention', true);
      else if (href === seen || href === 'http://' + seen || href === 'https://' + seen)
        t.retypeLast('link', true);
    };
  }

  /** Elements known by class. Returns undefined when no class is known (then the tag decides). */
  private byClass(name: string, cls: string, a: Attrs): Closer | undefined {
    // 'me_' covers both tgme_ and tme_ (the pagination link).
    if (cls.indexOf('me_') < 0 && cls.indexOf('link_preview') < 0 && cls.indexOf('message_') < 0) {
      if (
        cls.indexOf('emoji') >= 0 &&
        this.reaction &&
        this.caps[this.caps.length - 1] === this.reactionCap
      ) {
        const r = this.reaction;
        if (hasToken(cls, 'emoji'))
          return this.capture((b) => {
            r.emoji = squash(b.out) || null;
          });
      }
      if (hasToken(cls, 'copyonly')) return this.sink();
      if (hasToken(cls, 'counter_value') || hasToken(cls, 'counter_type')) return undefined;
      return undefined;
    }
    this.sawTme = true;
    for (const tok of cls.split(/\s+/)) {
      const c = this.role(tok, name, a, cls);
      if (c !== undefined) return c;
    }
    return undefined;
  }

  private role(tok: string, name: string, a: Attrs, cls: string): Closer | undefined {
    const msg = this.msg;
    switch (tok) {
      case 'tgme_widget_message': {
        const dp = a['data-post'];
        if (dp === undefined) return undefined;
        return this.startMessage(dp, a, hasToken(cls, 'service_message'));
      }
      case 'tgme_widget_message_error':
        return this.capture((b) => {
          this.page.error = squash(b.out) || 'Post not found';
        });
      case 'js-message_text': {
        if (!msg || this.inReply || this.textCap) return null;
        const b = new TextBuilder();
        this.textCap = b;
        this.caps.push(b);
        return () => {
          this.caps.pop();
          this.textCap = null;
          const r = b.finish();
          const m = msg.m;
          if (m.text === null || m.text === '') {
            m.text = r.text;
            m.entities = r.entities;
          } else if (r.text !== '') {
            const shift = m.text.length + 1;
            m.text += '\n' + r.text;
            for (const e of r.entities) m.entities.push({ ...e, offset: e.offset + shift });
          }
        };
      }
      case 'tgme_widget_message_text':
      case 'tgme_widget_message_metatext':
        if (msg && this.inReply && msg.m.reply) {
          const rep = msg.m.reply;
          return this.capture((b) => {
            rep.text = squash(b.out) || null;
          });
        }
        return undefined;
      case 'tgme_widget_message_reply': {
        if (!msg) return null;
        msg.m.reply = { href: a.href ?? null, name: null, text: null };
        this.inReply = true;
        return () => {
          this.inReply = false;
        };
      }
      case 'tgme_widget_message_author_name':
        if (msg && this.inReply && msg.m.reply) {
          const rep = msg.m.reply;
          return this.capture((b) => {
            rep.name = squash(b.out) || null;
          });
        }
        return undefined;
      case 'tgme_widget_message_owner_name':
        if (!msg) return null;
        return this.capture((b) => {
          msg.m.ownerName = squash(b.out) || null;
        });
      case 'tgme_widget_message_forwarded_from':
        if (!msg) return null;
        msg.m.forwarded = { name: '', href: null, author: null };
        return this.sink();
      case 'tgme_widget_message_forwarded_from_name': {
        const fw = msg?.m.forwarded;
        if (!fw) return null;
        if (name === 'a' && a.href) fw.href = a.href;
        return this.capture((b) => {
          fw.name = squash(b.out);
        });
      }
      case 'tgme_widget_message_forwarded_from_author': {
        const fw = msg?.m.forwarded;
        if (!fw) return null;
        return this.capture((b) => {
          fw.author = squash(b.out) || null;
        });
      }
      case 'tgme_widget_message_user_photo':
        return null;
      case 'tgme_widget_message_grouped_wrap': {
        if (msg) msg.m.grouped = true;
        this.inGrouped = true;
        return () => {
          this.inGrouped = false;
        };
      }
      case 'tgme_widget_message_photo_wrap':
        return this.startMedia('photo', a);
      case 'tgme_widget_message_video_player': {
        const c = this.startMedia('video', a);
        if (hasToken(cls, 'not_supported')) this.media!.notSupported = true;
        return c;
      }
      case 'tgme_widget_message_video_thumb':
      case 'tgme_widget_message_roundvideo_thumb':
      case 'link_preview_video_thumb':
        if (this.media) {
          const u = styleUrl(a.style);
          if (this.media.kind === 'link_preview') this.media.imageUrl ??= u;
          else this.media.thumbUrl ??= u;
        }
        return null;
      case 'tgme_widget_message_video_wrap':
        if (this.media && this.media.width === null) this.media.width = styleWidth(a.style);
        return null;
      case 'tgme_widget_message_roundvideo_player': {
        const c = this.startMedia('round_video', a);
        if (hasToken(cls, 'not_supported')) this.media!.notSupported = true;
        return c;
      }
      case 'tgme_widget_message_voice_player':
        return this.startMedia('voice', a);
      case 'message_video_duration':
      case 'tgme_widget_message_voice_duration':
      case 'tgme_widget_message_roundvideo_duration': {
        const md = this.media;
        if (!md || md.kind === 'link_preview') return this.sink();
        return this.capture((b) => {
          md.durationText = squash(b.out) || null;
        });
      }
      case 'tgme_widget_message_document_wrap':
        return this.startMedia('document', a);
      case 'tgme_widget_message_document_title':
        return this.mediaField('title');
      case 'tgme_widget_message_document_extra':
        return this.mediaField('extra');
      case 'tgme_widget_message_sticker_wrap':
        return this.startMedia('sticker', a);
      case 'tgme_widget_message_sticker':
        if (this.media?.kind === 'sticker') this.media.src ??= styleUrl(a.style) ?? a.src ?? null;
        else if (!this.media) return this.startMedia('sticker', a);
        return null;
      case 'tgme_widget_message_poll': {
        const c = this.startMedia('poll', a);
        this.media!.multiple = hasToken(cls, 'multiple');
        return c;
      }
      case 'tgme_widget_message_poll_question':
        return this.mediaField('question');
      case 'tgme_widget_message_poll_type':
        return this.mediaField('pollType');
      case 'tgme_widget_message_poll_option': {
        const md = this.media;
        if (md?.kind !== 'poll') return null;
        const o = { text: '', percentText: null as string | null };
        const outer = this.pollOption;
        this.pollOption = o;
        return () => {
          this.pollOption = outer;
          md.options.push(o);
        };
      }
      case 'tgme_widget_message_poll_option_percent': {
        const o = this.pollOption;
        if (!o) return null;
        return this.capture((b) => {
          o.percentText = squash(b.out) || null;
        });
      }
      case 'tgme_widget_message_poll_option_text': {
        const o = this.pollOption;
        if (!o) return null;
        return this.capture((b) => {
          o.text = squash(b.out);
        });
      }
      case 'tgme_widget_message_location_wrap':
        return this.startMedia('location', a);
      case 'tgme_widget_message_location':
        if (this.media?.kind === 'location') this.media.thumbUrl ??= styleUrl(a.style);
        return null;
      case 'tgme_widget_message_link_preview':
        return this.startMedia('link_preview', a);
      case 'link_preview_site_name':
        return this.mediaField('site');
      case 'link_preview_title':
        return this.mediaField('title');
      case 'link_preview_description': {
        const md = this.media;
        if (md?.kind !== 'link_preview') return null;
        return this.capture((b) => {
          md.description = b.finish().text.trim() || null;
        });
      }
      case 'link_preview_image':
      case 'link_preview_right_image':
        if (this.media?.kind === 'link_preview') this.media.imageUrl = styleUrl(a.style);
        return null;
      case 'message_media_not_supported_wrap':
        return null;
      case 'message_media_not_supported_label':
        return this.capture((b) => this.label(squash(b.out)));
      case 'message_media_view_in_telegram':
        return this.sink();
      case 'tgme_widget_message_views':
        if (!msg) return null;
        return this.capture((b) => {
          msg.m.viewsText = squash(b.out) || null;
        });
      case 'tgme_widget_message_voters':
        if (!msg) return null;
        return this.capture((b) => {
          msg.m.votersText = squash(b.out) || null;
        });
      case 'tgme_widget_message_meta':
        if (!msg) return null;
        return this.capture((b) => {
          msg.m.metaText = squash(b.out);
        });
      case 'tgme_widget_message_from_author':
        if (!msg) return null;
        return this.capture((b) => {
          msg.m.author = squash(b.out) || null;
        });
      case 'tgme_widget_message_reactions':
        return null;
      case 'tgme_reaction': {
        if (!msg) return null;
        const r: WireReaction = {
          emoji: null,
          customEmojiId: null,
          paid: hasToken(cls, 'tgme_reaction_paid'),
          countText: '',
        };
        const b = new TextBuilder();
        this.reaction = r;
        this.reactionCap = b;
        this.caps.push(b);
        return () => {
          this.caps.pop();
          this.reaction = null;
          this.reactionCap = null;
          r.countText = squash(b.out);
          msg.m.reactions.push(r);
        };
      }
      case 'tgme_widget_message_service_date_wrap':
        return this.sink();
      case 'tme_messages_more': {
        const cur = this.page.cursors;
        cur.before ??= intOrNull(a['data-before']);
        cur.after ??= intOrNull(a['data-after']);
        return null;
      }
      case 'tgme_channel_info_header_title':
        return this.capture((b) => {
          this.page.channel.headerTitle = squash(b.out) || null;
        });
      case 'tgme_channel_info_header_username':
        return this.capture((b) => {
          this.page.channel.usernameText = squash(b.out) || null;
        });
      case 'tgme_channel_info_description':
        return this.capture((b) => {
          this.page.channel.description = b.finish().text.trim() || null;
        });
      case 'tgme_channel_info_counter':
        return this.capture((b) => {
          const s = squash(b.out);
          if (s) this.page.channel.counters.push(s);
        });
      case 'tgme_header_counter':
        return this.capture((b) => {
          this.page.channel.headerCounter ??= squash(b.out) || null;
        });
      case 'tgme_page_photo_image': {
        this.inPageAvatar = true;
        return () => {
          this.inPageAvatar = false;
        };
      }
      case 'tgme_webpreview':
        this.bodyKind = 'channel';
        return undefined;
      case 'tgme_widget':
      case 'body_widget_post':
        this.bodyKind ??= 'embed';
        return undefined;
      default:
        return undefined;
    }
  }

  private byTag(name: string, a: Attrs): Closer {
    switch (name) {
      case 'br': {
        const n = this.caps.length;
        if (n > 0) this.caps[n - 1]!.br();
        return null;
      }
      case 'time': {
        const m = this.msg;
        if (m && a.datetime && !this.media) m.m.datetime ??= a.datetime;
        return this.sink();
      }
      case 'img':
        if (this.inPageAvatar) this.page.channel.photoUrl ??= a.src ?? null;
        else if (this.media?.kind === 'sticker') this.media.src ??= a.src ?? null;
        else if (this.msg && !this.media && this.caps.length === 0) this.msg.m.avatarUrl ??= a.src ?? null;
        return null;
      case 'video':
      case 'audio': {
        const md = this.media;
        if (md && md.kind !== 'link_preview') {
          md.src ??= a.src || null;
          if (name === 'video' && (a.loop !== undefined || a.autoplay !== undefined)) md.loops = true;
        }
        return null;
      }
      case 'source':
        if (this.media?.kind === 'sticker') this.media.src ??= (a.srcset ?? '').split(/[\s,]/)[0] || null;
        return null;
      case 'tg-emoji':
        if (this.reaction && this.caps[this.caps.length - 1] === this.reactionCap)
          this.reaction.customEmojiId = a['emoji-id'] ?? null;
        return null;
      case 'meta':
        this.meta(a);
        return null;
      case 'link':
        this.linkRel(a);
        return null;
      case 'title':
        if (this.msg || this.caps.length > 0) return null;
        return this.capture((b) => {
          this.page.channel.pageTitle ??= squash(b.out) || null;
        });
      case 'script':
      case 'style':
      case 'svg':
        return this.sink();
      default:
        return null;
    }
  }

  private meta(a: Attrs): void {
    const prop = a.property ?? a.name;
    const content = a.content;
    if (prop === undefined || content === undefined) return;
    const ch = this.page.channel;
    switch (prop) {
      case 'og:title':
        ch.ogTitle ??= content;
        break;
      case 'og:description':
        ch.ogDescription ??= content;
        break;
      case 'og:image':
        ch.ogImage ??= content;
        break;
      case 'al:ios:url':
      case 'al:android:url': {
        const m = /[?&]domain=([A-Za-z0-9_]+)/.exec(content);
        if (m) ch.resolveDomain ??= m[1]!;
        break;
      }
    }
  }

  private linkRel(a: Attrs): void {
    const cur = this.page.cursors;
    if (a.href === undefined) return;
    if (a.rel === 'prev') cur.prev ??= a.href;
    else if (a.rel === 'next') cur.next ??= a.href;
    else if (a.rel === 'canonical') cur.canonical ??= a.href;
  }

  private mediaField(field: 'title' | 'extra' | 'site' | 'question' | 'pollType'): Closer {
    const md = this.media;
    if (!md) return null;
    return this.capture((b) => {
      md[field] = squash(b.out) || null;
    });
  }

  private label(text: string): void {
    if (!text) return;
    const md = this.media;
    // t.me puts a not-supported block inside every video player as fallback markup; only the player's own
    // `not_supported` class says the preview cannot play it (FORMATS.md A.9). A playable video keeps no label.
    if (md && (md.kind === 'video' || md.kind === 'round_video') && !md.notSupported) return;
    if (md) {
      md.label ??= text;
      md.notSupported = true;
    } else if (this.msg) {
      // One post-wide label per post, even when the page repeats it for the album and for the text.
      if (this.msg.loose.some((l) => l.label === text)) return;
      this.msg.loose.push({ label: text, at: this.msg.m.media.length });
    } else {
      const o = newMedia('other', {});
      o.label = text;
      o.notSupported = true;
      this.page.orphanMedia.push(o);
    }
  }

  private startMedia(kind: WireMediaKind, a: Attrs): Closer {
    const md = newMedia(kind, a);
    md.grouped = this.inGrouped;
    const outer = this.media;
    const msg = this.msg;
    this.media = md;
    return () => {
      this.media = outer;
      // A media element nested in another (a video inside a link preview) belongs to its container.
      if (outer) return;
      if (msg) msg.m.media.push(md);
      else this.page.orphanMedia.push(md);
    };
  }

  private startMessage(dataPost: string, a: Attrs, service: boolean): Closer {
    const m = DATA_POST.exec(dataPost.trim());
    if (!m) {
      throw new ParseError(`data-post "${dataPost.slice(0, 80)}" is not CHANNEL/ID`, this.page.where);
    }
    const st: MsgState = {
      m: {
        dataPost: dataPost.trim(),
        channel: m[1]!,
        id: Number(m[2]),
        dataView: a['data-view'] ?? null,
        service,
        ownerName: null,
        datetime: null,
        viewsText: null,
        votersText: null,
        metaText: '',
        author: null,
        forwarded: null,
        reply: null,
        text: null,
        entities: [],
        grouped: false,
        media: [],
        reactions: [],
        avatarUrl: null,
      },
      loose: [],
    };
    const outer = { msg: this.msg, media: this.media, textCap: this.textCap, inReply: this.inReply };
    this.msg = st;
    this.media = null;
    this.textCap = null;
    this.inReply = false;
    return () => {
      if (this.ending) {
        throw new ParseError(
          `page is cut off inside post ${st.m.dataPost} (the file ends before the post does; save the whole page)`,
          `${this.page.where} post ${st.m.id}`,
        );
      }
      this.msg = outer.msg;
      this.media = outer.media;
      this.textCap = outer.textCap;
      this.inReply = outer.inReply;
      placeLooseLabels(st);
      this.page.messages.push(st.m);
    };
  }
}

/**
 * A not-supported block outside a media element (stickers put it before the sticker; 2026 pages add "Please open
 * Telegram to view this post" after the text). It goes on the next unlabelled medium, else the previous one,
 * else it becomes a Media of its own. The post-wide "open Telegram" and "Service message" labels always stand alone.
 */
function placeLooseLabels(st: MsgState): void {
  const media = st.m.media;
  for (const l of st.loose) {
    let target: WireMedia | undefined;
    if (l.label !== 'Please open Telegram to view this post' && l.label !== 'Service message') {
      target = media.slice(l.at).find((x) => x.label === null && x.kind !== 'link_preview');
      if (!target && l.at > 0) {
        const prev = media[l.at - 1];
        if (prev && prev.label === null && prev.kind !== 'link_preview') target = prev;
      }
    }
    if (target) {
      target.label = l.label;
      target.notSupported = true;
    } else {
      const o = newMedia('other', {});
      o.label = l.label;
      o.notSupported = true;
      media.push(o);
    }
  }
}

/** Parses one t.me page or fragment into its wire shape. Throws ParseError for input that is not t.me markup. */
export function parseTmePage(html: string, where = 'input'): TmePage {
  return new PageParser(where).run(html);
}
