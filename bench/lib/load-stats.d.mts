// Types for load-stats.mjs (plain ESM so the benchmark needs no build step; typed for the unit test).
export function countEvents(seen: Set<string>, events: unknown[]): { added: number; duplicates: number; withoutUuid: number };
export function eventBalance(o: { captured: number; received: number; duplicates: number; withoutUuid?: number }): {
  captured: number;
  received: number;
  duplicates: number;
  withoutUuid: number;
  lost: number;
  extra: number;
};
export function latencyTable(samples: Array<{ step: string; ms: number }>): Array<{ step: string; n: number; p50: number; p99: number; max: number }>;
export function applySetCookies(jar: Map<string, string>, setCookies: string[]): Map<string, string>;
export function cookieHeader(jar: Map<string, string>): string;
export function clientAddress(n: number): string;
export function rssLine(samples: Array<{ t: number; bytes: number }>): string;
