// Which IP addresses are not on the public internet (loopback, private, link-local, CGNAT, unique-local, …), and
// the check of a URL's host against them: what keeps a server from being sent to its own network (SSRF).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { UserError } from './errors.js';

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 included
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (cloud metadata services)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 of an IPv4 address
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

// IPv4-mapped IPv6 addresses are judged by the IPv4 address they carry (a list of their own: BlockList would
// also match plain IPv4 addresses against it).
const mapped = new BlockList();
mapped.addSubnet('::ffff:0:0', 96, 'ipv6');

/** The IPv4 address an IPv4-mapped IPv6 address carries ("::ffff:1.2.3.4" or "::ffff:102:304"), else null. */
function mappedIpv4(ip: string): string | null {
  const m = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(ip);
  if (!m) return null;
  if (m[1]) return m[1];
  const hi = parseInt(m[2]!, 16);
  const lo = parseInt(m[3]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True for an address that is not on the public internet; also for anything that is not an IP address. */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family !== 6) return true;
  const v4 = mappedIpv4(bare.toLowerCase());
  if (v4) return blocked.check(v4, 'ipv4');
  // A mapped address written in a form not read above: refused rather than guessed.
  if (mapped.check(bare, 'ipv6')) return true;
  return blocked.check(bare, 'ipv6');
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/** A target refused because it is, or resolves to, an address that is not public. */
export class PrivateAddressError extends UserError {
  override name = 'PrivateAddressError';
}

/**
 * The addresses `host` resolves to, every one of them public; PrivateAddressError when one is not (a name that
 * resolves to a public and a private address is refused: which one is used is not ours to choose).
 */
export async function publicAddresses(
  host: string,
  resolve: Resolver = systemResolver,
): Promise<{ address: string; family: number }[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  const found = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await resolve(bare);
  if (found.length === 0) throw new UserError(`${host} does not resolve to any address`);
  const bad = found.find((a) => isPrivateAddress(a.address));
  if (bad)
    throw new PrivateAddressError(
      bare === bad.address
        ? `${host} is a private, loopback or link-local address`
        : `${host} resolves to ${bad.address}, a private, loopback or link-local address`,
    );
  return found;
}
