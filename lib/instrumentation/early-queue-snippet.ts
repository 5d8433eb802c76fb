// The inline <head> script: the only code that runs before the bundles, so the only place that sees errors thrown
// while they load. It creates window.__orbit, remembers the landing URL and referrer, and queues errors (with the
// real Error object, so the stack survives) until Sentry is loaded (window.__orbit.s), then stays silent.
// Plain ES5, hand-minified: this string is sent in every HTML response.
import type { OrbitBootstrap } from './orbit-global';

export const EARLY_QUEUE_SNIPPET =
  "(function(w){var o=w.__orbit=w.__orbit||{q:[],u:location.href};o.r=document.referrer;" +
  "function p(x){if(!o.s&&o.q.length<300){x.t=Date.now();x.u=location.href;o.q.push(x)}}" +
  "w.addEventListener('error',function(e){p({k:'err',e:e.error,m:e.message,f:e.filename,l:e.lineno,c:e.colno})});" +
  "w.addEventListener('unhandledrejection',function(e){p({k:'rej',e:e.reason})})})(window)";

/** JSON that is safe inside an inline <script>: no `</script>`, no HTML comment, no line separators. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The snippet plus the server's bootstrap data for the lazy SDK loader. */
export function headScript(bootstrap: OrbitBootstrap): string {
  return `${EARLY_QUEUE_SNIPPET};window.__orbit.b=${inlineJson(bootstrap)}`;
}
