// `tgwire channels add|remove|list|set|relabel|rename|merge|delete`: the channels collected live (kept in the
// database), their settings, their posts' languages labelled again, and the archive's channels renamed, joined or
// removed.
import { withMediaNotStored } from '../../model/media.js';
import { createInterface } from 'node:readline/promises';
import { Command, Option } from 'commander';
import { hasSession } from '../../collectors/mtproto/session.js';
import type { CollectVia } from '../../model/collection.js';
import { chooseVia, initialSyncState } from '../../pipeline/collect/index.js';
import { assignStories } from '../../pipeline/stories.js';
import { parseChannelRef } from '../../model/channel-ref.js';
import { parseLanguageList } from '../../model/languages.js';
import { relabelChannel } from '../../pipeline/enrich.js';
import type { Store } from '../../store/store.js';
import { UserError } from '../../util/errors.js';
import { configFrom, refuseConfigListed, withStore } from '../context.js';
import { resolveChannel, resolveFollowed } from '../../pipeline/names.js';
import { channelKeyOf, collectHttp, parseDepth } from '../collect.js';
import { formatTable, printJson } from '../output.js';

/** The name a channel is given (rename): a username or t.me link as its username, else the name as typed. */
function newChannelName(input: string): string {
  const name = parseChannelRef(input)?.username ?? input.trim().toLowerCase();
  if (!name || /[\s/]/.test(name))
    throw new UserError(`not a channel name: "${input.slice(0, 100)}" (no spaces or '/')`);
  return name;
}

/** Regroups the posts whose story lost a member (they wait without a story until then). */
async function regroup(store: Store, ungrouped: number): Promise<string> {
  if (ungrouped === 0) return '';
  const r = await assignStories(store);
  return `; ${ungrouped} posts of stories that lost a post grouped again (${r.assigned} regrouped)`;
}

/** Asks a yes/no question on the terminal; false unless the answer starts with y. */
async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** A share as a whole percent; a language with a few posts is "<1%", not "0%", and the one beside it ">99%". */
function percent(share: number): string {
  if (share > 0 && share < 0.005) return '<1%';
  if (share < 1 && share >= 0.995) return '>99%';
  return `${Math.round(share * 100)}%`;
}

/** "ru, en (pinned)", or the detected mix "ru 75%, en 20%" (three at most), or "-". */
export function languagesCell(pinned: string[] | null, mix: Record<string, number>): string {
  if (pinned) return `${pinned.join(', ')} (pinned)`;
  const shown = Object.entries(mix)
    .slice(0, 3)
    .map(([l, share]) => `${l} ${percent(share)}`);
  return shown.length ? shown.join(', ') : '-';
}

export function channelsCommand(): Command {
  const cmd = new Command('channels').description(
    'the channels tgwire collects from t.me (kept in the database)',
  );
  cmd
    .command('add')
    .description('follow channels: @name, t.me/name, https://t.me/s/name or t.me/name/123')
    .argument('<channel...>', 'usernames or t.me links')
    .option(
      '--depth <date|id>',
      'backfill back to this date (YYYY-MM-DD) or post id (default: the whole history)',
    )
    .addOption(
      new Option(
        '--via <way>',
        'web: the t.me/s preview; mtproto: the Telegram account (tgwire login); auto: the preview when it works',
      )
        .choices(['web', 'mtproto', 'auto'])
        .default('web'),
    )
    .option(
      '--comments',
      "also collect each post's comments (its discussion group's thread); needs the account: --via mtproto or auto",
    )
    .action(
      async (
        inputs: string[],
        opts: { depth?: string; via: CollectVia | 'auto'; comments?: boolean },
        c: Command,
      ) => {
        const depth = parseDepth(opts.depth);
        // One channel named three ways (@name, t.me/name, a post link) is one channel.
        const keys = [...new Set(inputs.map(channelKeyOf))];
        const config = configFrom(c);
        const session = hasSession(config.telegram.sessionFile);
        if (opts.via === 'mtproto' && !session)
          throw new UserError(
            `collecting through MTProto needs a Telegram account: run tgwire login first (no session in ${config.telegram.sessionFile})`,
          );
        if (opts.comments && opts.via === 'web')
          throw new UserError(
            '--comments needs the Telegram account: add the channel with --via mtproto (or auto)',
          );
        const lines: string[] = [];
        await withStore(config, async (store) => {
          for (const key of keys) {
            let via: CollectVia = opts.via === 'auto' ? 'web' : opts.via;
            if (opts.via === 'auto') {
              const choice = await chooseVia(collectHttp(config), config.tmeBase, key, session);
              via = choice.via;
              lines.push(`${key}: via ${via} (${choice.why})`);
              if (opts.comments && via === 'web')
                lines.push(`${key}: comments are collected only through the account`);
            }
            const comments = opts.comments === true && via === 'mtproto';
            await store.transaction(async () => {
              await store.follow(key, depth);
              const state = await store.getSyncState(key);
              // Only a change of way is written: a web channel added again keeps its state as it was.
              if ((state?.via ?? 'web') !== via || (comments && !state?.comments))
                await store.saveSyncState(key, {
                  ...(state ?? initialSyncState()),
                  via,
                  ...(comments ? { comments } : {}),
                });
            });
          }
        });
        console.log(`following ${keys.join(', ')}`);
        for (const line of lines) console.log(line);
      },
    );
  cmd
    .command('remove')
    .description('stop following channels (their archived posts stay)')
    .argument('<channel...>', 'usernames or t.me links')
    .action(async (inputs: string[], _opts: unknown, c: Command) => {
      const config = configFrom(c);
      await withStore(config, async (store) => {
        // All checked before any is removed: a typo in the list changes nothing.
        const keys: string[] = [];
        for (const input of inputs) keys.push(await resolveFollowed(store, input));
        for (const key of keys) refuseConfigListed(config, 'channel', key);
        for (const key of keys) await store.unfollow(key);
        console.log(`no longer following ${keys.join(', ')}`);
      });
    });
  cmd
    .command('list')
    .description(
      'followed channels with their collection status and languages (and channels with pinned languages)',
    )
    .option('--all', 'every channel of the archive, imported ones too, with its posts and languages')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean; all?: boolean }, c: Command) => {
      await withStore(configFrom(c), async (store) => {
        const follows = await store.listFollows();
        const channels = new Map((await store.listChannels()).map((ch) => [ch.key, ch]));
        const followed = new Set(follows.map((f) => f.channel));
        const pinnedOnly = [...channels.values()]
          .filter((ch) => (opts.all || ch.languages) && !followed.has(ch.key))
          .map((ch) => ({ channel: ch.key, depth: null, addedAt: null, followed: false }));
        const rows = [];
        for (const f of [...follows.map((x) => ({ ...x, followed: true })), ...pinnedOnly]) {
          const s = await store.getSyncState(f.channel);
          const posts = await store.countPosts({ channel: f.channel });
          const mediaFailed = f.followed ? await store.channelMediaFailed(f.channel) : 0;
          const status = !f.followed
            ? 'not followed'
            : (s?.status ?? (s?.topId != null ? 'backfilling' : 'new'));
          rows.push({
            ...f,
            posts,
            status: withMediaNotStored(status, mediaFailed),
            /** Media items whose download or storing failed, without a copy yet (`tgwire media fetch`). */
            mediaFailed,
            lastSyncAt: s?.lastSyncAt ?? null,
            lastError: s?.lastError ?? null,
            nextCheckAt: s?.nextCheckAt ?? null,
            /** Pinned with `channels set --lang`; null when detection alone decides. */
            languages: channels.get(f.channel)?.languages ?? null,
            /** Share of the channel's posts per detected language, largest first. */
            languageMix: Object.fromEntries(await store.channelLanguageMix(f.channel)),
          });
        }
        if (opts.json) return printJson(rows);
        if (rows.length === 0)
          return console.log(
            channels.size
              ? `no channels followed yet: tgwire channels add @name (${channels.size} in the archive: channels list --all)`
              : 'no channels followed yet: tgwire channels add @name',
          );
        console.log(
          formatTable(
            ['channel', 'depth', 'posts', 'languages', 'status', 'last sync', 'next attempt', 'last error'],
            rows.map((r) => [
              r.channel,
              !r.followed ? '-' : r.depth === null ? 'all' : String(r.depth),
              r.posts,
              languagesCell(r.languages, r.languageMix),
              r.status,
              r.lastSyncAt ?? '-',
              r.nextCheckAt ?? '-',
              r.lastError ?? '',
            ]),
          ),
        );
      });
    });
  cmd
    .command('set')
    .description("a channel's settings: the languages it writes in")
    .argument('<channel>', 'username, t.me link, or the name given at import')
    .requiredOption(
      '--lang <codes>',
      "ISO 639-1 codes it writes in, comma-separated (ru or ru,en); '' or auto: detect per post",
    )
    .action(async (input: string, opts: { lang: string }, c: Command) => {
      let languages: string[] | null;
      try {
        languages = parseLanguageList(opts.lang);
      } catch (e) {
        throw new UserError(`--lang: ${e instanceof Error ? e.message : String(e)}`);
      }
      await withStore(configFrom(c), async (store) => {
        const key = await resolveChannel(store, input);
        await store.setChannelLanguages(key, languages);
        const r = await relabelChannel(store, key);
        console.log(
          `${
            languages
              ? `${key}: languages pinned to ${languages.join(', ')}`
              : `${key}: languages detected per post (no pin)`
          }; ${r.changed} of ${r.posts} posts labelled again`,
        );
      });
    });
  cmd
    .command('relabel')
    .description(
      "label the posts' languages again in each channel's context (its mix and pinned languages): for posts labelled by an older tgwire",
    )
    .argument('[channels...]', 'channels to relabel (default: every channel with posts)')
    .option('--json', 'print as JSON')
    .action(async (inputs: string[], opts: { json?: boolean }, c: Command) => {
      await withStore(configFrom(c), async (store) => {
        const keys =
          inputs.length > 0
            ? await Promise.all(inputs.map((i) => resolveChannel(store, i)))
            : (await store.stats()).perChannel.map((ch) => ch.channel);
        const rows: { channel: string; posts: number; changed: number }[] = [];
        for (const key of keys) rows.push({ channel: key, ...(await relabelChannel(store, key)) });
        if (opts.json) printJson(rows);
        else
          console.log(
            formatTable(
              ['channel', 'posts', 'labelled again'],
              rows.map((r) => [r.channel, String(r.posts), String(r.changed)]),
            ),
          );
      });
    });
  cmd
    .command('rename')
    .description(
      'gives a channel of the archive another name: its posts, history, stories, follow and sync state',
    )
    .argument('<old>', 'the channel as the archive names it (tgwire stats)')
    .argument('<new>', 'the new name (a username or t.me link for a channel collected live)')
    .option('--json', 'print the result as JSON')
    .action(async (oldInput: string, newInput: string, opts: { json?: boolean }, c: Command) => {
      const to = newChannelName(newInput);
      await withStore(configFrom(c), async (store) => {
        const from = await resolveChannel(store, oldInput);
        const r = await store.renameChannel(from, to);
        if (opts.json) return printJson({ from, to, ...r });
        console.log(`renamed ${from} to ${to}: ${r.moved} posts`);
      });
    });
  cmd
    .command('merge')
    .description(
      'moves the posts of channel FROM into INTO (an export imported before its username was known); FROM is gone',
    )
    .argument('<from>', 'the channel whose posts move')
    .argument('<into>', 'the channel that keeps them')
    .option('--json', 'print the result as JSON')
    .action(async (fromInput: string, intoInput: string, opts: { json?: boolean }, c: Command) => {
      await withStore(configFrom(c), async (store) => {
        const from = await resolveChannel(store, fromInput);
        const into = await resolveChannel(store, intoInput).catch((e: unknown) => {
          if (!(e instanceof UserError)) throw e;
          throw new UserError(
            `no channel "${intoInput.slice(0, 100)}" to merge into: to give ${from} that name, use tgwire channels rename ${from} ${intoInput.slice(0, 100)}`,
          );
        });
        const r = await store.mergeChannels(from, into);
        const regrouped = await regroup(store, r.ungrouped);
        if (opts.json) return printJson({ from, into, ...r });
        console.log(
          `merged ${from} into ${into}: ${r.moved} posts moved; ${r.both} posts were in both and are kept once` +
            (r.both
              ? ` (${r.bothChanged} took something from ${from}'s copy: a missing field or a text, ${r.versionsKept} versions added to their history)`
              : '') +
            regrouped,
        );
      });
    });
  cmd
    .command('delete')
    .description(
      'removes a channel from the archive: its posts, their history, topics, story memberships and media references, its sync state and follow',
    )
    .argument('<channel>', 'the channel as the archive names it (tgwire stats)')
    .option('-y, --yes', 'do not ask (needed when there is no terminal to ask on)')
    .option('--json', 'print the result as JSON')
    .action(async (input: string, opts: { yes?: boolean; json?: boolean }, c: Command) => {
      await withStore(configFrom(c), async (store) => {
        const key = await resolveChannel(store, input);
        if (!opts.yes) {
          const posts = await store.countPosts({ channel: key });
          const what = `delete channel ${key} and its ${posts} posts (with their history, topics, story memberships and media references), its sync state and follow?`;
          if (!process.stdin.isTTY)
            throw new UserError(
              `${what.replace(/\?$/, '')}: no terminal to ask on; run again with --yes to confirm`,
            );
          if (!(await confirm(what))) {
            console.error('nothing deleted');
            return;
          }
        }
        const r = await store.deleteChannel(key);
        const regrouped = await regroup(store, r.ungrouped);
        if (opts.json) return printJson({ channel: key, ...r });
        console.log(
          `deleted ${key}: ${r.posts} posts, ${r.versions} earlier versions` +
            (r.corrections ? `, ${r.corrections} story corrections` : '') +
            (r.followed ? '; no longer followed' : '') +
            regrouped +
            '. Media files stay in the media folder (shared by content with other posts).',
        );
      });
    });
  return cmd;
}
