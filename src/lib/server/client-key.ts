/**
 * Which client a request comes from, as a key for the in-memory rate limiter and the
 * term gate only: it is never stored or logged.
 *
 * Without TASKFRONT_TRUSTED_PROXIES the key is the connecting address. Behind proxies,
 * list them (addresses or CIDR ranges): each proxy appends the address it received the
 * request from to X-Forwarded-For, so reading from the right and skipping our own
 * proxies finds the first address no proxy of ours wrote, which is the client. Entries
 * left of that were written by the client and are ignored, so rotating them changes nothing.
 */
import { BlockList, isIP } from 'node:net';

export interface TrustedProxies {
  has(address: string): boolean;
}

/** Parses "10.0.0.0/8, 192.168.1.10, fd00::/8" into a set of trusted proxies. */
export function parseTrustedProxies(raw: string): TrustedProxies {
  const list = new BlockList();
  for (const entry of raw.split(/[\s,]+/).filter(Boolean)) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (!family || extra !== undefined || !/^\d+$/.test(prefix ?? '0') || bits > (family === 6 ? 128 : 32)) {
      throw new Error(`TASKFRONT_TRUSTED_PROXIES: "${entry}" is not an address or a CIDR range; list your proxies like "10.0.0.0/8, 192.0.2.7"`);
    }
    list.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return {
    has(address) {
      const plain = unmapped(address);
      const family = isIP(plain);
      return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

/** "::ffff:10.0.0.1" (IPv4 on an IPv6 socket) is 10.0.0.1. */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export function trustedProxiesFromEnv(env: NodeJS.ProcessEnv = process.env): TrustedProxies | undefined {
  if (env.TASKFRONT_TRUST_PROXY) {
    throw new Error('TASKFRONT_TRUST_PROXY is no longer read: it trusted an address the client writes. Set TASKFRONT_TRUSTED_PROXIES to your proxies\' addresses or ranges instead, e.g. "10.0.0.0/8".');
  }
  const raw = env.TASKFRONT_TRUSTED_PROXIES?.trim();
  return raw ? parseTrustedProxies(raw) : undefined;
}

/**
 * The client's key: the connecting address, or behind trusted proxies the rightmost
 * X-Forwarded-For entry that none of them added.
 */
export function clientKeyOf(headers: Headers, connectingAddress: string | undefined, trusted: TrustedProxies | undefined): string {
  const direct = unmapped(connectingAddress ?? 'unknown');
  if (!trusted || !trusted.has(direct)) return direct;
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((hop) => unmapped(hop.trim())).filter(Boolean);
  for (let index = hops.length - 1; index >= 0; index--) {
    if (!trusted.has(hops[index]!)) return hops[index]!;
  }
  // Every hop is one of ours (or there are none): the request began inside, at the leftmost.
  return hops[0] ?? direct;
}
