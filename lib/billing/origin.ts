// The origin Orbit is reachable at, for absolute redirect URLs and the local provider's webhook self-POST.
import 'server-only';
import { env } from '@/lib/env';

/**
 * APP_URL when configured (always set it in production: the Host header is client-controlled); otherwise the
 * request's own host and scheme, which in development and tests is a loopback address.
 */
export function appOrigin(headers: Headers): string {
  if (env.APP_URL) return new URL(env.APP_URL).origin;
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  if (!host) throw new Error('Cannot derive the app origin: set APP_URL');
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  return new URL(`${proto === 'https' ? 'https' : 'http'}://${host}`).origin;
}
