// Reads a Desktop HTML export: messages.html, then messages2.html, messages3.html … beside it, as ImportEvents.
import { access, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ImportEvent } from '../../model/post.js';
import { emptyChannel } from '../../model/post.js';
import { errorMessage, ParseError } from '../../util/errors.js';
import { invalidUtf8Notice } from '../../util/utf8.js';
import type { TimeZone } from '../../util/time-zone.js';
import { adaptHtmlMessage, htmlLocalOnlyDate } from './html-adapter.js';
import { zoneNotice } from './zone-notice.js';
import { parseExportPage } from './html-parse.js';

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** The pages of one export in order: the given file, then `<stem>2.html`, `<stem>3.html` … while they exist. */
export async function exportPages(path: string): Promise<string[]> {
  const m = /^(.*?)(\d*)\.html?$/i.exec(basename(path));
  if (!m) return [path];
  const stem = m[1]!;
  const ext = basename(path).slice(basename(path).lastIndexOf('.'));
  const pages = [path];
  for (let n = pageNumber(basename(path)) + 1; ; n++) {
    const next = join(dirname(path), `${stem}${n}${ext}`);
    if (!(await exists(next))) break;
    pages.push(next);
  }
  return pages;
}

/** messages.html is page 1, messages2.html page 2. */
function pageNumber(name: string): number {
  const m = /(\d*)\.html?$/i.exec(name);
  return m?.[1] ? Number(m[1]) : 1;
}

/** An HTML export names no id or username; a slug of the chat title is the provisional key. */
function titleKey(title: string | null): string {
  const slug = (title ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}_]+/gu, '_')
    .replace(/^_+|_+$/g, '');
  return slug || 'export';
}

/**
 * The pages a page links to that are not read yet: one present but not in the sequence (read next), or an error for
 * one missing from the folder, since the chat's posts on it would be left out without a word.
 */
async function linkedPages(file: string, links: string[], planned: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const href of links) {
    // Only a later page beside this one ("Next messages"): the export writes them so, and nothing else is read.
    if (!/^[\w.-]+\.html?$/i.test(href) || pageNumber(href) <= pageNumber(basename(file))) continue;
    const target = join(dirname(file), href);
    if (planned.includes(target) || out.includes(target)) continue;
    if (!(await exists(target)))
      throw new ParseError(
        `links to ${href}, which is not in its folder: the export is incomplete (copy the whole export folder, every messagesN.html with it)`,
        file,
      );
    out.push(target);
  }
  return out;
}

export async function* readExportHtmlFiles(
  path: string,
  channelKey?: string,
  zone?: TimeZone,
): AsyncIterable<ImportEvent> {
  let key: string | null = null;
  let dated = 0;
  let localOnly = 0;
  let title: string | null = null;
  let sender: string | null = null;
  const pages = await exportPages(path);
  for (let i = 0; i < pages.length; i++) {
    const file = pages[i]!;
    let bytes: Buffer;
    try {
      // A sibling page that is a FIFO would block the read until a writer comes.
      if (!(await stat(file)).isFile())
        throw new ParseError(
          'not a regular file (a pipe, FIFO or device); remove it or save it as a file',
          file,
        );
      bytes = await readFile(file);
    } catch (e) {
      if (e instanceof ParseError) throw e;
      throw new ParseError(`cannot read: ${e instanceof Error ? e.message : String(e)}`, file, { cause: e });
    }
    const garbled = invalidUtf8Notice(bytes);
    if (garbled) yield { type: 'notice', message: garbled, where: file };
    const html = bytes.toString('utf8');
    let page;
    try {
      page = parseExportPage(html.replace(/^\uFEFF/, ''), file);
    } catch (e) {
      // Whatever goes wrong inside the parser, the user learns which file it was.
      if (e instanceof ParseError) throw e;
      throw new ParseError(`cannot read this page: ${errorMessage(e)}`, file, { cause: e });
    }
    // A page linked but absent is an export cut short; one present out of sequence (a gap) is read after the rest.
    pages.push(...(await linkedPages(file, page.pageLinks, pages)));
    if (key === null) {
      title = page.title;
      key = channelKey ?? titleKey(title);
      yield { type: 'channel', channel: { ...emptyChannel(key), title } };
    }
    for (const m of page.messages) {
      if (m.service) sender = null;
      else if (!m.joined || m.fromName !== null) sender = m.fromName;
      if (m.dateTitle !== null) dated++;
      if (htmlLocalOnlyDate(m.dateTitle)) localOnly++;
      yield { type: 'post', post: adaptHtmlMessage(m, key, sender, title, file, zone) };
    }
  }
  const said = zoneNotice(localOnly, dated, zone, 'their date titles carry no UTC offset: an old export');
  if (said) yield { type: 'notice', message: said, where: path };
}
