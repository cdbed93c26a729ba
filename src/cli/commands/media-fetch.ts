// `tgwire media fetch`: keeps the media archived posts lack (a failed download, a cap raised since, media off then).
import { Command } from 'commander';
import {
  fetchMissingMedia,
  type MediaFetchProgress,
  type MediaFetchResult,
} from '../../pipeline/collect/index.js';
import { UserError } from '../../util/errors.js';
import { channelKeyOf, collectHttp, collectMedia } from '../collect.js';
import { stopOnSignals } from './sync.js';
import { configFrom, withStore } from '../context.js';
import { channelProgress, formatTable, printJson } from '../output.js';

/** A bar per channel on a terminal, one log line per page otherwise (as `sync` reports). */
function progressReporter(tty: boolean) {
  const bars = channelProgress(
    tty,
    ' {channel} [{bar}] {value}/{total} posts, {pages} pages, {kept} kept, {failed} failed',
  );
  return {
    update(p: MediaFetchProgress) {
      const payload = { channel: p.channel, pages: p.pages, kept: p.tally.kept, failed: p.tally.failed };
      bars.update(
        p.channel,
        { value: p.posts, total: p.of },
        payload,
        () =>
          `media channel=${p.channel} pages=${p.pages} posts=${p.posts}/${p.of} kept=${p.tally.kept} bytes=${p.tally.bytes} skipped=${p.tally.skipped} failed=${p.tally.failed}`,
      );
    },
    stop: () => bars.stop(),
  };
}

function printResults(results: MediaFetchResult[]): void {
  if (results.length === 0) {
    console.log('nothing to fetch: every archived media item has a copy or a reason it has none');
    return;
  }
  console.log(
    formatTable(
      ['channel', 'status', 'posts', 'pages', 'kept', 'bytes', 'skipped', 'failed', 'message'],
      results.map((r) => [
        r.channel,
        r.status,
        r.posts,
        r.pages,
        r.kept,
        r.bytes,
        r.skipped,
        r.failed,
        [r.error, r.notShown ? `${r.notShown} post(s) no longer shown` : '', r.aborted ? 'stopped' : '']
          .filter(Boolean)
          .join('; '),
      ]),
    ),
  );
}

/** Adds `fetch` to the `media` command group. */
export function addMediaFetchCommand(media: Command): Command {
  media
    .command('fetch')
    .description(
      'keep the media archived posts lack (failed downloads, caps raised since): visits the preview page of each',
    )
    .option('--channel <name>', 'only this channel (username or t.me link)')
    .option('--json', 'print the per-channel results as JSON')
    .action(async (opts: { channel?: string; json?: boolean }, c: Command) => {
      const config = configFrom(c);
      const channel = opts.channel !== undefined ? channelKeyOf(opts.channel) : undefined;
      if (!config.media.enabled)
        throw new UserError('media are off (media.enabled: false or TGWIRE_MEDIA=0): nothing is fetched');
      const stop = stopOnSignals();
      let results: MediaFetchResult[] = [];
      try {
        await withStore(config, async (store) => {
          const http = collectHttp(config);
          const media = collectMedia(store, config, http, undefined, stop.signal);
          if (!media)
            throw new UserError(
              'this archive has no media store (an archive in memory): set media.dir or TGWIRE_MEDIA_DIR',
            );
          const progress = progressReporter(process.stderr.isTTY === true && !opts.json);
          try {
            results = await fetchMissingMedia(
              { store, http, baseUrl: config.tmeBase, media },
              {
                ...(channel ? { channel } : {}),
                signal: stop.signal,
                onProgress: (p) => progress.update(p),
              },
            );
          } finally {
            progress.stop();
          }
        });
      } finally {
        stop.dispose();
      }
      if (opts.json) printJson(results);
      else printResults(results);
      if (results.some((r) => r.status === 'error')) process.exitCode = 1;
    });
  return media;
}
