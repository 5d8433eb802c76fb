// Every secret the end-to-end tests type (passwords, emails, names, workspace and project names, task titles, card
// numbers, CVCs)
// is appended to one file of
// the run, so the last project (e2e/privacy.scan.ts) can search every payload the collector stored for them.
// Two sources: the flow helpers in e2e/fixtures.ts register what they type, and a listener in every browser
// context registers whatever lands in a sensitive field, so values a spec types by hand are covered too.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';

export type SecretKind = 'password' | 'email' | 'name' | 'workspace' | 'project' | 'task' | 'card' | 'cvc';
export type TypedSecret = { kind: SecretKind; value: string };

const KINDS: readonly SecretKind[] = ['password', 'email', 'name', 'workspace', 'project', 'task', 'card', 'cvc'];

/** The run's registry: beside the shared server's database (ORBIT_E2E_DATA_DIR, chosen by playwright.config.ts). */
function secretsFile(): string | undefined {
  const dir = process.env.ORBIT_E2E_DATA_DIR;
  return dir ? path.join(dir, 'e2e-typed-secrets.jsonl') : undefined;
}

export function registerSecret(kind: SecretKind, value: string): void {
  const file = secretsFile();
  const v = value.trim();
  if (!file || !v) return;
  // One synchronous append per line: safe across workers (O_APPEND), nothing lost when a test fails right after.
  appendFileSync(file, `${JSON.stringify({ kind, value: v })}\n`);
}

export function readSecrets(): TypedSecret[] {
  const file = secretsFile();
  if (!file || !existsSync(file)) return [];
  const seen = new Set<string>();
  const out: TypedSecret[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const parsed = JSON.parse(line) as Partial<TypedSecret>;
    if (typeof parsed.value !== 'string' || !KINDS.includes(parsed.kind as SecretKind)) continue;
    const key = `${parsed.kind}\u0000${parsed.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: parsed.kind as SecretKind, value: parsed.value });
  }
  return out;
}

const BINDING = 'orbitE2eTypedSecret';

/**
 * In every page of the context: when a password, email, name, workspace name, project name or card field changes,
 * its value is registered (Playwright's `fill` fires `change`). Workspace and project names are told by their
 * labels (the UI contract, docs/testing.md). The listener only reads; it changes nothing the app or the SDKs see.
 */
export async function registerTypedFields(context: BrowserContext): Promise<void> {
  await context.exposeBinding(BINDING, (_source, kind: unknown, value: unknown) => {
    if (typeof kind === 'string' && KINDS.includes(kind as SecretKind) && typeof value === 'string') registerSecret(kind as SecretKind, value);
  });
  await context.addInitScript((binding: string) => {
    const kindOf = (el: HTMLInputElement): string | null => {
      const auto = (el.autocomplete || '').toLowerCase();
      const name = (el.name || '').toLowerCase();
      if (el.type === 'password' || /password/.test(auto)) return 'password';
      if (auto === 'cc-number' || /card.?number/.test(name)) return 'card';
      if (auto === 'cc-csc' || /^(cvc|cvv|csc)$/.test(name)) return 'cvc';
      if (el.type === 'email' || auto === 'email') return 'email';
      if (auto === 'name' || auto === 'cc-name') return 'name';
      const label = (el.labels?.[0]?.textContent ?? '').trim().toLowerCase();
      if (label === 'workspace name') return 'workspace';
      if (label === 'project name') return 'project';
      if (label === 'new task') return 'task';
      return null;
    };
    document.addEventListener(
      'change',
      (e) => {
        const el = e.target;
        if (!(el instanceof HTMLInputElement)) return;
        const kind = kindOf(el);
        const report = (window as unknown as Record<string, ((k: string, v: string) => unknown) | undefined>)[binding];
        if (kind && el.value && report) void report(kind, el.value);
      },
      true,
    );
  }, BINDING);
}
