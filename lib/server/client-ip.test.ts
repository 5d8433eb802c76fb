// Which address a request is counted under, for each number of trusted proxy hops.
import { describe, expect, it } from 'vitest';
import { addressKey, canonicalIp, CLIENT_IP_HEADER, clientIp, disclosedIp, IPV6_SUBNET_BITS, withClientIp } from './client-ip';

const h = (init: Record<string, string>) => new Headers(init);

describe('clientIp', () => {
  it('trusts no header at all without a proxy (0 hops)', () => {
    expect(clientIp(h({ 'x-forwarded-for': '203.0.113.1' }), 0)).toBeNull();
    expect(clientIp(h({ 'x-real-ip': '203.0.113.1', forwarded: 'for=203.0.113.1', 'cf-connecting-ip': '203.0.113.1' }), 0)).toBeNull();
  });

  it('takes the Nth address from the right of X-Forwarded-For behind N proxies', () => {
    const chain = h({ 'x-forwarded-for': '10.0.0.1, 203.0.113.9, 198.51.100.4, 192.0.2.7' });
    expect(clientIp(chain, 1)).toBe('192.0.2.7');
    expect(clientIp(chain, 2)).toBe('198.51.100.4');
    expect(clientIp(chain, 3)).toBe('203.0.113.9');
  });

  it('ignores everything the client wrote left of the proxies and every other header', () => {
    expect(clientIp(h({ 'x-forwarded-for': 'forged, 1.2.3.4, 198.51.100.4', 'x-real-ip': '1.1.1.1' }), 1)).toBe('198.51.100.4');
    expect(clientIp(h({ 'x-real-ip': '1.1.1.1', 'true-client-ip': '1.1.1.2' }), 1)).toBeNull();
  });

  it('returns null for a chain shorter than the hops or an entry that is not an address', () => {
    expect(clientIp(h({ 'x-forwarded-for': '198.51.100.4' }), 2)).toBeNull();
    expect(clientIp(h({ 'x-forwarded-for': '198.51.100.4, unknown' }), 1)).toBeNull();
    expect(clientIp(h({ 'x-forwarded-for': ' , ' }), 1)).toBeNull();
  });

  it('normalises IPv6 case and IPv4-mapped addresses', () => {
    expect(clientIp(h({ 'x-forwarded-for': '2001:DB8::1' }), 1)).toBe('2001:db8::1');
    expect(clientIp(h({ 'x-forwarded-for': '::ffff:192.0.2.7' }), 1)).toBe('192.0.2.7');
  });

  it('gives every spelling of one address the same canonical form', () => {
    const spellings = {
      '198.51.100.7': ['198.51.100.7', '::ffff:c633:6407', '::FFFF:C633:6407', '0:0:0:0:0:ffff:198.51.100.7', '0000:0000:0000:0000:0000:ffff:c633:6407', '::ffff:198.51.100.7'],
      '2001:db8::1': ['2001:db8::1', '2001:0db8:0000:0000:0000:0000:0000:0001', '2001:DB8:0:0:0:0:0:1', '2001:db8:0::0:1'],
      'fe80::1': ['fe80::1%eth0'],
    };
    for (const [canonical, forms] of Object.entries(spellings)) {
      for (const form of forms) expect(canonicalIp(form), form).toBe(canonical);
    }
    expect(canonicalIp('2001:db8::g')).toBeNull();
    expect(canonicalIp('198.51.100.256')).toBeNull();
  });
});

describe('addressKey (what every per-address limit counts)', () => {
  it('is the IPv4 address itself', () => {
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey(canonicalIp('::ffff:c633:6407'))).toBe('198.51.100.7');
  });

  it('is the /64 of an IPv6 address, so rotating inside one subscriber’s prefix buys nothing', () => {
    const inside = ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0db8:0001:0002:abcd:0000:0000:0007'];
    for (const ip of inside) expect(addressKey(canonicalIp(ip)), ip).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(addressKey('::1')).toBe('::/64');
    expect(addressKey(null)).toBeNull();
  });

  it('matches the prefix Better Auth keys its own limits on (advanced.ipAddress.ipv6Subnet)', () => {
    expect(IPV6_SUBNET_BITS).toBe(64);
  });
});

describe('withClientIp', () => {
  it("drops the client's own copy of the header Better Auth reads and sets the derived address", () => {
    const forged = h({ [CLIENT_IP_HEADER]: '6.6.6.6', 'x-forwarded-for': 'forged, 198.51.100.4' });
    expect(withClientIp(forged).get(CLIENT_IP_HEADER)).toBe('198.51.100.4'); // suite default: 1 hop
    expect(withClientIp(h({ [CLIENT_IP_HEADER]: '6.6.6.6' })).get(CLIENT_IP_HEADER)).toBeNull();
  });
});

describe('the socket address of a direct deployment (0 hops)', () => {
  it('is the stamped TCP peer, whatever forwarding headers the client sends, and a forged stamp counts for nothing', async () => {
    const { createServer, Server } = await import('node:http');
    const { PEER_HEADER } = await import('./peer-address');
    const { installRequestHook } = await import('./request-hook');
    installRequestHook(Server);
    const seen: Array<string | null> = [];
    const server = createServer((req, res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      seen.push(clientIp(headers, 0));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-forwarded-for': '203.0.113.1', 'x-real-ip': '203.0.113.2' } });
      await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: `${'00'.repeat(16)} 203.0.113.3` } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual(['127.0.0.1', '127.0.0.1']);
    // A request that never passed through a stamped server: the forged header is ignored.
    expect(clientIp(h({ [PEER_HEADER]: `${'00'.repeat(16)} 203.0.113.3` }), 0)).toBeNull();
  });
});

describe('disclosedIp (what PostHog may see, POSTHOG_CLIENT_IP)', () => {
  it('truncated: IPv4 last octet zeroed, IPv6 cut to its /48, any spelling', () => {
    expect(disclosedIp('203.0.113.77', 'truncated')).toBe('203.0.113.0');
    expect(disclosedIp('::ffff:203.0.113.77', 'truncated')).toBe('203.0.113.0');
    expect(disclosedIp('2001:db8:abcd:12:1:2:3:4', 'truncated')).toBe('2001:db8:abcd::');
    expect(disclosedIp('2001:0DB8:ABCD:0012:0000:0000:0000:0001', 'truncated')).toBe('2001:db8:abcd::');
    expect(disclosedIp('::1', 'truncated')).toBe('::');
  });

  it('full: the canonical address; none, no address or not an address: null', () => {
    expect(disclosedIp('203.0.113.77', 'full')).toBe('203.0.113.77');
    expect(disclosedIp('2001:DB8::1', 'full')).toBe('2001:db8::1');
    expect(disclosedIp('203.0.113.77', 'none')).toBeNull();
    expect(disclosedIp(null, 'truncated')).toBeNull();
    expect(disclosedIp('203.0.113.77, 1.2.3.4', 'full')).toBeNull();
  });
});
