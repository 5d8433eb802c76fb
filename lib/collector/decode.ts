// Byte-level decoding shared by the PostHog and Sentry ingest: gzip / deflate with a bound on the inflated size
// (a small gzip bomb must not fill memory), strict UTF-8, JSON with a reason on failure.
import 'server-only';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { env } from '@/lib/env';
import { badRequest, CollectorError } from './http';

/** Inflated bodies may be this many times INBOX_MAX_BODY_BYTES (JSON compresses ~10×). */
const INFLATE_FACTOR = 10;

export const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
/** zlib header: CMF 0x78 and a valid FCHECK. */
export const isZlib = (b: Uint8Array) => b.length >= 2 && b[0] === 0x78 && ((b[0] << 8) | b[1]!) % 31 === 0;

export function inflate(bytes: Uint8Array, encoding: 'gzip' | 'deflate' | 'br', what = 'body'): Uint8Array {
  const maxOutputLength = env.INBOX_MAX_BODY_BYTES * INFLATE_FACTOR;
  try {
    if (encoding === 'br') return brotliDecompressSync(bytes, { maxOutputLength });
    if (encoding === 'gzip') return gunzipSync(bytes, { maxOutputLength });
    // HTTP "deflate" is zlib-wrapped, but some clients send raw deflate.
    return isZlib(bytes) ? inflateSync(bytes, { maxOutputLength }) : inflateRawSync(bytes, { maxOutputLength });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new CollectorError('payload_too_large', `The decompressed ${what} is larger than ${maxOutputLength} bytes.`);
    }
    throw badRequest(`The ${what} is not valid ${encoding} data.`);
  }
}

/** Applies Content-Encoding, and gunzips bodies that are gzip whatever their headers say (posthog-js gzip-js). */
export function decodeContentEncoding(bytes: Uint8Array, contentEncoding: string | null): Uint8Array {
  const enc = (contentEncoding ?? '').trim().toLowerCase();
  if (enc === 'gzip' || enc === 'x-gzip') return inflate(bytes, 'gzip');
  if (enc === 'deflate') return inflate(bytes, 'deflate');
  if (enc === 'br') return inflate(bytes, 'br');
  if (enc && enc !== 'identity') throw new CollectorError('unsupported_media_type', `Unsupported Content-Encoding: ${enc}.`);
  return isGzip(bytes) ? inflate(bytes, 'gzip') : bytes;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function toText(bytes: Uint8Array, what = 'body'): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw badRequest(`The ${what} is not valid UTF-8 (wrong compression flag?).`);
  }
}

export function parseJson(text: string, what = 'body'): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`The ${what} is not valid JSON: ${(error as Error).message}`);
  }
}

export const toBase64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
