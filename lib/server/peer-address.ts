// The address of the TCP peer that sent a request, for a deployment with no proxy in front (TRUSTED_PROXY_HOPS=0).
// Next does not hand the socket to route handlers or server actions, and `next start` copies the socket address
// into X-Forwarded-For only when the client sent none, so that header is the client's to choose. Instead, the
// Node server stamps every request with its socket address in PEER_HEADER (request-hook.ts), overwriting whatever
// the client sent, together with a random per-process token: a header that does not carry this process's token
// (sent by a client to a server where the stamp is not installed) is ignored, so the value cannot be forged.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const PEER_HEADER = 'x-orbit-peer';
// On globalThis: instrumentation.ts and the route bundles are separate module graphs in one process.
const TOKEN = Symbol.for('orbit.peer-address-token');
type WithToken = typeof globalThis & { [TOKEN]?: Buffer };

/** Sets PEER_HEADER = "<token> <socket address>" on an incoming request (request-hook.ts, Node runtime only). */
export function stampPeerAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>): void {
  // The token exists once a request was stamped: before that, no header can carry it.
  const token = ((globalThis as WithToken)[TOKEN] ??= randomBytes(16));
  req.headers[PEER_HEADER] = `${token.toString('hex')} ${req.socket?.remoteAddress ?? ''}`;
}

/** The stamped socket address, or null when the header is absent or was not written by this process. */
export function peerAddress(headers: Headers): string | null {
  const token = (globalThis as WithToken)[TOKEN];
  const value = headers.get(PEER_HEADER);
  if (!token || !value) return null;
  const [hex = '', address = ''] = value.split(' ');
  const given = Buffer.from(hex, 'hex');
  if (given.length !== token.length || !timingSafeEqual(given, token)) return null;
  return address || null;
}
