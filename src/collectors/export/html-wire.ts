// Wire shape of one message of a Telegram Desktop HTML export page (FORMATS.md B.5), before adaptation.
import type { TextRun } from './runs.js';

export interface HtmlMedia {
  /** The block's kind: media_photo, media_video, photo_wrap, sticker_wrap, video_file_wrap, media_poll, … */
  kind: string;
  href: string | null;
  /** The picture shown in the block (img src): a photo's or sticker's export-made preview, a video's thumbnail. */
  thumb: string | null;
  title: string | null;
  description: string | null;
  /** ".status.details" ("1174×973, 114.6 KB", "03:28, 8.4 MB", "💠, 4.7 KB"). */
  status: string | null;
  /** ".video_duration" of a downloaded video. */
  duration: string | null;
  poll?: {
    question: string;
    details: string | null;
    answers: { text: string; details: string | null }[];
    total: string | null;
  };
}

export interface HtmlMessage {
  id: number;
  service: boolean;
  joined: boolean;
  /** 1-based line of the message's div in its file, for error messages. */
  line: number;
  /** The date title, "22.01.2026 17:23:09 UTC+01:00"; null on service messages (the export writes none). */
  dateTitle: string | null;
  fromName: string | null;
  forwarded: { name: string; dateTitle: string | null } | null;
  replyTo: number | null;
  runs: TextRun[];
  signature: string | null;
  media: HtmlMedia[];
  reactions: { emoji: string | null; customEmojiId: string | null; count: string; paid: boolean }[];
  /** Service messages: the visible text and the message a "pinned this message" link points to. */
  serviceText: string | null;
  serviceLink: number | null;
}

export interface HtmlPage {
  /** The page header: the chat title. */
  title: string | null;
  messages: HtmlMessage[];
  /** Where the page's "Previous messages" / "Next messages" links point (hrefs as written: messages2.html). */
  pageLinks: string[];
}
