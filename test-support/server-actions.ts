// Calling Orbit's server actions over HTTP, the way React's client does from the page: a POST to the page with a
// `Next-Action` header (the action's id from the build's server-reference-manifest.json) and the arguments in React's
// reply encoding. Used where a test or the load benchmark needs a step done without driving its form in a browser.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A server action by the file that defines it and its export name. */
export type ActionRef = { file: string; name: string };

/**
 * The body of a server action call as React's client sends it (`encodeReply([null, formData])` from
 * react-server-dom-webpack): part `0` is the argument list with the FormData as reference `$K1`, the FormData's
 * fields follow as `_1_<name>`. Orbit's form actions take `(previousState, formData)`.
 */
export function actionBody(fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  body.append('0', JSON.stringify([null, '$K1']));
  return body;
}

type Manifest = { node?: Record<string, { exportedName?: string; filename?: string }> };

/** The ids of `actions` in the build in `distDir` (relative to `root`); throws naming any action it lacks. */
export function actionIds<K extends string>(root: string, distDir: string, actions: Record<K, ActionRef>): Record<K, string> {
  const file = path.join(root, distDir, 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  const ids = {} as Record<K, string>;
  for (const [key, want] of Object.entries(actions) as [K, ActionRef][]) {
    const hit = Object.entries(manifest.node ?? {}).find(([, a]) => a.exportedName === want.name && a.filename === want.file);
    if (!hit) throw new Error(`server action ${want.name} (${want.file}) not in ${path.relative(root, file)}`);
    ids[key] = hit[0];
  }
  return ids;
}

/** The path a redirecting server action sends the browser to, from its `x-action-redirect` header (`path;type`). */
export function actionRedirect(header: string | null | undefined): string | null {
  return (header ?? '').split(';')[0] || null;
}
