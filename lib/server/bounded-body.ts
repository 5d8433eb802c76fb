// The one way a request body is read on the server: streamed with a byte limit, refused as soon as the
// Content-Length or the bytes received pass it, so an oversized body is never buffered, parsed or verified.
// Past the limit it throws the 413 every caller answers as it is (an AppError): the REST API, Better Auth's
// endpoints, the billing webhook, the collector and the relays.
import 'server-only';
import { AppError } from './errors';

/** JSON bodies of the REST API (`defineRoute`). */
export const API_MAX_BODY_BYTES = 1024 * 1024;
/** Better Auth's endpoints (/api/auth/*): an email, a password of at most 128 characters, a name. */
export const AUTH_MAX_BODY_BYTES = 64 * 1024;
/** Stripe webhook events (Stripe's own payloads are a few KiB; a full invoice stays far below this). */
export const WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

/** 413 `payload_too_large`; `setting` names the variable that sets the limit, when one does. */
export class BodyTooLargeError extends AppError {
  constructor(
    readonly limit: number,
    setting?: string,
  ) {
    super('payload_too_large', `The request body is larger than ${limit} bytes${setting ? ` (${setting})` : ''}.`);
  }
}

/**
 * The body as bytes, at most `limit` of them; throws BodyTooLargeError past it (the rest is never read). `setting`
 * names the variable that sets `limit` in the error message.
 */
export async function readBoundedBody(req: Request, limit: number, setting?: string): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await req.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limit, setting);
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit, setting);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

const utf8 = new TextDecoder('utf-8');

/** The body as text (UTF-8, invalid bytes replaced like `Request.text()`), at most `limit` bytes of it. */
export async function readBoundedText(req: Request, limit: number): Promise<string> {
  return utf8.decode(await readBoundedBody(req, limit));
}
