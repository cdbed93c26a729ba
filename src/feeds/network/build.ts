// Builds the forward and mention network of posts fed one at a time: channels and the origins of their forwards as
// nodes, forwards and mentions as weighted edges, each with the days it was active (so a timeline can play it).
import { MultiDirectedGraph } from 'graphology';
import { forwardOrigin, type OriginKind } from '../../model/origin.js';
import type { Channel, ForwardedFrom, Post } from '../../model/post.js';
import { mentionedUsernames } from '../../text/mentions.js';

export type EdgeKind = 'forward' | 'mention';

export interface NetworkNode {
  /** The title, else @username, else the channel's key. */
  label: string;
  title: string | null;
  username: string | null;
  /**
   * What it is: archived channels are `channel`; a forward origin is what its forwards showed (`user`: a person's
   * account, `name`: known by its name alone); null for a node only mentioned (a username: channel or person).
   */
  kind: OriginKind | null;
  /** ISO 639-1 codes of its posts, every one (a single post in a language counts), most used first. */
  languages: string[];
  /** Archived: its posts in the selection; otherwise: its posts seen here as forwards. */
  posts: number;
  /** Known only for archived channels whose source gave it. */
  subscribers: number | null;
  archived: boolean;
  /** First and last time it posted, was forwarded or was named in the selection (ISO); null when undated. */
  firstDate: string | null;
  lastDate: string | null;
}

export interface NetworkEdge {
  kind: EdgeKind;
  /** Posts: forwards of the source by the target, or posts of the source naming the target. */
  weight: number;
  firstDate: string | null;
  lastDate: string | null;
}

/** A run of consecutive active days, both ends included (YYYY-MM-DD, UTC). */
export interface Spell {
  start: string;
  end: string;
}

export type NetworkGraph = MultiDirectedGraph<NetworkNode, NetworkEdge>;

export interface Network {
  /** Directed multigraph: a forward and a mention may join the same two nodes. */
  graph: NetworkGraph;
  /** The days each node was active (no entry: it has no dated post). */
  nodeSpells: Map<string, Spell[]>;
  /** The same for each edge, by edge key. */
  edgeSpells: Map<string, Spell[]>;
}

export type ArchivedChannel = Pick<Channel, 'key' | 'username' | 'numericId' | 'title' | 'subscribers'>;

interface NodeAcc {
  id: string;
  title: string | null;
  username: string | null;
  kind: OriginKind | null;
  archived: boolean;
  subscribers: number | null;
  posts: number;
  langs: Map<string, number>;
  days: Set<string>;
  first: string | null;
  last: string | null;
}

interface EdgeAcc {
  kind: EdgeKind;
  source: string;
  target: string;
  weight: number;
  days: Set<string>;
  first: string | null;
  last: string | null;
}

const LABEL_MAX = 200;

// Characters XML 1.0 cannot carry at all (C0 controls but tab and line breaks, lone surrogates, U+FFFE/FFFF).
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A text any XML writer can carry: characters XML forbids dropped. */
export function xmlSafe(s: string): string {
  return s.replace(NOT_XML, '');
}

/** A name as a label: XML-safe, on one line, at most LABEL_MAX characters. */
function cleanName(s: string): string {
  return [...xmlSafe(s).replace(/\s+/g, ' ').trim()].slice(0, LABEL_MAX).join('');
}

function minIso(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null || a <= b ? a : b;
}

function maxIso(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null || a >= b ? a : b;
}

/** Codes by share of the counted posts, largest first (ties by code); those under `share` left out (none by default). */
export function languagesByShare(counts: ReadonlyMap<string, number>, share = 0): string[] {
  // 'und': detection could not tell; it is no language a channel writes in.
  const known = [...counts.entries()].filter(([code]) => code !== 'und');
  const total = known.reduce((n, [, c]) => n + c, 0);
  return known
    .filter(([, n]) => n > 0 && n >= share * total)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code]) => code);
}

const DAY_MS = 86_400_000;

/** Sorted days as runs of consecutive days. */
export function spellsOf(days: Iterable<string>): Spell[] {
  const sorted = [...days].sort();
  const out: Spell[] = [];
  for (const d of sorted) {
    const last = out.at(-1);
    if (last && Date.parse(`${d}T00:00:00Z`) - Date.parse(`${last.end}T00:00:00Z`) === DAY_MS) last.end = d;
    else out.push({ start: d, end: d });
  }
  return out;
}

/**
 * Collects posts (in any order) into a network. Nodes are keyed by channel key for archived channels, else by the
 * origin's identity (model/origin.ts: username, else `channel:ID` / `user:ID`, else the title a forward showed), so
 * two origins sharing a title stay two nodes. An origin known by its id alone becomes the node of the one username
 * forward headers showed with that id; an origin known by title alone becomes the node of the one identity (username,
 * id or archived channel) forwards showed with that exact title. A channel forwarding its own
 * post is a forward edge from itself to itself (a self-loop), so the forward weights add up to the forwards the
 * dashboard and /api/stats/forwards count; a channel naming itself (a footer "@mychannel") makes no mention edge.
 * Mentions count in a channel's own posts only: a forward's text is its origin's.
 */
export class NetworkBuilder {
  private readonly archived = new Map<string, ArchivedChannel>();
  private readonly byUsername = new Map<string, string>();
  private readonly byNumericId = new Map<number, string>();
  private readonly byTitle = new Map<string, string>();
  private readonly nodes = new Map<string, NodeAcc>();
  private readonly edges = new Map<string, EdgeAcc>();
  /** Nodes known only by a title, and the identified nodes forward headers showed with each title. */
  private readonly titleNodes = new Set<string>();
  private readonly titleUsernames = new Map<string, Set<string>>();
  /** Nodes known only by an id (`channel:ID`), and the username nodes forward headers showed with each id. */
  private readonly idNodes = new Set<string>();
  private readonly idUsernames = new Map<string, Set<string>>();

  constructor(channels: readonly ArchivedChannel[]) {
    const titles = new Map<string, string[]>();
    for (const ch of channels) {
      this.archived.set(ch.key, ch);
      if (ch.username) this.byUsername.set(ch.username.toLowerCase(), ch.key);
      // A key given at import that is a username (a text dump imported as --channel rusmfa) names that channel.
      if (/^[a-z][a-z0-9_]{3,31}$/.test(ch.key) && !this.byUsername.has(ch.key))
        this.byUsername.set(ch.key, ch.key);
      if (ch.numericId !== null) this.byNumericId.set(ch.numericId, ch.key);
      if (ch.title) titles.set(cleanName(ch.title), [...(titles.get(cleanName(ch.title)) ?? []), ch.key]);
    }
    // Two archived channels with one title: a title alone cannot say which one a forward came from.
    for (const [title, keys] of titles) if (keys.length === 1) this.byTitle.set(title, keys[0]!);
  }

  add(p: Post): void {
    const channel = this.node(xmlSafe(p.channel), { archived: true });
    channel.posts++;
    this.touch(channel, p, true);
    if (p.forwardedFrom) {
      const f = p.forwardedFrom;
      const originId = this.originId(f);
      const { kind } = forwardOrigin(f);
      const origin = this.node(originId, {
        username: f.username?.toLowerCase() ?? null,
        title: cleanName(f.name) || null,
        kind,
        identified: kind !== 'name' || this.archived.has(originId),
      });
      if (f.username && f.numericId !== undefined) {
        const idKey = forwardOrigin({ ...f, username: null }).key;
        this.idUsernames.set(idKey, (this.idUsernames.get(idKey) ?? new Set()).add(origin.id));
      }
      // Forwarded copies are the origin's posts seen here; an archived origin's own posts are counted as they come.
      if (!origin.archived) origin.posts++;
      this.touch(origin, p, !origin.archived);
      this.edge('forward', origin.id, channel.id, p);
    } else if (!p.service) {
      for (const username of mentionedUsernames(p)) {
        const target = this.node(this.byUsername.get(username) ?? username, { username });
        if (target.id === channel.id) continue;
        this.touch(target, p, false);
        this.edge('mention', channel.id, target.id, p);
      }
    }
  }

  /** The archived channels in the network so far: the ones whose languages a caller may know better. */
  archivedKeys(): string[] {
    return [...this.nodes.values()].filter((n) => n.archived).map((n) => n.id);
  }

  /**
   * The network. `languages`: the languages of archived channels as the caller knows them (pinned, or the mix over
   * the whole channel); a channel without an entry gets those of its posts in the selection.
   */
  finish(languages: ReadonlyMap<string, readonly string[]> = new Map()): Network {
    const alias = this.aliases();
    const nodes = new Map<string, NodeAcc>();
    // Copies: the builder's own counts stay as they are, so finish() can be called again.
    for (const n of this.nodes.values())
      if (!alias.has(n.id)) nodes.set(n.id, { ...n, langs: new Map(n.langs), days: new Set(n.days) });
    for (const [from, into] of alias) mergeNode(nodes.get(into)!, this.nodes.get(from)!);
    const edges = new Map<string, EdgeAcc>();
    for (const e of this.edges.values()) {
      const source = alias.get(e.source) ?? e.source;
      const target = alias.get(e.target) ?? e.target;
      if (source === target && e.kind === 'mention') continue;
      const key = `${e.kind}\u0000${source}\u0000${target}`;
      const into = edges.get(key);
      if (!into) edges.set(key, { ...e, source, target, days: new Set(e.days) });
      else mergeEdge(into, e);
    }

    const graph: NetworkGraph = new MultiDirectedGraph({ allowSelfLoops: true });
    const nodeSpells = new Map<string, Spell[]>();
    const edgeSpells = new Map<string, Spell[]>();
    for (const n of [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      graph.addNode(n.id, {
        label: n.title ?? (n.username ? `@${n.username}` : n.id),
        title: n.title,
        username: n.username,
        kind: n.kind,
        languages: [...(languages.get(n.id) ?? languagesByShare(n.langs))],
        posts: n.posts,
        subscribers: n.subscribers,
        archived: n.archived,
        firstDate: n.first,
        lastDate: n.last,
      });
      if (n.days.size) nodeSpells.set(n.id, spellsOf(n.days));
    }
    const order = { forward: 0, mention: 1 };
    const sorted = [...edges.values()].sort(
      (a, b) =>
        order[a.kind] - order[b.kind] ||
        (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) ||
        (a.target < b.target ? -1 : a.target > b.target ? 1 : 0),
    );
    sorted.forEach((e, i) => {
      const key = `e${i}`;
      graph.addDirectedEdgeWithKey(key, e.source, e.target, {
        kind: e.kind,
        weight: e.weight,
        firstDate: e.first,
        lastDate: e.last,
      });
      if (e.days.size) edgeSpells.set(key, spellsOf(e.days));
    });
    return { graph, nodeSpells, edgeSpells };
  }

  private originId(f: ForwardedFrom): string {
    const username = f.username?.toLowerCase();
    if (username) return this.byUsername.get(username) ?? username;
    const title = cleanName(f.name) || '(no name)';
    const byTitle = this.byTitle.get(title);
    if (f.numericId !== undefined) {
      // Archived channels' ids are channel ids: a user's id number says nothing about them.
      if (f.fromUser) return forwardOrigin(f).key;
      const key = this.byNumericId.get(f.numericId);
      if (key) return key;
      // The one archived channel with this title, when its own id is unknown and so cannot say it is another.
      if (byTitle && this.archived.get(byTitle)?.numericId == null) return byTitle;
      const idKey = forwardOrigin(f).key;
      this.idNodes.add(idKey);
      return idKey;
    }
    if (byTitle) return byTitle;
    this.titleNodes.add(title);
    return title;
  }

  /** The node `id`, made when new; `known`: what the post tells of it (`archived`: it is the post's channel). */
  private node(
    id: string,
    known: {
      username?: string | null;
      title?: string | null;
      archived?: boolean;
      kind?: OriginKind;
      /** Known by more than its title (a username, an id, an archived channel's row). */
      identified?: boolean;
    },
  ): NodeAcc {
    let n = this.nodes.get(id);
    if (!n) {
      const ch = this.archived.get(id);
      n = {
        id,
        title: ch ? (ch.title ? cleanName(ch.title) : null) : (known.title ?? null),
        username: ch ? (ch.username?.toLowerCase() ?? null) : (known.username ?? null),
        kind: ch || known.archived ? 'channel' : (known.kind ?? null),
        // A post's channel is archived even without a channel row (archives older than channel rows).
        archived: !!ch || !!known.archived,
        subscribers: ch?.subscribers ?? null,
        posts: 0,
        langs: new Map(),
        days: new Set(),
        first: null,
        last: null,
      };
      this.nodes.set(id, n);
    } else if (known.archived && !n.archived) {
      // Met as an origin first, then its own posts came: from now on they are what it counts.
      n.archived = true;
      n.kind = 'channel';
      n.posts = 0;
      n.langs.clear();
    }
    // Not archived: the latest name a forward showed (posts come oldest first); archived: its row's, when it has one.
    if (known.title && (!n.archived || n.title === null)) n.title = known.title;
    if (known.username && n.username === null) n.username = known.username;
    // Mentioned first (kind unknown), then forwarded: the forward header tells.
    if (known.kind && n.kind === null) n.kind = known.kind;
    if (known.identified && known.title) {
      const names = this.titleUsernames.get(known.title) ?? new Set<string>();
      names.add(n.id);
      this.titleUsernames.set(known.title, names);
    }
    return n;
  }

  /** Marks the node active on the post's day; `own`: the post is one of the node's (its language counts). */
  private touch(n: NodeAcc, p: Post, own: boolean): void {
    if (own && p.lang) n.langs.set(p.lang, (n.langs.get(p.lang) ?? 0) + 1);
    if (!p.date) return;
    n.days.add(p.date.slice(0, 10));
    n.first = minIso(n.first, p.date);
    n.last = maxIso(n.last, p.date);
  }

  private edge(kind: EdgeKind, source: string, target: string, p: Post): void {
    const key = `${kind}\u0000${source}\u0000${target}`;
    let e = this.edges.get(key);
    if (!e) {
      e = { kind, source, target, weight: 0, days: new Set(), first: null, last: null };
      this.edges.set(key, e);
    }
    e.weight++;
    if (p.date) {
      e.days.add(p.date.slice(0, 10));
      e.first = minIso(e.first, p.date);
      e.last = maxIso(e.last, p.date);
    }
  }

  /**
   * Id-only origins that one username (and only one) was seen with, and title-only origins that one identified node
   * (and only one) was seen with: they are that node.
   */
  private aliases(): Map<string, string> {
    const alias = new Map<string, string>();
    for (const idKey of this.idNodes) {
      const n = this.nodes.get(idKey);
      const names = this.idUsernames.get(idKey);
      if (!n || n.archived || n.username || names?.size !== 1) continue;
      const [into] = names;
      if (into !== idKey) alias.set(idKey, into!);
    }
    for (const title of this.titleNodes) {
      const n = this.nodes.get(title);
      if (!n || n.archived || n.username || this.archived.has(title)) continue;
      // An id node that turned out to be a username's is that one node, not a second identity.
      const names = new Set([...(this.titleUsernames.get(title) ?? [])].map((id) => alias.get(id) ?? id));
      if (names.size === 1) {
        const [into] = names;
        if (into !== title) alias.set(title, into!);
      }
    }
    return alias;
  }
}

/** Adds a title-only origin into the node it turned out to be (an archived one counts its own posts only). */
function mergeNode(into: NodeAcc, n: NodeAcc): void {
  if (!into.archived) {
    into.posts += n.posts;
    for (const [lang, c] of n.langs) into.langs.set(lang, (into.langs.get(lang) ?? 0) + c);
  }
  for (const d of n.days) into.days.add(d);
  into.first = minIso(into.first, n.first);
  into.last = maxIso(into.last, n.last);
}

function mergeEdge(into: EdgeAcc, e: EdgeAcc): void {
  into.weight += e.weight;
  for (const d of e.days) into.days.add(d);
  into.first = minIso(into.first, e.first);
  into.last = maxIso(into.last, e.last);
}
