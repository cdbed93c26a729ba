// The bodies webhooks are sent: `{type, timestamp, data}` with the post in the JSONL export's shape (feeds/jsonl.ts).
import type { Post } from '../model/post.js';
import type { PostEvent } from '../model/webhook.js';
import { postToJson, type JsonOptions } from './jsonl.js';

/** The story a post is in, as a payload carries it. */
export interface StoryInfo {
  id: string;
  /** Why the post is in it (canonical, forward, copy, …). */
  reason: string;
  /** Posts in the story. */
  size: number;
}

export interface WebhookPayload {
  type: string;
  /** When the change happened (ISO). */
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * The body of one event: `data.post` (the post as the JSONL export writes it), `data.topics`, `data.story` (null
 * when in none), and for an edit `data.previous` (the text and entities before it).
 */
export function eventPayload(
  event: PostEvent,
  post: Post,
  story: StoryInfo | null,
  options: JsonOptions = {},
): WebhookPayload {
  const data: Record<string, unknown> = {
    post: postToJson(post, options),
    topics: post.topics ?? [],
    story,
  };
  if (event.type === 'post.edited' && event.previous)
    data.previous = { text: event.previous.text, entities: event.previous.entities };
  return { type: event.type, timestamp: event.at, data };
}

/** The body of `tgwire webhooks test`: a `webhook.test` event naming the webhook. */
export function testPayload(webhookId: number, at: string): WebhookPayload {
  return {
    type: 'webhook.test',
    timestamp: at,
    data: {
      webhook: webhookId,
      message: 'a test event from tgwire: the signature checks out if you can read this',
    },
  };
}

export function payloadBody(p: WebhookPayload): string {
  return JSON.stringify(p);
}
