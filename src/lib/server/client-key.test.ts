import { describe, expect, it } from 'vitest';
import { clientKeyOf, parseTrustedProxies, trustedProxiesFromEnv } from './client-key.ts';

const headers = (forwarded?: string) => new Headers(forwarded === undefined ? {} : { 'X-Forwarded-For': forwarded });

describe('client keys behind trusted proxies', () => {
  const trusted = parseTrustedProxies('10.0.0.0/8, 192.0.2.7 fd00::/8');

  it('uses the connecting address when there are no trusted proxies, whatever X-Forwarded-For says', () => {
    expect(clientKeyOf(headers('1.2.3.4'), '203.0.113.9', undefined)).toBe('203.0.113.9');
    expect(clientKeyOf(headers('1.2.3.4'), '203.0.113.9', trusted)).toBe('203.0.113.9');
  });

  it('takes the rightmost address no trusted proxy added, so the client’s own entries do not count', () => {
    expect(clientKeyOf(headers('6.6.6.6, 203.0.113.9, 10.0.0.2'), '10.0.0.1', trusted)).toBe('203.0.113.9');
    expect(clientKeyOf(headers('7.7.7.7, 203.0.113.9, 10.0.0.2'), '10.0.0.1', trusted)).toBe('203.0.113.9');
    expect(clientKeyOf(headers('203.0.113.9'), '::ffff:192.0.2.7', trusted)).toBe('203.0.113.9');
    expect(clientKeyOf(headers('2001:db8::1, fd00::5'), 'fd00::1', trusted)).toBe('2001:db8::1');
  });

  it('falls back sensibly when every hop is ours or there is no header', () => {
    expect(clientKeyOf(headers('10.0.0.9, 10.0.0.2'), '10.0.0.1', trusted)).toBe('10.0.0.9');
    expect(clientKeyOf(headers(), '10.0.0.1', trusted)).toBe('10.0.0.1');
    expect(clientKeyOf(headers(), undefined, undefined)).toBe('unknown');
  });

  it('refuses the old setting and lists it cannot read, naming the fix', () => {
    expect(() => trustedProxiesFromEnv({ TASKFRONT_TRUST_PROXY: '1' })).toThrow(/Set TASKFRONT_TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow('"10.0.0.0/33" is not an address or a CIDR range');
    expect(() => parseTrustedProxies('proxy.internal')).toThrow('"proxy.internal" is not an address');
    expect(trustedProxiesFromEnv({})).toBeUndefined();
  });
});
