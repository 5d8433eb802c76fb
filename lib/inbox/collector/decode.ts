// Byte-level decoding shared by the PostHog and Sentry ingest: gzip / deflate / brotli under one decompression
// budget per request, strict UTF-8, JSON with a reason on failure.
import 'server-only';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { env } from '@/lib/env';
import { AppError } from '@/lib/server/errors';
import { badRequest } from './http';

/**
 * How many bytes one request may still inflate to. A request can nest compressed layers (a gzip body carrying
 * base64 gzip carrying gzip'd rrweb data, an envelope carrying zlib replays): each layer draws from the same
 * budget, so the total work is bounded whatever the nesting. Create one per request and pass it down.
 */
export type DecompressionBudget = { readonly limit: number; used: number };

export const decompressionBudget = (limit = env.INBOX_MAX_DECOMPRESSED_BYTES): DecompressionBudget => ({ limit, used: 0 });

const budgetExceeded = (budget: DecompressionBudget, what: string) =>
  new AppError(
    'payload_too_large',
    `Decompressing the ${what} exceeds the request's decompression budget of ${budget.limit} bytes (INBOX_MAX_DECOMPRESSED_BYTES).`,
  );

export const isBudgetExceeded = (error: unknown): error is AppError =>
  error instanceof AppError && error.code === 'payload_too_large';

export const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
/** zlib header: CMF 0x78 and a valid FCHECK. */
export const isZlib = (b: Uint8Array) => b.length >= 2 && b[0] === 0x78 && ((b[0] << 8) | b[1]!) % 31 === 0;

/**
 * Inflates at most what is left of the budget: zlib stops as soon as its output would pass `maxOutputLength`,
 * so a bomb costs the remaining budget at most, never its full size.
 */
export function inflate(
  bytes: Uint8Array,
  encoding: 'gzip' | 'deflate' | 'br',
  budget: DecompressionBudget,
  what = 'body',
): Uint8Array {
  const maxOutputLength = budget.limit - budget.used;
  if (maxOutputLength < 1) throw budgetExceeded(budget, what);
  let out: Uint8Array;
  try {
    if (encoding === 'br') out = brotliDecompressSync(bytes, { maxOutputLength });
    else if (encoding === 'gzip') out = gunzipSync(bytes, { maxOutputLength });
    // HTTP "deflate" is zlib-wrapped, but some clients send raw deflate.
    else out = isZlib(bytes) ? inflateSync(bytes, { maxOutputLength }) : inflateRawSync(bytes, { maxOutputLength });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      budget.used = budget.limit;
      throw budgetExceeded(budget, what);
    }
    throw badRequest(`The ${what} is not valid ${encoding} data.`);
  }
  budget.used += out.byteLength;
  if (budget.used > budget.limit) throw budgetExceeded(budget, what);
  return out;
}

/** Applies Content-Encoding, and gunzips bodies that are gzip whatever their headers say (posthog-js gzip-js). */
export function decodeContentEncoding(
  bytes: Uint8Array,
  contentEncoding: string | null,
  budget: DecompressionBudget,
): Uint8Array {
  const enc = (contentEncoding ?? '').trim().toLowerCase();
  if (enc === 'gzip' || enc === 'x-gzip') return inflate(bytes, 'gzip', budget);
  if (enc === 'deflate') return inflate(bytes, 'deflate', budget);
  if (enc === 'br') return inflate(bytes, 'br', budget);
  if (enc && enc !== 'identity') throw new AppError('unsupported_media_type', `Unsupported Content-Encoding: ${enc}.`);
  return isGzip(bytes) ? inflate(bytes, 'gzip', budget) : bytes;
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
