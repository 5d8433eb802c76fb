// Types for size-budget.mjs (a plain ESM script run by scripts/test.mjs; typed for its unit test).
export const BUDGET_FILE: string;
export type FirstLoad = { route: string; files: { file: string; bytes: number; gzip: number }[]; bytes: number; gzip: number; checkedAgainstHtml: boolean };
export function firstLoadJs(distDir: string, route?: string): FirstLoad;
export function readBudget(): { route: string; allowanceBytes: number; baselineBareGzipBytes: number; budgetGzipBytes: number };
