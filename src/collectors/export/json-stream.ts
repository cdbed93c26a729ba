// Streams result.json message by message (stream-json tokens -> one assembled message at a time), with line:column
// errors, so memory stays flat whatever the file size.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import { Assembler } from 'stream-json/core/assembler.js';
import { ImportFormatError, ParseError } from '../../util/errors.js';
import type { WireChat, WireMessage } from './json-wire.js';

export type JsonExportEvent =
  { type: 'chat'; chat: WireChat } | { type: 'message'; message: WireMessage; at: TokenAt };

/** Where a token is, for locate(): its index, and a text offset known to precede it and to parse. */
export interface TokenAt {
  token: number;
  safe: number;
}

/** Keeps integers beyond 2^53 (custom emoji document ids, user ids) as their digits instead of rounding them. */
class MessageAssembler extends Assembler<WireMessage> {
  override numberValue(value: string): void {
    if (value.length > 15 && /^-?\d+$/.test(value) && !Number.isSafeInteger(Number(value)))
      this.stringValue(value);
    else super.numberValue(value);
  }
}

type Role = 'root' | 'chatsWrap' | 'chatList' | 'chat' | 'messages' | 'skip';

interface Frame {
  role: Role;
  isArray: boolean;
  key: string | null;
  chat?: WireChat;
}

const CHUNK = 64 * 1024;
/** Packed tokens only: the assembler ignores streamed string chunks, and half the tokens is half the work. */
const PARSER_OPTIONS = { packValues: true, streamValues: false } as const;
/** Text is fed to the parser in slices this long, so an error is first located to within one slice. */
const SLICE = 16 * 1024;

function explain(e: unknown, atEnd: boolean): string {
  const raw = e instanceof Error ? e.message : String(e);
  const what = raw.replace(/^Parser (?:cannot parse input: |has )/, '');
  return atEnd ? `the JSON ends too early (truncated file?): ${what}` : `malformed JSON: ${what}`;
}

/** stream-chain's end-of-input marker: a registered symbol, so no import of that transitive package is needed. */
const NONE = Symbol.for('object-stream.none') as never;

/**
 * Re-reads the file to find the line:column where the parser fails (stopToken = null) or where token number
 * stopToken is produced. The first safeChars characters are known to parse and go in at once; the rest goes in one
 * character at a time. Only the error path pays for this second pass; the fast pass never counts lines.
 */
export async function locate(file: string, safeChars: number, stopToken: number | null): Promise<string> {
  const parse = jsonParser(PARSER_OPTIONS);
  const decoder = new TextDecoder('utf-8');
  let line = 1;
  let col = 1;
  let fed = 0;
  let tokens = 0;
  const advance = (s: string) => {
    let nl = s.indexOf('\n');
    if (nl < 0) {
      col += s.length;
      return;
    }
    let last = nl;
    while (nl >= 0) {
      line++;
      last = nl;
      nl = s.indexOf('\n', nl + 1);
    }
    col = s.length - last;
  };
  const feed = (s: string) => {
    const out: unknown = parse(s);
    if (out && typeof out === 'object' && 'values' in out)
      tokens += (out as { values: unknown[] }).values.length;
  };
  const here = () => `${file}:${line}:${col}`;
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      const text =
        bytesRead > 0 ? decoder.decode(buf.subarray(0, bytesRead), { stream: true }) : decoder.decode();
      const bulk = Math.max(0, Math.min(safeChars - fed, text.length));
      if (bulk > 0) {
        const part = bulk === text.length ? text : text.slice(0, bulk);
        feed(part);
        advance(part);
        fed += bulk;
      }
      for (let i = bulk; i < text.length; i++) {
        feed(text[i]!);
        if (stopToken !== null && tokens > stopToken) return here();
        advance(text[i]!);
        fed++;
      }
      if (bytesRead === 0) {
        feed(NONE);
        return here();
      }
    }
  } catch {
    return here();
  } finally {
    await fh.close();
  }
}

/** Yields the chats and messages of a Desktop JSON export, in file order. */
export async function* streamExportJson(
  file: string,
  onProgress?: (bytesRead: number) => void,
): AsyncGenerator<JsonExportEvent> {
  const parse = jsonParser(PARSER_OPTIONS);
  const decoder = new TextDecoder('utf-8');
  const stack: Frame[] = [];
  let asm: Assembler<WireMessage> | null = null;
  let asmDepth = 0;
  let tokenIndex = 0;
  let fed = 0;
  let bytes = 0;
  let sawMessages = false;
  let rootSeen = false;
  let out: JsonExportEvent[] = [];
  // A structural problem found on a token: located after the fact by re-reading the file.
  let problem: { message: string; at: TokenAt; format?: boolean } | null = null;
  let sliceStart = 0;
  let messageAt: TokenAt = { token: 0, safe: 0 };
  const flag = (message: string, format = false) => {
    problem ??= { message, at: { token: tokenIndex, safe: sliceStart }, format };
  };

  const scalar = (frame: Frame, tok: Token) => {
    if (!frame.chat || frame.isArray || frame.key === null) return;
    const k = frame.key;
    if (k !== 'name' && k !== 'type' && k !== 'id') return;
    if (k === 'id' && tok.name === 'numberValue') frame.chat.id = Number(tok.value);
    else if (k === 'id' && tok.name === 'stringValue' && /^\d+$/.test(tok.value))
      frame.chat.id = Number(tok.value);
    else if (k !== 'id' && tok.name === 'stringValue') frame.chat[k] = tok.value;
  };

  const open = (isArray: boolean) => {
    const parent = stack[stack.length - 1];
    let role: Role = 'skip';
    let chat: WireChat | undefined;
    if (!parent) {
      if (isArray) flag('a JSON array, not a Telegram Desktop export', true);
      role = 'root';
      chat = { name: null, type: null, id: null };
    } else if (parent.role === 'root' && parent.key === 'messages' && isArray) {
      role = 'messages';
    } else if (
      parent.role === 'root' &&
      (parent.key === 'chats' || parent.key === 'left_chats') &&
      !isArray
    ) {
      role = 'chatsWrap';
    } else if (parent.role === 'chatsWrap' && parent.key === 'list' && isArray) {
      role = 'chatList';
    } else if (parent.role === 'chatList' && !isArray) {
      role = 'chat';
      chat = { name: null, type: null, id: null };
    } else if (parent.role === 'chat' && parent.key === 'messages' && isArray) {
      role = 'messages';
    } else if (parent.role === 'messages') {
      flag('expected a message object in "messages", found an array');
    }
    if (role === 'messages') {
      sawMessages = true;
      const owner = parent!;
      out.push({ type: 'chat', chat: { ...owner.chat! } });
    }
    const frame: Frame = { role, isArray, key: null };
    if (chat) frame.chat = chat;
    stack.push(frame);
  };

  const onToken = (tok: Token) => {
    if (asm) {
      asm.consume(tok);
      if (tok.name === 'startObject' || tok.name === 'startArray') asmDepth++;
      else if (tok.name === 'endObject' || tok.name === 'endArray') asmDepth--;
      if (asmDepth === 0) {
        out.push({ type: 'message', message: asm.current!, at: messageAt });
        asm = null;
      }
      return;
    }
    const top = stack[stack.length - 1];
    switch (tok.name) {
      case 'startObject':
        if (top?.role === 'messages') {
          asm = new MessageAssembler();
          asm.consume(tok);
          asmDepth = 1;
          messageAt = { token: tokenIndex, safe: sliceStart };
          return;
        }
        open(false);
        return;
      case 'startArray':
        open(true);
        return;
      case 'endObject':
      case 'endArray':
        stack.pop();
        return;
      case 'keyValue':
        if (top) top.key = tok.value;
        return;
      case 'stringValue':
      case 'numberValue':
      case 'nullValue':
      case 'trueValue':
      case 'falseValue':
        if (!top) {
          flag('a bare JSON value, not a Telegram Desktop export', true);
          return;
        }
        if (top.role === 'messages') {
          flag(`expected a message object in "messages", found ${tok.name.replace('Value', '')}`);
          return;
        }
        scalar(top, tok);
        return;
      default:
        return;
    }
  };

  const feed = (text: string) => {
    for (let i = 0; i < text.length; i += SLICE) {
      const slice = i === 0 && text.length <= SLICE ? text : text.slice(i, i + SLICE);
      let res;
      sliceStart = fed;
      try {
        res = parse(slice);
      } catch (e) {
        return { error: e, at: fed };
      }
      fed += slice.length;
      if (res && typeof res === 'object' && 'values' in res) {
        for (const tok of (res as { values: Token[] }).values) {
          if (!rootSeen) rootSeen = true;
          onToken(tok);
          tokenIndex++;
          if (problem) return null;
        }
      }
    }
    return null;
  };

  const fail = async (p: { message: string; at: TokenAt; format?: boolean }): Promise<never> => {
    const where = await locate(file, p.at.safe, p.at.token);
    if (p.format) throw new ImportFormatError(`${where}: ${p.message}`);
    throw new ParseError(p.message, where);
  };

  const stream = createReadStream(file, { highWaterMark: CHUNK });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      const err = feed(decoder.decode(chunk, { stream: true }));
      if (err)
        throw new ParseError(explain(err.error, false), await locate(file, err.at, null), {
          cause: err.error,
        });
      if (problem) await fail(problem);
      if (out.length) {
        const batch = out;
        out = [];
        yield* batch;
      }
      onProgress?.(bytes);
    }
    const tail = decoder.decode();
    if (tail) {
      const err = feed(tail);
      if (err)
        throw new ParseError(explain(err.error, false), await locate(file, err.at, null), {
          cause: err.error,
        });
    }
    try {
      parse(NONE);
    } catch (e) {
      if (!rootSeen)
        throw new ParseError('the file is empty, expected a JSON object', `${file}:1:1`, { cause: e });
      throw new ParseError(explain(e, true), await locate(file, fed, null), { cause: e });
    }
    if (problem) await fail(problem);
  } catch (e) {
    if (e instanceof ParseError || e instanceof ImportFormatError) throw e;
    throw new ParseError(`cannot read: ${e instanceof Error ? e.message : String(e)}`, file, { cause: e });
  } finally {
    stream.destroy();
  }
  yield* out;
  if (!sawMessages) {
    throw new ImportFormatError(
      `${file}: valid JSON, but not a Telegram Desktop export (no "messages" array)`,
    );
  }
}
