// Child process of the SIGKILL test: one publishing pass over channel "gen" to "@crash", limits raised. The
// archive is a SQLite file or a postgres:// URL (?schema=NAME), as --db takes it.
import { openStore } from '../../src/cli/open-store.js';
import { publishOnce } from '../../src/bot/publisher.js';
import { routesFromConfig } from '../../src/bot/routes.js';
import { grammyBotApi } from '../../src/bot/telegram.js';

const [db, apiRoot, token] = process.argv.slice(2) as [string, string, string];
const store = await openStore(db);
const outbox = store.outbox();
const fast = { perWindow: 100_000, windowMs: 1000, minIntervalMs: 0 };
const r = await publishOnce(
  store,
  outbox,
  grammyBotApi({ token, apiRoot }),
  routesFromConfig([
    {
      channel: 'gen',
      to: '@crash',
      forwards: 'include',
      undetermined: 'include',
      silent: false,
      deleteOnSourceDelete: false,
    },
  ]),
  { chatLimit: fast, globalLimit: fast, retry: { baseDelayMs: 1 } },
);
await store.close();
process.stdout.write(
  JSON.stringify({ done: true, recovered: r.recovered, reconciled: r.reconciled, sent: r.sent }) + '\n',
);
