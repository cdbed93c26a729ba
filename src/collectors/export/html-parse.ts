// Parses one Telegram Desktop HTML export page (messages.html, messages2.html, …) into its wire-shape messages.
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import { ParseError } from '../../util/errors.js';
import type { HtmlMedia, HtmlMessage, HtmlPage } from './html-wire.js';
import type { TextRun } from './runs.js';

const classes = (el: Element): string[] => (el.attribs.class ?? '').split(/\s+/).filter(Boolean);
const hasClass = (el: Element, c: string) => classes(el).includes(c);
const tags = (el: Element): Element[] => el.children.filter(isTag);
const child = (el: Element, c: string) => tags(el).find((e) => hasClass(e, c)) ?? null;

// Every walk below keeps its own stack instead of recursing: a page nested thousands of levels deep (hostile or
// broken) must not overflow the call stack.

/** The first element under root, in document order, that passes the test. */
function find(root: Element | { children: ChildNode[] }, test: (e: Element) => boolean): Element | null {
  const stack: ChildNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (!isTag(c)) continue;
    if (test(c)) return c;
    for (let i = c.children.length - 1; i >= 0; i--) stack.push(c.children[i]!);
  }
  return null;
}

/** Visible text of an element, <br> as a newline, without the export's indentation around it. */
export function textOf(node: ChildNode, skip?: (e: Element) => boolean): string {
  let out = '';
  const stack: ChildNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isText(n)) out += n.data;
    else if (!isTag(n) || skip?.(n)) continue;
    else if (n.name === 'br') out += '\n';
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

const clean = (s: string) =>
  s
    .replace(/^\s*\n/, '')
    .replace(/\n[ \t]*$/, '')
    .trim();
const cleanOrNull = (el: Element | null) => (el ? clean(textOf(el)) : null);

const STYLE: Record<string, string> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  u: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
};

const stripScheme = (u: string) => u.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/$/, '');

/** How Telegram Desktop's FormatText writes each entity as an <a> (export_output_html.cpp). */
function anchorRun(a: Element, text: string): Omit<TextRun, 'text'> {
  const onclick = a.attribs.onclick ?? '';
  const href = a.attribs.href ?? '';
  if (/ShowHashtag/i.test(onclick)) return { type: text.startsWith('$') ? 'cashtag' : 'hashtag' };
  if (/ShowCashtag/i.test(onclick)) return { type: 'cashtag' };
  if (/ShowBotCommand/i.test(onclick)) return { type: 'bot_command' };
  if (/ShowMentionName/i.test(onclick)) return { type: 'mention_name' };
  if (/Show(?:NotLoaded|NotAvailable)Emoji/i.test(onclick)) return { type: 'custom_emoji' };
  if (/^stickers\//.test(href) || /^emoji\//.test(href)) return { type: 'custom_emoji', documentId: href };
  if (/^mailto:/i.test(href)) return { type: 'email', href };
  if (/^tel:/i.test(href)) return { type: 'phone', href };
  if (text.startsWith('@') && href.toLowerCase() === `https://t.me/${text.slice(1).toLowerCase()}`) {
    return { type: 'mention', href };
  }
  if (href === text || stripScheme(href) === stripScheme(text)) return { type: 'link', href };
  return { type: 'text_link', href };
}

/**
 * The runs of a .text div: one run per text stretch under the same innermost styling element, so adjacent
 * <strong>…</strong><strong>…</strong> stay two runs as in the JSON. Nested styles keep the innermost one.
 */
export function textRuns(div: Element): TextRun[] {
  const runs: { owner: Element | null; run: TextRun }[] = [];
  const push = (owner: Element | null, proto: Omit<TextRun, 'text'>, s: string) => {
    const last = runs[runs.length - 1];
    if (last && last.owner === owner) last.run.text += s;
    else runs.push({ owner, run: { ...proto, text: s } });
  };
  const stack: { node: ChildNode; owner: Element | null; proto: Omit<TextRun, 'text'> }[] = [];
  const pushChildren = (el: Element, owner: Element | null, proto: Omit<TextRun, 'text'>) => {
    for (let i = el.children.length - 1; i >= 0; i--) stack.push({ node: el.children[i]!, owner, proto });
  };
  pushChildren(div, null, { type: 'plain' });
  while (stack.length > 0) {
    const { node, owner, proto } = stack.pop()!;
    if (isText(node)) {
      push(owner, proto, node.data);
      continue;
    }
    if (!isTag(node)) continue;
    if (node.name === 'br') {
      push(owner, proto, '\n');
      continue;
    }
    let nextOwner = owner;
    let next = proto;
    if (node.name === 'a') {
      nextOwner = node;
      next = anchorRun(node, textOf(node));
    } else if (STYLE[node.name]) {
      nextOwner = node;
      next = { type: STYLE[node.name]! };
      if (node.name === 'blockquote' && /expandable|collapsed/.test(node.attribs.class ?? ''))
        next.collapsed = true;
      if (node.name === 'pre' && node.attribs['data-language']) next.language = node.attribs['data-language'];
    } else if (node.name === 'span' && hasClass(node, 'spoiler')) {
      nextOwner = node;
      next = { type: 'spoiler' };
    }
    pushChildren(node, nextOwner, next);
  }
  const out = runs.map((r) => r.run);
  // The export puts a newline after <div class="text"> and a newline + indentation before </div>.
  if (out[0]) out[0].text = out[0].text.replace(/^\n/, '');
  const last = out[out.length - 1];
  if (last) last.text = last.text.replace(/\n[ \t]*$/, '');
  return out.filter((r) => r.text.length > 0);
}

function mediaOf(wrap: Element): HtmlMedia[] {
  const out: HtmlMedia[] = [];
  for (const el of tags(wrap)) {
    const cls = classes(el);
    const kind =
      cls.find((c) => /^media_/.test(c)) ??
      cls.find((c) => /_wrap$/.test(c) && c !== 'clearfix') ??
      (el.name === 'a' ? 'link' : el.name);
    const img = find(el, (e) => e.name === 'img' && !!e.attribs.src);
    const m: HtmlMedia = {
      kind,
      href: el.attribs.href ?? null,
      thumb: img?.attribs.src ?? null,
      title: cleanOrNull(find(el, (e) => hasClass(e, 'title'))),
      description: cleanOrNull(find(el, (e) => hasClass(e, 'description'))),
      status: cleanOrNull(find(el, (e) => hasClass(e, 'status'))),
      duration: cleanOrNull(find(el, (e) => hasClass(e, 'video_duration'))),
    };
    if (kind === 'media_poll') {
      const answers = tags(el)
        .filter((e) => hasClass(e, 'answer'))
        .map((a) => ({
          text: clean(textOf(a, (e) => hasClass(e, 'details'))).replace(/^-\s*/, ''),
          details: cleanOrNull(child(a, 'details')),
        }));
      m.poll = {
        question: cleanOrNull(child(el, 'question')) ?? '',
        details: cleanOrNull(tags(el).find((e) => classes(e).join(' ') === 'details') ?? null),
        answers,
        total: cleanOrNull(child(el, 'total')),
      };
    }
    out.push(m);
  }
  return out;
}

const GO_TO = /go_to_message(\d+)/;

/** A value quoted into a one-line error message: escaped and cut short. */
export const quote = (v: string) => JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);

/** 1-based line of a string index; newline offsets are collected once per page. */
function lineFinder(html: string): (index: number | null) => number {
  const starts: number[] = [];
  for (let i = html.indexOf('\n'); i >= 0; i = html.indexOf('\n', i + 1)) starts.push(i);
  return (index) => {
    if (index == null) return 0;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < index) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

/** Parses a whole page. A page cut short (no closing </html>) is an error, never a silent partial import. */
export function parseExportPage(html: string, file: string): HtmlPage {
  if (!/<\/html>\s*$/i.test(html)) {
    const lines = html.split('\n').length;
    throw new ParseError('the page ends before </html> (truncated export file?)', `${file}:${lines}`);
  }
  const doc = parseDocument(html, { withStartIndices: true });
  const history = find(doc, (e) => hasClass(e, 'history'));
  if (!history) throw new ParseError('no <div class="history"> (not a Telegram Desktop export page?)', file);
  const header = find(doc, (e) => hasClass(e, 'page_header'));
  const titleEl = header ? find(header, (e) => hasClass(e, 'text')) : null;
  const messages: HtmlMessage[] = [];
  const lineAt = lineFinder(html);
  for (const el of tags(history)) {
    if (!hasClass(el, 'message')) continue;
    const line = lineAt(el.startIndex);
    const m = /^message(-?\d+)$/.exec(el.attribs.id ?? '');
    if (!m)
      throw new ParseError(
        `a message without a message id (id=${quote(el.attribs.id ?? '')})`,
        `${file}:${line}`,
      );
    const id = Number(m[1]);
    if (id <= 0) continue; // the date separator rows ("3 November 2025") carry negative ids
    const where = `${file}:${line} (message ${id})`;
    if (!Number.isSafeInteger(id)) throw new ParseError('a message id out of range', where);
    const service = hasClass(el, 'service');
    const body = child(el, 'body');
    if (!body) throw new ParseError('a message without its body', where);
    const msg: HtmlMessage = {
      id,
      service,
      joined: hasClass(el, 'joined'),
      line,
      dateTitle: null,
      fromName: null,
      forwarded: null,
      replyTo: null,
      runs: [],
      signature: null,
      media: [],
      reactions: [],
      serviceText: null,
      serviceLink: null,
    };
    if (service) {
      msg.serviceText = clean(textOf(body)).replace(/\s+/g, ' ');
      const link = find(body, (e) => e.name === 'a' && GO_TO.test(e.attribs.href ?? ''));
      if (link) msg.serviceLink = Number(GO_TO.exec(link.attribs.href!)![1]);
      messages.push(msg);
      continue;
    }
    const date = child(body, 'date');
    if (!date?.attribs.title)
      throw new ParseError('a message without its date (.date.details[title])', where);
    msg.dateTitle = date.attribs.title;
    msg.fromName = cleanOrNull(child(body, 'from_name'));
    const parts = [body];
    const fwd = tags(body).find((e) => hasClass(e, 'forwarded') && hasClass(e, 'body'));
    if (fwd) {
      const from = child(fwd, 'from_name');
      const fdate = from ? find(from, (e) => hasClass(e, 'date')) : null;
      msg.forwarded = {
        name: from ? clean(textOf(from, (e) => hasClass(e, 'date'))) : '',
        dateTitle: fdate?.attribs.title ?? null,
      };
      parts.push(fwd);
    }
    for (const part of parts) {
      const reply = child(part, 'reply_to');
      const link = reply ? find(reply, (e) => e.name === 'a' && GO_TO.test(e.attribs.href ?? '')) : null;
      if (link) msg.replyTo = Number(GO_TO.exec(link.attribs.href!)![1]);
      const text = child(part, 'text');
      if (text) msg.runs.push(...textRuns(text));
      const wrap = child(part, 'media_wrap');
      if (wrap) msg.media.push(...mediaOf(wrap));
    }
    msg.signature = cleanOrNull(child(body, 'signature'));
    const reactions = child(body, 'reactions');
    for (const r of reactions ? tags(reactions).filter((e) => hasClass(e, 'reaction')) : []) {
      const emoji = child(r, 'emoji');
      const img = emoji ? find(emoji, (e) => e.name === 'img') : null;
      msg.reactions.push({
        emoji: emoji && !img ? clean(textOf(emoji)) : null,
        customEmojiId: img?.attribs.src ?? null,
        count: cleanOrNull(child(r, 'count')) ?? '',
        paid: hasClass(r, 'paid'),
      });
    }
    messages.push(msg);
  }
  const pageLinks = tags(history)
    .filter((e) => e.name === 'a' && hasClass(e, 'pagination') && e.attribs.href)
    .map((e) => e.attribs.href!);
  return { title: titleEl ? clean(textOf(titleEl)) : null, messages, pageLinks };
}
