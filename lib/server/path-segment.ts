// Dynamic path segments are input anyone can send without a session: each is refused at the boundary unless it is
// text Postgres can store and compare. Two layers: the Node request hook (request-hook.ts) answers 400 to a request
// whose raw path cannot be decoded (malformed percent-encoding: overlong `%C0%AE`, surrogate `%ED%A0%80`, truncated
// `%E2%82`) or decodes to NUL, before Next sees it, and every route and page parses its own segments with a schema
// built on `pathSegment`, so a value that reaches it some other way is a 400/404 too.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { badRequest, writeErrorResponse } from './errors';

/** Longest segment any route accepts (ids are far shorter; a distinct id or a session id is client-chosen text). */
const MAX_SEGMENT_LENGTH = 200;

/** Text Postgres text/jsonb can hold and compare: no U+0000 and no lone UTF-16 surrogate. */
export function isStorableText(value: string): boolean {
  // In a `u` regexp a surrogate pair is one code point, so \p{Cs} matches only a lone half.
  return !value.includes('\u0000') && !/\p{Cs}/u.test(value);
}

/**
 * Why a raw (still percent-encoded) request path cannot be routed, or null. Next decodes each segment with
 * decodeURIComponent; a segment that fails to decode would otherwise be a 500 before any route's own validation.
 */
export function unroutablePath(pathname: string): string | null {
  for (const raw of pathname.split('/')) {
    if (!raw.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return 'The request path has a malformed percent-encoding (not UTF-8).';
    }
    if (!isStorableText(decoded)) return 'The request path holds a NUL character.';
  }
  return null;
}

/**
 * Answers `400 { error }` to a request whose path Next would fail to decode into params (it answers 500 then, before
 * any route runs) and returns true; false for any other request. Called by the Node request hook on every request,
 * so it reaches API routes, collectors and files as well as pages, and reads no body (the connection is closed).
 */
export function refuseUnroutableRequest(req: Pick<IncomingMessage, 'url'>, res: ServerResponse | undefined): boolean {
  const reason = unroutablePath((req.url ?? '/').split('?')[0]!);
  if (!reason || !res) return false;
  writeErrorResponse(res, badRequest(reason), { connection: 'close' });
  return true;
}

/** One dynamic segment, decoded: 1–`max` characters of storable text. */
export const pathSegment = (max = MAX_SEGMENT_LENGTH) =>
  z.string().min(1).max(max).refine(isStorableText, 'Must not contain NUL or malformed Unicode.');

/** The id of a product row in a path (`prj_…`, `tsk_…`, `cs_local_…`); an unknown one is a 404 further on. */
export const idSegment = pathSegment(64);

/**
 * Who reads a page's params: Next 16 hands the page component each segment percent-encoded and generateMetadata
 * the same segment decoded (route handlers get theirs decoded too).
 */
export type ParamsReader = 'page' | 'metadata';

/** A page's segment parsed by `schema`, or null (the page answers notFound()); decoded once if the page reads it. */
export function pageSegment<S extends z.ZodType>(schema: S, raw: unknown, reader: ParamsReader = 'page'): z.infer<S> | null {
  if (typeof raw !== 'string') return null;
  let value = raw;
  if (reader === 'page') {
    try {
      value = decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  const result = schema.safeParse(value);
  return result.success ? result.data : null;
}
