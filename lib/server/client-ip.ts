// The caller's address, as far as it can be trusted. Every forwarding header (X-Forwarded-For, X-Real-IP,
// Forwarded…) is written by whoever sends the request, so only the entries appended by the proxies Orbit is told
// about (TRUSTED_PROXY_HOPS) mean anything: with N proxies in front, the client is the Nth address from the right
// of X-Forwarded-For, and everything left of it is the client's own invention.
//
// With no proxy in front (0 hops) the client is the TCP peer: Next's route handlers and server actions do not
// expose the socket, so the Node server stamps it on each request (lib/server/peer-address.ts, through the request
// hook instrumentation.ts installs). Where no stamp exists (another server) the address is unknown (null):
// per-address limits then share one bucket, and the per-account limits (lib/auth/account-limits.ts) do the real work.
//
// One address has many spellings (an IPv4 address also reads as `::ffff:c633:6407`, IPv6 groups may be zero-padded
// or not), and an IPv6 client gets a whole /64 from its provider (RFC 6177, RFC 7934), 2^64 addresses to rotate
// through. So the address is kept in one canonical form, and every per-address limit counts `addressKey()`: the
// IPv4 address, or the /64 of an IPv6 one — the prefix Better Auth's own limits use (advanced.ipAddress.ipv6Subnet).
import 'server-only';
import { isIP, SocketAddress } from 'node:net';
import { env } from '@/lib/env';
import { peerAddress } from './peer-address';

/** The header Orbit sets for Better Auth (advanced.ipAddress.ipAddressHeaders); any client-sent copy is dropped. */
export const CLIENT_IP_HEADER = 'x-orbit-client-ip';

/** The client's canonical address from the trusted proxies' X-Forwarded-For entries, or null when it cannot be trusted. */
export function clientIp(headers: Headers, hops: number = env.TRUSTED_PROXY_HOPS): string | null {
  if (hops < 1) return canonicalIp(peerAddress(headers) ?? '');
  // Several X-Forwarded-For headers arrive joined with ", ", which keeps the right-to-left order intact.
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // A shorter chain did not pass through every proxy (or a proxy is misconfigured): nothing in it is trusted.
  const candidate = chain.length >= hops ? chain[chain.length - hops] : undefined;
  return canonicalIp(candidate ?? '');
}

/** The prefix length an IPv6 client is counted by, here and in Better Auth's limits. */
export const IPV6_SUBNET_BITS = 64;

/**
 * One spelling per address, or null for something that is not one: IPv4 as dotted quad, IPv4-mapped IPv6 as the
 * IPv4 address, IPv6 in RFC 5952 form (lower case, no leading zeros, the longest zero run as `::`, no zone).
 */
export function canonicalIp(candidate: string): string | null {
  const family = isIP(candidate);
  if (family === 4) return new SocketAddress({ address: candidate, family: 'ipv4' }).address;
  if (family !== 6) return null;
  const ip = new SocketAddress({ address: candidate, family: 'ipv6' }).address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip)?.[1];
  return mapped ?? ip;
}

/** The eight 16-bit groups of a canonical IPv6 address (a trailing dotted quad counts as the last two). */
function ipv6Groups(ip: string): number[] {
  const [head = '', tail] = ip.split('::');
  const part = (s: string | undefined) =>
    (s ? s.split(':') : []).flatMap((g) => {
      if (!g.includes('.')) return [parseInt(g, 16)];
      const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
      return [(a << 8) | b, (c << 8) | d];
    });
  const left = part(head);
  const right = part(tail);
  return tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** What per-address limits count for a canonical address: the IPv4 address, or `<prefix>::/64` for IPv6. */
export function addressKey(ip: string | null): string | null {
  if (ip === null || isIP(ip) !== 6) return ip;
  return `${ipv6Prefix(ip, IPV6_SUBNET_BITS)}/${IPV6_SUBNET_BITS}`;
}

/** How much of the client's address PostHog gets (POSTHOG_CLIENT_IP): its network only, all of it, or nothing. */
export type ClientIpDisclosure = 'truncated' | 'full' | 'none';

/** The prefix length an IPv6 address is cut to for PostHog: a site's /48 still resolves country and region. */
const IPV6_DISCLOSED_BITS = 48;

/** `ip` with the bits past `bits` zeroed, in canonical form. */
function ipv6Prefix(ip: string, bits: number): string {
  const groups = ipv6Groups(ip).map((g, i) => {
    const keep = Math.min(16, Math.max(0, bits - i * 16));
    return (g & ((0xffff << (16 - keep)) & 0xffff)).toString(16);
  });
  return new SocketAddress({ address: groups.join(':'), family: 'ipv6' }).address;
}

/**
 * What a canonical client address becomes before it leaves Orbit for PostHog: `truncated` zeroes the host part
 * (IPv4 last octet, IPv6 past the /48), `full` keeps it, `none` (or no address) gives null.
 */
export function disclosedIp(ip: string | null, disclosure: ClientIpDisclosure): string | null {
  if (ip === null || disclosure === 'none') return null;
  const canonical = canonicalIp(ip);
  if (canonical === null || disclosure === 'full') return canonical;
  if (isIP(canonical) === 4) return canonical.replace(/\.\d+$/, '.0');
  return ipv6Prefix(canonical, IPV6_DISCLOSED_BITS);
}

/**
 * A copy of `headers` for Better Auth: the client's own CLIENT_IP_HEADER removed, the derived address set when
 * there is one. Better Auth reads only that header, so its limits and session records use the same derivation.
 */
export function withClientIp(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete(CLIENT_IP_HEADER);
  const ip = clientIp(headers);
  if (ip) copy.set(CLIENT_IP_HEADER, ip);
  return copy;
}
