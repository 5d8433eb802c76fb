// Types for stats.mjs (plain ESM so `npm run bench` needs no build step; typed for the unit test).
export type Summary = { n: number; median: number; min: number; max: number; p25: number; p75: number };
export function quantile(xs: number[], q: number): number;
export function summarize(xs: number[]): Summary;
export function ratio(a: number, b: number): number;
export function totalBlockingTime(tasks: Array<[number, number]>, from: number, to: number): number;
export function timeToInteractive(tasks: Array<[number, number]>, floor: number, quietMs: number): number;
