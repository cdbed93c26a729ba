// A child process for the kill test (test/mtproto-kill.test.ts): backfills a stub channel of argv[3] posts into the
// SQLite archive at argv[2], printing "page N" as each page arrives (the parent kills it then, mid-commit).
import { tlChannel, tlMessage, StubTelegram } from '../../collectors/mtproto/stub.testkit.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { syncChannelMtproto } from './mtproto.js';

const [db, total] = [process.argv[2]!, Number(process.argv[3])];
const tg = new StubTelegram().addChat(
  tlChannel({ id: 5150, title: 'Killed', username: 'killed' }),
  Array.from({ length: total }, (_, i) => tlMessage(5150, i + 1)),
);
const client = tg.connected();
let pages = 0;
const store = await openSqliteStore(db);
const r = await syncChannelMtproto(
  {
    store,
    client: {
      ...client,
      // Each page is read a little slowly, as over a network.
      getHistory: async (p, q) => {
        await new Promise((r) => setTimeout(r, 5));
        const answer = await client.getHistory(p, q);
        process.stdout.write(`page ${++pages}\n`);
        return answer;
      },
    },
  },
  'killed',
  { pageSize: 50, force: true },
);
await store.close();
process.stdout.write(`${JSON.stringify(r)}\n`);
