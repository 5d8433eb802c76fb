// The catalog's contract: one naming rule, no personal data in any schema, a valid example per event, strict
// schemas, a doc that matches the code, and a module graph the browser can load.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  catalog,
  EVENT_NAME_PATTERN,
  EVENT_NAMES,
  eventScope,
  eventsInFunnel,
  FORBIDDEN_PROPERTY_WORDS,
  isEventName,
  POSTHOG_EVENTS,
  type EventDefinition,
  type EventName,
  type EventProperties,
  type EventScope,
} from './catalog';
import { EVENT_CATALOG_DOC_PATH, eventJsonSchema, renderEventCatalogDoc, type JsonSchema as Node } from './catalog-doc';

/** Every property key of a JSON Schema, at any depth, with its dotted path. */
function propertyKeys(node: Node, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    keys.push(`${prefix}${key}`, ...propertyKeys(child, `${prefix}${key}.`));
  }
  if (node.items) keys.push(...propertyKeys(node.items, prefix));
  for (const option of node.anyOf ?? []) keys.push(...propertyKeys(option, prefix));
  return keys;
}

/** Words of a key: snake_case and camelCase split, lowercased. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function forbiddenKeys(schema: z.ZodType): string[] {
  const words: readonly string[] = FORBIDDEN_PROPERTY_WORDS;
  return propertyKeys(z.toJSONSchema(schema, { io: 'input' }) as Node).filter((key) =>
    keyWords(key.split('.').at(-1) ?? '').some((word) => words.includes(word)),
  );
}

/** String schemas anywhere in the tree that accept arbitrary text (no enum, const or pattern). */
function freeTextStrings(node: Node, at = '(root)'): string[] {
  const found: string[] = [];
  if (node.type === 'string' && node.enum === undefined && node.const === undefined && node.pattern === undefined) found.push(at);
  for (const [key, child] of Object.entries(node.properties ?? {})) found.push(...freeTextStrings(child, key));
  if (node.items) found.push(...freeTextStrings(node.items, `${at}[]`));
  for (const option of node.anyOf ?? []) found.push(...freeTextStrings(option, at));
  return found;
}

const entries = EVENT_NAMES.map((name) => [name, catalog[name] as EventDefinition] as const);

describe('naming rule', () => {
  it('the pattern accepts scope.action snake words and nothing else', () => {
    for (const good of ['marketing.cta_clicked', 'onboarding.step_viewed', 'checkout.started', 'api.rate_limited']) {
      expect(good).toMatch(EVENT_NAME_PATTERN);
    }
    for (const bad of ['Checkout.started', 'checkout', 'checkout.Started', 'checkout-started', 'billing.checkout.start', 'auth.signed__up', '$pageview', 'task.created_', 'task.created2']) {
      expect(bad).not.toMatch(EVENT_NAME_PATTERN);
    }
  });

  it.each(EVENT_NAMES)('%s follows scope.action in lowercase snake words', (name) => {
    expect(name).toMatch(EVENT_NAME_PATTERN);
    expect(eventScope(name)).toBe(name.split('.')[0]);
  });

  it("PostHog's own events keep their $ names and stay out of the catalog", () => {
    for (const name of Object.keys(POSTHOG_EVENTS)) {
      expect(name.startsWith('$')).toBe(true);
      expect(isEventName(name)).toBe(false);
    }
    expect(Object.keys(POSTHOG_EVENTS)).toEqual(
      expect.arrayContaining(['$pageview', '$pageleave', '$autocapture', '$identify', '$groupidentify', '$exception', '$feature_flag_called', '$snapshot', '$web_vitals']),
    );
  });

  it('covers the events both analytics issues ask for', () => {
    const required = [
      'marketing.visit_landing', 'marketing.cta_clicked',
      'auth.signup_started', 'auth.signed_up', 'auth.logged_in', 'auth.logged_out',
      'onboarding.step_viewed', 'onboarding.step_completed', 'onboarding.step_skipped', 'onboarding.completed',
      'workspace.created', 'workspace.renamed', 'project.created', 'project.deleted',
      'task.created', 'task.completed', 'task.reopened', 'task.deleted', 'invite.sent', 'settings.profile_updated',
      'pricing.plan_selected', 'pricing.experiment_viewed', 'checkout.started', 'checkout.completed', 'checkout.failed',
      'subscription.updated', 'subscription.canceled', 'api.request', 'api.rate_limited', 'api.error', 'client.error_shown',
    ];
    expect(EVENT_NAMES).toEqual(expect.arrayContaining(required));
  });
});

describe('privacy', () => {
  it('the key scan catches personal data at any depth (the scanner itself works)', () => {
    const leaky = z.strictObject({
      user_email: z.string(),
      nested: z.strictObject({ password: z.string(), cardNumber: z.string() }),
      items: z.array(z.strictObject({ client_ip: z.string() })),
      access_token: z.string().optional(),
      description: z.string(),
      ship_to: z.string(),
    });
    expect(forbiddenKeys(leaky).sort()).toEqual(['access_token', 'items.client_ip', 'nested.cardNumber', 'nested.password', 'user_email']);
  });

  it.each(entries)('%s has no email, password, card, IP, token or phone key', (_name, def) => {
    expect(forbiddenKeys(def.schema)).toEqual([]);
  });

  it.each(entries)('%s has snake_case property keys only', (name) => {
    for (const key of propertyKeys(eventJsonSchema(name))) expect(key.split('.').at(-1)).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it.each(entries)('%s has no free-text string (every string is an enum or a pattern)', (name) => {
    expect(freeTextStrings(eventJsonSchema(name))).toEqual([]);
  });

  // Whatever a property is meant for, none accepts an address, a card number or an IP as its value.
  const probes = ['jane.doe@example.com', '4242424242424242', '4242 4242 4242 4242', '203.0.113.7', '2001:db8::1'];
  it.each(entries)('%s rejects an email, card number or IP in every property', (name, def) => {
    for (const key of Object.keys(def.schema.shape)) {
      for (const probe of probes) {
        expect(def.schema.safeParse({ ...def.example, [key]: probe }).success, `${name}.${key} accepted ${probe}`).toBe(false);
      }
    }
  });
});

describe('schemas and examples', () => {
  it.each(entries)('%s: its example is valid', (_name, def) => {
    const parsed = def.schema.safeParse(def.example);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it.each(entries)('%s: unknown keys are rejected (strict object)', (_name, def) => {
    const parsed = def.schema.safeParse({ ...def.example, unexpected_key: 'x' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it.each(entries)('%s: has a one-line description and known metadata', (_name, def) => {
    expect(def.description).toMatch(/^\S.*\.$/);
    expect(def.description).not.toContain('\n');
    expect(['growth', 'product', 'billing', 'platform']).toContain(def.owner);
    expect(['web', 'server', 'both']).toContain(def.emittedFrom);
  });

  it.each(entries)('%s: every property is documented with .describe()', (name) => {
    const schema = eventJsonSchema(name);
    for (const [key, prop] of Object.entries(schema.properties ?? {})) expect(prop.description, `${name}.${key}`).toBeTruthy();
  });

  it('funnel tags select the events of each funnel', () => {
    expect(eventsInFunnel('checkout')).toEqual(expect.arrayContaining(['pricing.plan_selected', 'checkout.started', 'checkout.completed', 'checkout.failed']));
    expect(eventsInFunnel('onboarding')).toEqual(expect.arrayContaining(['onboarding.step_viewed', 'onboarding.completed']));
    expect(eventsInFunnel('onboarding')).not.toContain('checkout.started');
  });

  it('properties match what the app has: plans, job roles, flags, CTA ids', () => {
    const parse = <N extends EventName>(name: N, props: unknown) => (catalog[name] as EventDefinition).schema.safeParse(props).success;
    expect(parse('checkout.started', { ...catalog['checkout.started'].example, plan: 'free' })).toBe(false);
    expect(parse('pricing.plan_selected', { ...catalog['pricing.plan_selected'].example, plan: 'free' })).toBe(true);
    expect(parse('onboarding.step_completed', { step: 'profile', job_role: 'founder' })).toBe(true);
    expect(parse('onboarding.step_completed', { step: 'profile', job_role: 'astronaut' })).toBe(false);
    expect(parse('onboarding.step_skipped', { step: 'workspace' })).toBe(false);
    expect(parse('pricing.experiment_viewed', { flag_key: 'no-such-flag', variant: 'test' })).toBe(false);
    expect(parse('marketing.cta_clicked', { cta_id: 'pricing_create_workspace', path: '/pricing' })).toBe(true);
    expect(parse('marketing.cta_clicked', { cta_id: 'made_up_cta', path: '/pricing' })).toBe(false);
  });

  it('the CTA ids in the catalog are the ones the marketing components render', () => {
    const root = path.resolve(__dirname, '../..');
    const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
    const literal = [...['hero.tsx', 'pricing-teaser.tsx', 'plan-card.tsx'].flatMap((f) => [...read(`components/marketing/${f}`).matchAll(/data-cta-id="([a-z_]+)"/g)].map((m) => m[1]))];
    const sources = [...['app/(marketing)/page.tsx', 'app/(marketing)/pricing/page.tsx'].flatMap((f) => [...read(f).matchAll(/<CtaBand source="([a-z_]+)"/g)].map((m) => m[1]))];
    const band = sources.flatMap((s) => [`${s}_dashboard`, `${s}_create_workspace`]);
    expect([...catalog['marketing.cta_clicked'].schema.shape.cta_id.options].sort()).toEqual([...literal, ...band].sort());
  });

  it('every exemption from the end-to-end coverage scan gives its reason and the test that proves the event instead', () => {
    for (const [name, def] of entries) {
      if (def.notEmittedInE2E === undefined) continue;
      expect(def.notEmittedInE2E.length, name).toBeGreaterThan(40);
      const proof = /\b((?:lib|e2e|app)\/[\w./[\]-]+\.test\.ts|e2e\/[\w.-]+\.ts)\b/.exec(def.notEmittedInE2E)?.[1];
      expect(proof, `${name}: name the test file that proves it is sent`).toBeDefined();
      expect(existsSync(path.resolve(__dirname, '../..', proof!)), `${name}: ${proof} does not exist`).toBe(true);
    }
  });

  it('types are derived from the schemas', () => {
    expectTypeOf<EventProperties<'checkout.started'>['plan']>().toEqualTypeOf<'pro' | 'team'>();
    expectTypeOf<EventProperties<'onboarding.step_viewed'>>().toEqualTypeOf<{ step: 'profile' | 'workspace' | 'project' }>();
    expectTypeOf<EventScope>().toEqualTypeOf<
      'marketing' | 'auth' | 'onboarding' | 'workspace' | 'project' | 'task' | 'invite' | 'settings' | 'pricing' | 'checkout' | 'subscription' | 'api' | 'webhook' | 'analytics' | 'flags' | 'client'
    >();
    // @ts-expect-error: a key outside the schema is a type error at the call site…
    const leaky: EventProperties<'invite.sent'> = { invite_id: 'inv_Qw2eR4tY6uI8oP0aS2dF', workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1', role: 'member', email: 'x' };
    // …and the schema refuses it where types do not reach (values built at run time).
    expect(catalog['invite.sent'].schema.safeParse(leaky).success).toBe(false);
    const { email: _email, ...withoutEmail } = leaky as typeof leaky & { email?: string };
    expect(catalog['invite.sent'].schema.safeParse(withoutEmail).success).toBe(true);
  });
});

describe('docs/event-catalog.md', () => {
  it('is up to date with the catalog', () => {
    const committed = readFileSync(path.resolve(__dirname, '../..', EVENT_CATALOG_DOC_PATH), 'utf8');
    expect(committed === renderEventCatalogDoc(), `${EVENT_CATALOG_DOC_PATH} is stale: run \`npm run analytics:catalog\` and commit the result`).toBe(true);
  });

  it('shows every event, its properties and its example', () => {
    const doc = renderEventCatalogDoc();
    for (const [name, def] of entries) {
      expect(doc).toContain(`### \`${name}\``);
      for (const key of Object.keys(def.schema.shape)) expect(doc).toContain(`| \`${key}\` |`);
      expect(doc).toContain(JSON.stringify(def.example, null, 2));
    }
    for (const name of Object.keys(POSTHOG_EVENTS)) expect(doc).toContain(`| \`${name}\` |`);
  });
});

describe('browser safety', () => {
  it('validate.ts bundles for the browser without server-only, Node built-ins or Drizzle', async () => {
    const root = path.resolve(__dirname, '../..');
    const result = await build({
      entryPoints: [path.join(__dirname, 'validate.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
      alias: { '@': root },
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((file) => /server-only|drizzle-orm|lib\/db\/(index|ids)|node:|better-auth|next\//.test(file))).toEqual([]);
    expect(inputs.filter((file) => !file.includes('node_modules')).sort()).toEqual([
      'lib/analytics/catalog.ts',
      'lib/analytics/validate.ts',
      'lib/analytics/zod-browser.ts',
      'lib/billing/plans.ts',
      'lib/db/schema/enums.ts',
      'lib/flags/definitions.ts',
      'lib/onboarding/steps.ts',
      'lib/server/errors.ts',
    ]);
  });
});
