// The one hook on every request the Node server receives: it answers a method Orbit does not serve with 405
// (method-guard.ts), a path Next cannot decode with 400 (path-segment.ts) and a page POST from another origin with
// 403 (page-post-guard.ts), stamps the TCP peer address (peer-address.ts) and raises the response's listener limit
// (response-listeners.ts). A single wrapper around
// http.Server's `emit`, installed once per process however often it is asked (instrumentation.ts, tests).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { refuseUnservedMethod } from './method-guard';
import { refuseCrossOriginPagePost } from './page-post-guard';
import { refuseUnroutableRequest } from './path-segment';
import { stampPeerAddress } from './peer-address';
import { raiseListenerLimit } from './response-listeners';

// On globalThis: instrumentation.ts and the route bundles are separate module graphs in one process.
const INSTALLED = Symbol.for('orbit.request-hook');
type WithFlag = typeof globalThis & { [INSTALLED]?: true };
type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/** Node runtime only. Returns false when the hook was already installed (nothing is wrapped twice). */
export function installRequestHook(server: typeof Server): boolean {
  const g = globalThis as WithFlag;
  if (g[INSTALLED]) return false;
  g[INSTALLED] = true;
  const proto = server.prototype as { emit: Emit };
  const emit = proto.emit;
  proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      // Answered here; Next (and the instrumentation it carries) never sees the request.
      if (refuseUnservedMethod(args[0] as IncomingMessage, args[1] as ServerResponse | undefined)) return true;
      if (refuseUnroutableRequest(args[0] as IncomingMessage, args[1] as ServerResponse | undefined)) return true;
      if (refuseCrossOriginPagePost(args[0] as IncomingMessage, args[1] as ServerResponse | undefined)) return true;
      stampPeerAddress(args[0] as IncomingMessage);
      raiseListenerLimit(args[1] as ServerResponse | undefined);
    }
    return emit.call(this, event, ...args);
  };
  return true;
}
