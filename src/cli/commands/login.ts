// `tgwire login` / `tgwire logout`: the Telegram account MTProto collection uses, its session kept with mode 0600.
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import type { Prompter } from '../../collectors/mtproto/account.js';
import type { OpenClient } from '../../collectors/mtproto/client.js';
import { configFrom } from '../context.js';

/** Questions on stderr, answers from stdin; a secret answer is not echoed. */
function terminalPrompter(): Prompter & { close(): void } {
  let muted = false;
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output: out, terminal: process.stdin.isTTY === true });
  return {
    async ask(question, options) {
      process.stderr.write(`${question}: `);
      muted = options?.secret === true;
      try {
        return (await rl.question('')).trim();
      } finally {
        if (muted) process.stderr.write('\n');
        muted = false;
      }
    },
    say: (line) => void process.stderr.write(`${line}\n`),
    close: () => rl.close(),
  };
}

/** The real client, loaded only by the commands that talk to Telegram (the library takes a moment to load). */
async function realClient(): Promise<OpenClient> {
  return (await import('../../collectors/mtproto/telegram.js')).openTelegram;
}

export function loginCommand(): Command {
  return new Command('login')
    .description(
      'log a Telegram account in for MTProto collection (API id and hash from my.telegram.org: TGWIRE_API_ID, TGWIRE_API_HASH)',
    )
    .option('--qr', "log in by scanning a QR code drawn here with the account's app, instead of a phone code")
    .action(async (opts: { qr?: boolean }, c: Command) => {
      const { login, loginQr } = await import('../../collectors/mtproto/account.js');
      const config = configFrom(c);
      const prompt = terminalPrompter();
      try {
        await (opts.qr ? loginQr : login)(await realClient(), config.telegram, prompt);
      } finally {
        prompt.close();
      }
    });
}

export function logoutCommand(): Command {
  return new Command('logout')
    .description('end the Telegram session at Telegram and delete its file')
    .action(async (_opts: unknown, c: Command) => {
      const { logout } = await import('../../collectors/mtproto/account.js');
      const config = configFrom(c);
      const done = await logout(await realClient(), config.telegram);
      console.log(
        done ? 'logged out; the session file is deleted' : 'no Telegram session: nothing to log out',
      );
    });
}
