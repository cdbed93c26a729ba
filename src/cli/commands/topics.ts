// `tgwire topics add|list|remove|test`: topics followed across channels and languages; the archive is re-tagged.
import { Command } from 'commander';
import { parseQuery } from '../../search/parse.js';
import { compileTopic, explainTopic } from '../../rules/topic.js';
import {
  checkTopic,
  parseAliasGroup,
  retagArchive,
  saveTopicChecked,
  topicUsers,
  topicUsersText,
  type TopicUser,
} from '../../pipeline/topics.js';
import { UserError } from '../../util/errors.js';
import { configFrom, refuseConfigListed, withStore } from '../context.js';
import { resolveTopic } from '../../pipeline/names.js';
import { createProgress, formatTable, printJson } from '../output.js';
import { positiveInt } from '../numbers.js';

const collect = (v: string, acc: string[]) => [...acc, v];

/** What happens from now on to what named a topic removed with --force, one line per kind. */
function afterRemoval(users: readonly TopicUser[], topic: string): string[] {
  const lines: string[] = [];
  const say = (kind: TopicUser['kind'], one: string, several: string, rest: string) => {
    const named = users.filter((u) => u.kind === kind);
    if (named.length) lines.push(`${topicUsersText(named)} ${named.length === 1 ? one : several}${rest}`);
  };
  const gone = ` (no topic named ${topic})`;
  say(
    'saved search',
    'now fails',
    'now fail',
    `${gone}: tgwire searches add NAME 'QUERY' --replace changes one`,
  );
  say('route', 'now fails', 'now fail', `${gone}: change it in the config file`);
  say('webhook', 'gets', 'get', ' nothing through it now');
  return lines;
}

export function topicsCommand(): Command {
  const cmd = new Command('topics').description(
    'topics: queries matched in every language, tagged on every post',
  );
  cmd
    .command('add')
    .description(
      "add or change a topic, e.g. tgwire topics add brics 'BRICS OR #brics' --alias 'BRICS = БРИКС'",
    )
    .argument('<name>', 'topic name')
    .argument('<query>', 'words, "phrases", #hashtags, OR/AND/NOT, ( ), lang:, channel:, from:')
    .option('--alias <group>', 'words that mean the same, separated by "=" (repeatable)', collect, [])
    .action(async (name: string, query: string, opts: { alias: string[] }, c: Command) => {
      const topic = checkTopic({ name, query, aliases: opts.alias.map(parseAliasGroup) });
      await withStore(configFrom(c), async (store) => {
        // `topics add` changes a topic of exactly that name; one differing only in case is refused.
        const replace = (await store.listTopics()).some((t) => t.name === name);
        const { replaced } = await saveTopicChecked(store, topic, { replace, asker: 'cli' });
        const progress = createProgress();
        const r = await retagArchive(store, (d, t) => progress.update(d, t, 're-tagging the archive'));
        progress.stop();
        console.log(
          `topic ${name} ${replaced ? `changed (was ${JSON.stringify(replaced.query)})` : 'saved'}; ${await store.countPosts({ topic: name })} of ${r.posts} posts match`,
        );
      });
    });
  cmd
    .command('retag')
    .description(
      'tag every post with the stored topics again (after an upgrade that changed how words match)',
    )
    .action(async (_o: unknown, c: Command) => {
      await withStore(configFrom(c), async (store) => {
        const progress = createProgress();
        const r = await retagArchive(store, (d, t) => progress.update(d, t, 're-tagging the archive'));
        progress.stop();
        console.log(`${r.tagged} of ${r.posts} posts match a topic`);
      });
    });
  cmd
    .command('remove')
    .description(
      'remove a topic (its tags go with it); refused while a saved search, route or webhook names it, unless --force',
    )
    .argument('<name>')
    .option('--force', 'remove it even so (what named it then fails or matches nothing)')
    .action(async (name: string, opts: { force?: boolean }, c: Command) => {
      const config = configFrom(c);
      await withStore(config, async (store) => {
        const topic = await resolveTopic(store, name);
        refuseConfigListed(config, 'topic', topic);
        // A saved search or route naming a removed topic fails from then on, a webhook filtered on it goes quiet:
        // the user decides that knowingly.
        const users = await topicUsers(store, topic, config.routes);
        if (users.length && !opts.force)
          throw new UserError(
            `topic ${topic} is named by ${topicUsersText(users)}: change or remove them first, or add --force`,
          );
        const tagged = await store.countPosts({ topic });
        if (!(await store.removeTopic(topic))) throw new UserError(`no topic named ${name}`);
        console.log(
          `topic ${topic} removed; ${tagged} ${tagged === 1 ? 'post was' : 'posts were'} tagged with it`,
        );
        for (const line of afterRemoval(users, topic)) console.error(`tgwire: ${line}`);
      });
    });
  cmd
    .command('list')
    .description('topics with their queries, aliases and matching posts')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, c: Command) => {
      await withStore(configFrom(c), async (store) => {
        const rows = [];
        for (const t of await store.listTopics())
          rows.push({ ...t, posts: await store.countPosts({ topic: t.name }) });
        if (opts.json) return printJson(rows);
        console.log(
          formatTable(
            ['topic', 'query', 'aliases', 'posts'],
            rows.map((t) => [t.name, t.query, t.aliases.map((g) => g.join(' = ')).join('; '), t.posts]),
          ),
        );
      });
    });
  cmd
    .command('test')
    .description('show which posts a topic (by name) or a query would match, and why')
    .argument('<topic-or-query>')
    .option('--alias <group>', 'alias group for a query given here (repeatable)', collect, [])
    .option('--limit <n>', 'posts to show', '10')
    .option('--json', 'print as JSON')
    .action(async (arg: string, opts: { alias: string[]; limit: string; json?: boolean }, c: Command) => {
      const limit = positiveInt(opts.limit, '--limit');
      await withStore(configFrom(c), async (store) => {
        const stored = (await store.listTopics()).find((t) => t.name === arg);
        const def = stored ?? { name: 'test', query: arg, aliases: opts.alias.map(parseAliasGroup) };
        const compiled = compileTopic({ name: def.name, query: parseQuery(def.query), aliases: def.aliases });
        const hits: { post: string; terms: string[]; text: string }[] = [];
        let total = 0;
        for await (const p of store.iteratePosts({ order: 'asc' })) {
          const m = explainTopic(compiled, p);
          if (!m.matched) continue;
          total++;
          if (hits.length < limit)
            hits.push({
              post: `${p.channel}/${p.id}`,
              terms: m.terms,
              text: p.text.slice(0, 100).replace(/\s+/g, ' '),
            });
        }
        if (opts.json) return printJson({ total, hits });
        console.log(`${total} posts match ${stored ? `topic ${arg}` : 'the query'}`);
        for (const h of hits) console.log(`${h.post}  [${h.terms.join(', ')}]  ${h.text}`);
      });
    });
  return cmd;
}
