// Prefixed random ids (`prj_…`, `ws_…`): readable in logs and URLs, unguessable.
import { randomBytes } from 'node:crypto';

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
