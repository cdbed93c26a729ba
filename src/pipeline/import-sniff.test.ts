import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sniffFormat } from './import.js';
import { ImportFormatError } from '../util/errors.js';

const NBSP = '\u00A0';

const cases: { name: string; content: string; want: ReturnType<typeof sniffFormat> }[] = [
  { name: 'a feed with a forward header', content: `Forwarded from${NBSP}MFA\nhello\n`, want: 'text' },
  {
    name: 'a feed with a media placeholder',
    content: 'own post\nThis media is not supported in your browser\n',
    want: 'text',
  },
  { name: 'a Desktop copy dump', content: 'Alice, [01/02/2023 09:05]\nhi\n', want: 'text' },
  { name: 'a feed after a BOM, with CRLF', content: `\uFEFFForwarded from${NBSP}X\r\nhi\r\n`, want: 'text' },
  { name: 'a README', content: '# tgwire\n\nA monitor for channels.\n\n- npm ci\n', want: null },
  {
    name: 'Markdown notes quoting a t.me page',
    content: '# Formats\n\n```html\n<div class="tgme_widget_message" data-post="durov/1">\n```\n',
    want: null,
  },
  {
    name: 'Markdown notes quoting a Desktop export',
    content:
      '# Formats\n\n    <div class="page_wrap">\n    <div class="page_body chat_page">\n    <div class="message default">\n',
    want: null,
  },
  {
    name: 'a t.me page after a BOM and blank lines',
    content:
      '\uFEFF\n\n<!DOCTYPE html><html><body><div class="tgme_widget_message" data-post="durov/1"></div>',
    want: 'tme-html',
  },
  { name: 'notes of own words', content: 'just some words\n', want: null },
  { name: '"Forwarded from" with a plain space', content: 'Forwarded from X\nhello\n', want: null },
  {
    name: 'a Desktop JSON export',
    content: '{\n "name": "x",\n "type": "public_channel",\n "id": 1,\n "messages": []\n}',
    want: 'export-json',
  },
];
for (const c of cases)
  test(`sniffFormat: ${c.name} -> ${c.want ?? 'not recognised'}`, () => {
    assert.equal(sniffFormat('f', Buffer.from(c.content)), c.want);
  });

test('sniffFormat says what to do with a zip, a gzip or a UTF-16 file', () => {
  const cases: [number[], RegExp][] = [
    [[0x50, 0x4b, 0x03, 0x04, 0x14, 0], /^f: a zip archive: unpack it, then import the export folder/],
    [[0x1f, 0x8b, 0x08, 0], /^f: gzip-compressed: decompress it, then import the file inside$/],
    [[0xff, 0xfe, 0x46, 0, 0x6f, 0], /^f: UTF-16 text: save it as UTF-8, then import it again$/],
    [[0xfe, 0xff, 0, 0x46, 0, 0x6f], /^f: UTF-16 text: save it as UTF-8/],
  ];
  for (const [bytes, message] of cases)
    assert.throws(
      () => sniffFormat('f', Buffer.from(bytes)),
      (e: unknown) => e instanceof ImportFormatError && message.test(e.message),
    );
});

test('sniffFormat still refuses empty and binary files outright', () => {
  assert.throws(() => sniffFormat('f', Buffer.alloc(0)), ImportFormatError);
  assert.throws(() => sniffFormat('f', Buffer.from([0x50, 0, 1])), ImportFormatError);
});
