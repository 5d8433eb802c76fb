// The caller's address, as far as it can be trusted. Every forwarding header (X-Forwarded-For, X-Real-IP,
// Forwarded…) is written by whoever sends the request, so only the entries appended by the proxies Orbit is told
// about (TRUSTED_PROXY_HOPS) mean anything: with N proxies in front, the client is the Nth address from the right
// of X-Forwarded-For, and everything left of it is the client's own invention.
//
// With no proxy in front (0 hops) the client is the TCP peer: Next's route handlers and server actions do not
// expose the socket, so the Node server stamps it on each request (lib/server/peer-address.ts, through the request
// hook instrumentation.ts installs). Where no stamp exists (another server) the address is unknown (null):
// per-address limits then share one bucket, and the per-account limits (lib/auth/account-limits.ts) do the real work.
import 'server-only';
import { isIP } from 'node:net';
import { env } from '@/lib/env';
import { peerAddress } from './peer-address';

/** The header Orbit sets for Better Auth (advanced.ipAddress.ipAddressHeaders); any client-sent copy is dropped. */
export const CLIENT_IP_HEADER = 'x-orbit-client-ip';

/** The client's address from the trusted proxies' X-Forwarded-For entries, or null when it cannot be trusted. */
export function clientIp(headers: Headers, hops: number = env.TRUSTED_PROXY_HOPS): string | null {
  if (hops < 1) return normalise(peerAddress(headers) ?? '');
  // Several X-Forwarded-For headers arrive joined with ", ", which keeps the right-to-left order intact.
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // A shorter chain did not pass through every proxy (or a proxy is misconfigured): nothing in it is trusted.
  const candidate = chain.length >= hops ? chain[chain.length - hops] : undefined;
  return normalise(candidate ?? '');
}

function normalise(candidate: string): string | null {
  const ip = candidate.toLowerCase().startsWith('::ffff:') && isIP(candidate.slice(7)) === 4 ? candidate.slice(7) : candidate;
  return isIP(ip) ? ip.toLowerCase() : null;
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
