// A Telegram Desktop export folder exported with media, written at test time (JSON or HTML, in Desktop's markup),
// with the small real files of test/fixtures/media and the crafted cases an import must refuse.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { projectRoot } from './shared.js';

export const MEDIA_FIXTURES = join(projectRoot, 'test', 'fixtures', 'media');
export const mediaFixture = (name: 'photo.jpg' | 'clip.mp4' | 'voice.ogg' | 'doc.pdf'): Buffer =>
  readFileSync(join(MEDIA_FIXTURES, name));

export const CHANNEL_TITLE = 'Media Archive Test';
export const CHANNEL_ID = 1987654321;

/** Paths inside the export folder, as the export names them. */
export const PATHS = {
  photo: 'photos/photo_1@09-09-2024_10-00-00.jpg',
  photoThumb: 'photos/photo_1@09-09-2024_10-00-00_thumb.jpg',
  video: 'video_files/video_1@09-09-2024_10-01-00.mp4',
  videoThumb: 'video_files/video_1@09-09-2024_10-01-00.mp4_thumb.jpg',
  voice: 'voice_messages/audio_1@09-09-2024_10-02-00.ogg',
  doc: 'files/doc.pdf',
  missing: 'photos/photo_2@09-09-2024_10-05-00.jpg',
  climbing: '../../outside.jpg',
  linked: 'photos/photo_3@09-09-2024_10-07-00.jpg',
  round: 'round_video_messages/file_1@09-09-2024_10-08-00.mp4',
  roundThumb: 'round_video_messages/file_1@09-09-2024_10-08-00.mp4_thumb.jpg',
} as const;

const NOT_INCLUDED_JSON = '(File not included. Change data exporting settings to download.)';

/** The posts of the export, by id: what each carries. */
export const IDS = {
  photo: 1,
  video: 2,
  voice: 3,
  doc: 4,
  notIncluded: 5,
  missing: 6,
  climbing: 7,
  linked: 8,
  round: 9,
} as const;

export interface MediaExport {
  /** The export folder (what `tgwire import` is given). */
  folder: string;
  /** result.json or messages.html inside it. */
  file: string;
  /** A JPEG outside the folder that `../../outside.jpg` and the link point to: it must never be read. */
  outside: string;
  outsideBytes: Buffer;
  /** The export's own small preview of the photo (HTML exports only write these). */
  photoThumbBytes: Buffer;
}

const jpeg = (w: number, h: number, r: number) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r, g: 40, b: 200 } } })
    .jpeg()
    .toBuffer();

const unix = (id: number) => Date.UTC(2024, 8, 9, 10, id, 0) / 1000;
const pad = (n: number) => String(n).padStart(2, '0');

function jsonMessage(id: number, media: Record<string, unknown>, text: string): Record<string, unknown> {
  const d = new Date(unix(id) * 1000);
  return {
    id,
    type: 'message',
    date: d.toISOString().slice(0, 19),
    date_unixtime: String(unix(id)),
    from: CHANNEL_TITLE,
    from_id: `channel${CHANNEL_ID}`,
    ...media,
    text,
    text_entities: [{ type: 'plain', text }],
  };
}

function resultJson(): string {
  const photo = (path: string) => ({ photo: path, photo_file_size: 1260, width: 32, height: 24 });
  const messages = [
    jsonMessage(IDS.photo, photo(PATHS.photo), 'a photo'),
    jsonMessage(
      IDS.video,
      {
        file: PATHS.video,
        file_name: 'clip.mp4',
        file_size: 2118,
        thumbnail: PATHS.videoThumb,
        thumbnail_file_size: 1260,
        media_type: 'video_file',
        mime_type: 'video/mp4',
        duration_seconds: 1,
        width: 64,
        height: 48,
      },
      'a video',
    ),
    jsonMessage(
      IDS.voice,
      {
        file: PATHS.voice,
        file_size: 1124,
        media_type: 'voice_message',
        mime_type: 'audio/ogg',
        duration_seconds: 1,
      },
      'a voice note',
    ),
    jsonMessage(
      IDS.doc,
      { file: PATHS.doc, file_name: 'doc.pdf', file_size: 193, mime_type: 'application/pdf' },
      'a document',
    ),
    jsonMessage(IDS.notIncluded, photo(NOT_INCLUDED_JSON), 'a photo exported without its file'),
    jsonMessage(IDS.missing, photo(PATHS.missing), 'a photo whose file is gone'),
    jsonMessage(IDS.climbing, photo(PATHS.climbing), 'a photo path climbing out'),
    jsonMessage(IDS.linked, photo(PATHS.linked), 'a photo linked out of the folder'),
    jsonMessage(
      IDS.round,
      {
        file: PATHS.round,
        file_size: 2118,
        thumbnail: PATHS.roundThumb,
        thumbnail_file_size: 1260,
        media_type: 'video_message',
        mime_type: 'video/mp4',
        duration_seconds: 1,
        width: 64,
        height: 48,
      },
      'a round video',
    ),
  ];
  return JSON.stringify({ name: CHANNEL_TITLE, type: 'public_channel', id: CHANNEL_ID, messages }, null, 1);
}

// HTML in Telegram Desktop's own markup (export_output_html.cpp), indented as it writes it.
const htmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function htmlMessage(id: number, media: string, text: string): string {
  const d = new Date(unix(id) * 1000);
  const title = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00 UTC+00:00`;
  const first = id === 1;
  return `
     <div class="message default clearfix${first ? '' : ' joined'}" id="message${id}">
${
  first
    ? `
      <div class="pull_left userpic_wrap">

       <div class="userpic userpic6" style="width: 42px; height: 42px">

        <div class="initials" style="line-height: 42px">
M
        </div>

       </div>

      </div>
`
    : ''
}
      <div class="body">

       <div class="pull_right date details" title="${title}">
${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}
       </div>
${
  first
    ? `
       <div class="from_name">
${htmlEscape(CHANNEL_TITLE)}
       </div>
`
    : ''
}
       <div class="media_wrap clearfix">
${media}
       </div>

       <div class="text">
${htmlEscape(text)}
       </div>

      </div>

     </div>
`;
}

const photoWrap = (href: string, thumb: string) => `
        <a class="photo_wrap clearfix pull_left" href="${htmlEscape(href)}">

         <img class="photo" src="${htmlEscape(thumb)}" style="width: 32px; height: 24px"/>

        </a>
`;

function generic(classes: string, href: string | null, body: string, thumb?: string): string {
  const open = href
    ? `<a class="media clearfix pull_left block_link ${classes}" href="${htmlEscape(href)}">`
    : `<div class="media clearfix pull_left ${classes}">`;
  const picture = thumb
    ? `
         <img class="thumb pull_left" src="${htmlEscape(thumb)}"/>
`
    : `
         <div class="fill pull_left">

         </div>
`;
  return `
        ${open}
${picture}
         <div class="body">
${body}
         </div>

        ${href ? '</a>' : '</div>'}
`;
}

const bodyLines = (title: string, status: string, description?: string) => `
          <div class="title bold">
${htmlEscape(title)}
          </div>
${
  description
    ? `
          <div class="description">
${htmlEscape(description)}
          </div>
`
    : ''
}
          <div class="status details">
${htmlEscape(status)}
          </div>
`;

function messagesHtml(): string {
  const messages = [
    htmlMessage(IDS.photo, photoWrap(PATHS.photo, PATHS.photoThumb), 'a photo'),
    htmlMessage(
      IDS.video,
      `
        <a class="video_file_wrap clearfix pull_left" href="${PATHS.video}">

         <div class="video_play_bg">

          <div class="video_play">

          </div>

         </div>

         <div class="video_duration">
00:01
         </div>

         <img class="video_file" src="${PATHS.videoThumb}" style="width: 260px; height: 195px"/>

        </a>
`,
      'a video',
    ),
    htmlMessage(
      IDS.voice,
      generic('media_voice_message', PATHS.voice, bodyLines('Voice message', '00:01')),
      'a voice note',
    ),
    htmlMessage(IDS.doc, generic('media_file', PATHS.doc, bodyLines('doc.pdf', '193 B')), 'a document'),
    htmlMessage(
      IDS.notIncluded,
      generic(
        'media_photo',
        null,
        bodyLines('Photo', '32×24, 1.2 KB', 'Not included, change data exporting settings to download.'),
      ),
      'a photo exported without its file',
    ),
    htmlMessage(
      IDS.missing,
      photoWrap(PATHS.missing, PATHS.missing.replace('.jpg', '_thumb.jpg')),
      'a photo whose file is gone',
    ),
    htmlMessage(IDS.climbing, photoWrap(PATHS.climbing, PATHS.climbing), 'a photo path climbing out'),
    htmlMessage(IDS.linked, photoWrap(PATHS.linked, PATHS.linked), 'a photo linked out of the folder'),
    htmlMessage(
      IDS.round,
      generic('media_video', PATHS.round, bodyLines('Video message', '00:01'), PATHS.roundThumb),
      'a round video',
    ),
  ];
  return `<!DOCTYPE html>
<html>

 <head>

  <meta charset="utf-8"/>
<title>Exported Data</title>
  <meta content="width=device-width, initial-scale=1.0" name="viewport"/>

  <link href="css/style.css" rel="stylesheet"/>

  <script src="js/script.js" type="text/javascript">

  </script>

 </head>

 <body onload="CheckLocation();">

  <div class="page_wrap">

   <div class="page_header">

    <div class="content">

     <div class="text bold">
${htmlEscape(CHANNEL_TITLE)}
     </div>

    </div>

   </div>

   <div class="page_body chat_page">

    <div class="history">

     <div class="message service" id="message-1">

      <div class="body details">
9 September 2024
      </div>

     </div>
${messages.join('')}
    </div>

   </div>

  </div>

 </body>

</html>
`;
}

function put(folder: string, path: string, bytes: Buffer): void {
  const to = join(folder, path);
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, bytes);
}

/**
 * Writes `base/outside.jpg` and the export folder `base/chats/export` (so `../../outside.jpg` from the folder is that
 * file) holding the export file and its media; `photos/photo_3…` is a link to the outside file.
 */
export async function writeMediaExport(base: string, format: 'json' | 'html'): Promise<MediaExport> {
  const folder = join(base, 'chats', 'export');
  mkdirSync(folder, { recursive: true });
  const outside = join(base, 'outside.jpg');
  const outsideBytes = await jpeg(40, 30, 250);
  writeFileSync(outside, outsideBytes);
  const photo = mediaFixture('photo.jpg');
  const clip = mediaFixture('clip.mp4');
  put(folder, PATHS.photo, photo);
  put(folder, PATHS.video, clip);
  put(folder, PATHS.videoThumb, photo);
  put(folder, PATHS.voice, mediaFixture('voice.ogg'));
  put(folder, PATHS.doc, mediaFixture('doc.pdf'));
  put(folder, PATHS.round, clip);
  put(folder, PATHS.roundThumb, photo);
  const photoThumbBytes = await jpeg(16, 12, 10);
  if (format === 'html') put(folder, PATHS.photoThumb, photoThumbBytes);
  symlinkSync(outside, join(folder, PATHS.linked));
  const file = join(folder, format === 'json' ? 'result.json' : 'messages.html');
  writeFileSync(file, format === 'json' ? resultJson() : messagesHtml());
  return { folder, file, outside, outsideBytes, photoThumbBytes };
}
