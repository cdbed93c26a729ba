// Wire shape of Telegram Desktop's result.json (FORMATS.md B.1-B.4): what the file holds, before adaptation.

/** The chat a messages array belongs to: the root of a single-chat export, or one entry of chats.list. */
export interface WireChat {
  name: string | null;
  type: string | null;
  id: number | null;
}

export interface WireTextPart {
  type: string;
  text: string;
  href?: string;
  language?: string;
  collapsed?: boolean;
  document_id?: string | number;
  user_id?: string | number;
}

export interface WireReaction {
  type?: string;
  count?: number;
  emoji?: string;
  document_id?: string | number;
}

export interface WirePoll {
  question?: string;
  closed?: boolean;
  total_voters?: number;
  answers?: { text?: string; voters?: number; chosen?: boolean }[];
}

/** One element of `messages`; every key but id is optional because exports of different years differ. */
export interface WireMessage {
  id: unknown;
  type?: string;
  date?: string;
  date_unixtime?: string;
  edited?: string;
  edited_unixtime?: string;
  from?: string | null;
  from_id?: string | number;
  author?: string;
  forwarded_from?: string | null;
  forwarded_from_id?: string | number;
  forwarded_from_author?: string;
  saved_from?: string;
  via_bot?: string;
  reply_to_message_id?: number;
  photo?: string;
  photo_file_size?: number;
  file?: string;
  file_name?: string;
  file_size?: number;
  thumbnail?: string;
  media_type?: string;
  mime_type?: string;
  duration_seconds?: number;
  performer?: string;
  title?: string;
  sticker_emoji?: string;
  width?: number;
  height?: number;
  poll?: WirePoll;
  location_information?: { latitude?: number; longitude?: number };
  place_name?: string;
  address?: string;
  contact_information?: { first_name?: string; last_name?: string; phone_number?: string };
  text?: string | (string | WireTextPart)[];
  text_entities?: WireTextPart[];
  reactions?: WireReaction[];
  // service messages
  actor?: string | null;
  actor_id?: string | number;
  action?: string;
  message_id?: number;
  members?: (string | null)[];
  inviter?: string;
}
