// Route glue for the relays: a RelayError becomes its structured answer; anything unexpected is a 502 (the relay
// failed, never the request), logged, and never thrown into Next.
import 'server-only';
import { RelayError, relayErrorResponse } from './relay';

export function relayRoute(handler: (req: Request) => Promise<Response>, allow: string): (req: Request) => Promise<Response> {
  return async (req) => {
    try {
      return await handler(req);
    } catch (error) {
      if (error instanceof RelayError) return relayErrorResponse(error, error.code === 'method_not_allowed' ? { allow } : undefined);
      console.error('[relay] unexpected error', error);
      return relayErrorResponse(new RelayError('upstream_unreachable', 'The relay failed to handle this request.'));
    }
  };
}
