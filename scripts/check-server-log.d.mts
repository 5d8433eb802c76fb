// Types for check-server-log.mjs (a plain ESM script run by scripts/test.mjs; typed for its unit test).
export const SUSPICIOUS: RegExp;
export type AllowedLine = { pattern: RegExp; reason: string };
export const ALLOWED: AllowedLine[];
export function unexpectedLines(text: string, allowed?: AllowedLine[]): { line: string; count: number }[];
export function checkServerLog(file: string): number;
