// Reads a Desktop HTML export: messages.html, then messages2.html, messages3.html … beside it, as ImportEvents.
import { access, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ImportEvent } from '../../model/post.js';
import { emptyChannel } from '../../model/post.js';
import { errorMessage, ParseError } from '../../util/errors.js';
import { invalidUtf8Notice } from '../../util/utf8.js';
import { adaptHtmlMessage } from './html-adapter.js';
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
  for (let n = (m[2] ? Number(m[2]) : 1) + 1; ; n++) {
    const next = join(dirname(path), `${stem}${n}${ext}`);
    if (!(await exists(next))) break;
    pages.push(next);
  }
  return pages;
}

/** An HTML export names no id or username; a slug of the chat title is the provisional key. */
function titleKey(title: string | null): string {
  const slug = (title ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}_]+/gu, '_')
    .replace(/^_+|_+$/g, '');
  return slug || 'export';
}

export async function* readExportHtmlFiles(path: string, channelKey?: string): AsyncIterable<ImportEvent> {
  let key: string | null = null;
  let title: string | null = null;
  let sender: string | null = null;
  for (const file of await exportPages(path)) {
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
    if (key === null) {
      title = page.title;
      key = channelKey ?? titleKey(title);
      yield { type: 'channel', channel: { ...emptyChannel(key), title } };
    }
    for (const m of page.messages) {
      if (m.service) sender = null;
      else if (!m.joined || m.fromName !== null) sender = m.fromName;
      yield { type: 'post', post: adaptHtmlMessage(m, key, sender, title, file) };
    }
  }
}
