// HTML of generated t.me pages, with the markup of real raw t.me/s pages (structure copied from the 2023 lexfridman page).

export interface FakePost {
  id: number;
  /** ISO 8601 UTC. */
  date: string;
  /** Plain text; #hashtags and http(s) URLs become links as t.me renders them. */
  text: string;
  /** Appended to the text in <b>…</b> after a line break. */
  bold?: string;
  views: number;
  photo?: boolean;
  /** A video with its poster; `tooBig`: the preview shows only the poster and "Media is too big", as t.me does. */
  video?: { tooBig?: boolean };
  forwardedFrom?: { name: string; username: string; postId: number };
  edited?: boolean;
  author?: string;
}

export interface FakeChannelInfo {
  username: string;
  title: string;
  description: string;
  subscribers: number;
  /** Internal numeric id (data-view `c` is its negative). */
  numericId: number;
  avatarUrl: string;
  /** Where photo URLs point (the fake server itself when it serves media). @default https://cdn4.telegram-cdn.org */
  mediaBase?: string;
  /**
   * A token in every media link of the page (`/file/TOKEN/NAME`), new at each visit as t.me's CDN links are. Absent:
   * links are `/file/NAME` and the same at every visit.
   */
  mediaToken?: string;
}

/** The address of a media file named `name` on the page of `ch`. */
export function mediaUrl(ch: FakeChannelInfo, name: string): string {
  const base = ch.mediaBase ?? 'https://cdn4.telegram-cdn.org';
  return `${base}/file/${ch.mediaToken ? `${ch.mediaToken}/` : ''}${name}`;
}

/** The markup t.me gives a video: a poster, the `<video>` (absent when too big) and the fallback label. */
function videoHtml(ch: FakeChannelInfo, p: FakePost): string {
  const u = ch.username;
  const big = p.video?.tooBig === true;
  const player = big
    ? ''
    : `<video src="${esc(mediaUrl(ch, `video-${u}-${p.id}.mp4`))}" class="tgme_widget_message_video js-message_video" width="100%" height="100%"></video>`;
  return `<a class="tgme_widget_message_video_player${big ? ' not_supported' : ''} js-message_video_player" href="https://t.me/${u}/${p.id}"><i class="tgme_widget_message_video_thumb" style="background-image:url('${esc(mediaUrl(ch, `thumb-${u}-${p.id}.jpg`))}')"></i>
  <div class="tgme_widget_message_video_wrap" style="width:640px;padding-top:75%">${player}</div>
  <div class="message_video_play js-message_video_play"></div>
  <time class="message_video_duration js-message_video_duration">0:01</time>
  <div class="message_media_not_supported_wrap"><div class="message_media_not_supported"><div class="message_media_not_supported_label">${big ? 'Media is too big' : 'This media is not supported in your browser'}</div><span class="message_media_view_in_telegram">VIEW IN TELEGRAM</span></div></div>
</a>
`;
}

export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** "12.4K" the way t.me abbreviates counts. */
export function abbreviate(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${trim(n / 1000)}K`;
  return `${trim(n / 1_000_000)}M`;
}
function trim(x: number): string {
  return (Math.floor(x * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

function textHtml(p: FakePost): string {
  const parts = p.text.split(/(#[\p{L}\p{N}_]+|https?:\/\/[^\s<]+)/u);
  let html = parts
    .map((part) => {
      if (part.startsWith('#')) return `<a href="?q=${encodeURIComponent(part)}">${esc(part)}</a>`;
      if (/^https?:\/\//.test(part))
        return `<a href="${esc(part)}" target="_blank" rel="noopener" onclick="return confirm('Open this link?\\n\\n'+this.href);">${esc(part)}</a>`;
      return esc(part).replace(/\n/g, '<br/>');
    })
    .join('');
  if (p.bold) html += `<br/><br/><b>${esc(p.bold)}</b>`;
  return html;
}

function dataView(ch: FakeChannelInfo, id: number): string {
  const json = JSON.stringify({ c: -ch.numericId, p: id, t: 1_695_806_164, h: 'a1b2c3d4e5f6a7b8c9' });
  return Buffer.from(json).toString('base64url');
}

function hhmm(iso: string): string {
  return iso.slice(11, 16);
}

export function messageHtml(ch: FakeChannelInfo, p: FakePost): string {
  const u = ch.username;
  const fwd = p.forwardedFrom
    ? `<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from&nbsp;<a class="tgme_widget_message_forwarded_from_name" href="https://t.me/${p.forwardedFrom.username}/${p.forwardedFrom.postId}"><span dir="auto">${esc(p.forwardedFrom.name)}</span></a></div>`
    : '';
  const photo =
    (p.photo
      ? `<a class="tgme_widget_message_photo_wrap 5787208255582355209 1347439423_456245001" href="https://t.me/${u}/${p.id}" style="width:800px;background-image:url('${esc(mediaUrl(ch, `fake-${u}-${p.id}.jpg`))}')">
  <div class="tgme_widget_message_photo" style="padding-top:100%"></div>
</a>
`
      : '') + (p.video ? videoHtml(ch, p) : '');
  const text =
    p.text || p.bold
      ? `<div class="tgme_widget_message_text js-message_text" dir="auto">${textHtml(p)}</div>`
      : '';
  const author = p.author
    ? `<span class="tgme_widget_message_from_author" dir="auto">${esc(p.author)}</span>,&nbsp;`
    : '';
  const edited = p.edited ? 'edited &nbsp;' : '';
  return `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="${u}/${p.id}" data-view="${dataView(ch, p.id)}">
  <div class="tgme_widget_message_user"><a href="https://t.me/${u}"><i class="tgme_widget_message_user_photo bgcolor3" data-content="${esc(ch.title.slice(0, 1))}"><img src="${esc(ch.avatarUrl)}"></i></a></div>
  <div class="tgme_widget_message_bubble">
    <i class="tgme_widget_message_bubble_tail"><svg class="bubble_icon" width="9px" height="20px" viewBox="0 0 9 20"></svg></i>
    <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/${u}"><span dir="auto">${esc(ch.title)}</span></a></div>
${fwd}
${photo}${text}

<div class="tgme_widget_message_footer compact js-message_footer">
  <div class="tgme_widget_message_info short js-message_info">
    <span class="tgme_widget_message_views">${abbreviate(p.views)}</span><span class="copyonly"> views</span><span class="tgme_widget_message_meta">${author}${edited}<a class="tgme_widget_message_date" href="https://t.me/${u}/${p.id}"><time datetime="${p.date.replace(/\.\d{3}Z$|Z$/, '+00:00')}" class="time">${hhmm(p.date)}</time></a></span>
  </div>
</div>
  </div>
</div></div>`;
}

export interface PageCursors {
  /** Oldest id shown when older posts exist (the more-link data-before and link rel=prev). */
  before: number | null;
  /** Newest id shown when newer posts exist (data-after and link rel=next). */
  after: number | null;
  /** link rel=canonical. */
  canonical: string;
}

function channelInfoHtml(ch: FakeChannelInfo): string {
  const u = ch.username;
  return `<header class="tgme_header search_collapsed">
  <div class="tgme_container">
    <div class="tgme_header_search">
      <form class="tgme_header_search_form" action="/s/${u}">
        <input class="tgme_header_search_form_input js-header_search" placeholder="Search" name="q" autocomplete="off" value="" />
        <a href="/s/${u}" class="tgme_header_search_form_clear"></a>
      </form>
    </div>
    <div class="tgme_header_right_column">
      <section class="tgme_right_column">
        <div class="tgme_channel_info">
          <div class="tgme_channel_info_header">
            <i class="tgme_page_photo_image bgcolor3" data-content="${esc(ch.title.slice(0, 2))}"><img src="${esc(ch.avatarUrl)}"></i>
            <div class="tgme_channel_info_header_title_wrap">
              <div class="tgme_channel_info_header_title"><span dir="auto">${esc(ch.title)}</span></div>
              <div class="tgme_channel_info_header_labels"></div>
            </div>
            <div class="tgme_channel_info_header_username"><a href="https://t.me/${u}">@${u}</a></div>
          </div>
          <div class="tgme_channel_info_counters"><div class="tgme_channel_info_counter"><span class="counter_value">${abbreviate(ch.subscribers)}</span> <span class="counter_type">subscribers</span></div><div class="tgme_channel_info_counter"><span class="counter_value">50</span> <span class="counter_type">photos</span></div></div>
          <div class="tgme_channel_info_description">${esc(ch.description).replace(/\n/g, '<br/>')}</div>
        </div>
      </section>
    </div>
    <div class="tgme_header_info">
      <a class="tgme_header_link" href="https://t.me/${u}">
        <div class="tgme_header_title_wrap">
          <div class="tgme_header_title"><span dir="auto">${esc(ch.title)}</span></div>
          <div class="tgme_header_labels"></div>
        </div>
        <div class="tgme_header_counter">${abbreviate(ch.subscribers)} subscribers</div>
      </a>
    </div>
  </div>
</header>`;
}

/** A t.me/s/NAME page: channel info, the posts oldest first, and the pagination cursors. */
export function channelPageHtml(ch: FakeChannelInfo, posts: FakePost[], cursors: PageCursors): string {
  const u = ch.username;
  const links = [
    cursors.before !== null ? `<link rel="prev" href="/s/${u}?before=${cursors.before}">` : '',
    cursors.after !== null ? `<link rel="next" href="/s/${u}?after=${cursors.after}">` : '',
    `<link rel="canonical" href="${cursors.canonical}">`,
  ]
    .filter(Boolean)
    .join('\n');
  const older =
    cursors.before !== null
      ? `<div class="tgme_widget_message_centered js-messages_more_wrap"><a href="/s/${u}?before=${cursors.before}" class="tme_messages_more js-messages_more" data-before="${cursors.before}"></a></div>`
      : '';
  const newer =
    cursors.after !== null
      ? `<div class="tgme_widget_message_centered js-messages_more_wrap"><a href="/s/${u}?after=${cursors.after}" class="tme_messages_more js-messages_more" data-after="${cursors.after}"></a></div>`
      : '';
  return `<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <title>${esc(ch.title)} – Telegram</title>
<meta property="og:title" content="${esc(ch.title)}">
<meta property="og:image" content="${esc(ch.avatarUrl)}">
<meta property="og:site_name" content="Telegram">
<meta property="og:description" content="${esc(ch.description)}">
<meta property="al:ios:url" content="tg://resolve?domain=${u}">
<meta property="al:android:url" content="tg://resolve?domain=${u}">
    ${links}
  </head>
  <body class="widget_frame_base tgme_webpreview emoji_image thin_box_shadow tme_mode no_transitions">
    ${channelInfoHtml(ch)}
<main class="tgme_main" data-url="/${u}">
  <div class="tgme_container">
    <section class="tgme_channel_history js-message_history">
      ${older}${posts.map((p) => messageHtml(ch, p)).join('')}${newer}
    </section>
  </div>
</main>
  </body>
</html>
<!-- page generated in 1.00ms -->
`;
}

/**
 * t.me/NAME, the page /s/NAME redirects to when the web preview is off (or NAME is not a channel). `extra` is the
 * line under the title ("12 345 subscribers" for a channel, "123 members" for a group); no title = unknown name.
 */
export function namePageHtml(username: string, title: string | null, extra: string | null): string {
  const body =
    title === null
      ? `<div class="tgme_page_additional">If you have <strong>Telegram</strong>, you can contact <br><strong>@${esc(username)}</strong> right away.</div>`
      : `<div class="tgme_page_title"><span dir="auto">${esc(title)}</span></div>
    ${extra ? `<div class="tgme_page_extra">${esc(extra)}</div>` : ''}
    <div class="tgme_page_action"><a class="tgme_action_button_new shine" href="tg://resolve?domain=${esc(username)}">View in Telegram</a></div>`;
  return `<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <title>Telegram: Contact @${esc(username)}</title>
    <meta property="og:title" content="${esc(title ?? `Telegram: Contact @${username}`)}">
  </head>
  <body class="no_transition">
    <div class="tgme_page_wrap"><div class="tgme_body_wrap"><div class="tgme_page">
    ${body}
    </div></div></div>
  </body>
</html>
`;
}

/** telegram.org's landing page, where t.me sends some unknown names. */
export function mainPageHtml(): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Telegram Messenger</title></head>
<body><div class="tl_main_wrap"><h1>Telegram Messenger</h1><p>A new era of messaging</p></div></body></html>
`;
}
