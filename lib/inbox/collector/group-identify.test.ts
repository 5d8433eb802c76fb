// A person's groups from `$groupidentify`, with the real SDKs posting to the collector over loopback HTTP:
// posthog-node's groupIdentify() and the stateful core that posthog-js-lite (and React Native) build group() on.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { PostHogCore, type PostHogFetchOptions, type PostHogFetchResponse, type PostHogPersistedProperty } from '@posthog/core';
import { PostHog } from 'posthog-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingestHandler } from './posthog-endpoints';
import { getPerson, inboxStats } from './query';
import { clearInbox } from './store';

let server: http.Server;
let host = '';

/** The collector's /ingest/* handler behind a real HTTP listener, so the SDKs' own transports do the sending. */
async function forward(req: http.IncomingMessage): Promise<Response> {
  const url = new URL(req.url ?? '/', host);
  const headers = new Headers(Object.entries(req.headers).filter((kv): kv is [string, string] => typeof kv[1] === 'string'));
  const body = await buffer(req);
  const path = url.pathname.split('/').filter(Boolean).slice(1);
  return ingestHandler('POST')(new Request(url, { method: req.method, headers, body }), { path });
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    void forward(req).then(async (response) => res.writeHead(response.status, { 'content-type': 'application/json' }).end(await response.text()));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));
beforeEach(clearInbox);

const node = () => new PostHog('phc_group_test', { host: `${host}/ingest`, flushAt: 1, flushInterval: 0 });

/** posthog-js-lite's shell around the core: memory storage and fetch. */
class LiteClient extends PostHogCore {
  private storage = new Map<string, unknown>();
  constructor() {
    super('phc_group_test', { host: `${host}/ingest`, flushAt: 1, flushInterval: 0, disableCompression: true, preloadFeatureFlags: false, disableRemoteConfig: true });
  }
  fetch(url: string, options: PostHogFetchOptions): Promise<PostHogFetchResponse> {
    return fetch(url, options);
  }
  getLibraryId() {
    return 'posthog-js-lite';
  }
  getLibraryVersion() {
    return 'test';
  }
  getCustomUserAgent() {}
  getPersistedProperty<T>(key: PostHogPersistedProperty): T | undefined {
    return this.storage.get(key) as T | undefined;
  }
  setPersistedProperty<T>(key: PostHogPersistedProperty, value: T | null): void {
    if (value === null) this.storage.delete(key);
    else this.storage.set(key, value);
  }
}

describe('$groupidentify fills the sender’s groups', () => {
  it('posthog-node groupIdentify() with the acting user: the person is in the group, with its properties', async () => {
    const ph = node();
    ph.capture({ distinctId: 'user_group_1', event: 'task_created' });
    ph.groupIdentify({ groupType: 'workspace', groupKey: 'ws_1', properties: { name: 'Acme', plan: 'team' }, distinctId: 'user_group_1' });
    await ph.shutdown();
    const person = await getPerson('user_group_1');
    expect(person?.groups).toEqual({ workspace: 'ws_1' });
    expect(person?.group_properties).toEqual({ workspace: { name: 'Acme', plan: 'team' } });
  });

  it('posthog-js-lite group(): the anonymous sender is in the group before any other event', async () => {
    const lite = new LiteClient();
    lite.group('workspace', 'ws_2', { name: 'Globex' });
    await lite.flush();
    const distinctId = lite.getDistinctId();
    const person = await getPerson(distinctId);
    expect(person?.groups).toEqual({ workspace: 'ws_2' });
    expect(person?.group_properties).toEqual({ workspace: { name: 'Globex' } });
    await lite.shutdown();
  });

  it('without a user (posthog-node’s `$type_key` stand-in id) only the group is stored, no person, like PostHog', async () => {
    const ph = node();
    ph.groupIdentify({ groupType: 'workspace', groupKey: 'ws_3', properties: { name: 'Initech' } });
    await ph.shutdown();
    expect(await inboxStats()).toMatchObject({ persons: 0, groups: 1 });
    expect(await getPerson('$workspace_ws_3')).toMatchObject({ person_id: null, groups: {} });
  });

  it('a personless $groupidentify ($process_person_profile: false) joins no person', async () => {
    const ph = node();
    ph.groupIdentify({ groupType: 'workspace', groupKey: 'ws_4', properties: { name: 'Umbrella' }, distinctId: 'anon_4' });
    ph.capture({ distinctId: 'anon_5', event: '$groupidentify', properties: { $group_type: 'workspace', $group_key: 'ws_4', $process_person_profile: false } });
    await ph.shutdown();
    expect((await getPerson('anon_4'))?.groups).toEqual({ workspace: 'ws_4' });
    expect(await getPerson('anon_5')).toMatchObject({ person_id: null, groups: {} });
  });
});
