import { describe, expect, it } from 'vitest';
import { cacheControlForStatic, securityHeaders, withCharset } from './headers.ts';
import { pageKey, parsePageCsp } from './page-csp.ts';
import { serverSettingsFromEnv } from './server-config.ts';

describe('securityHeaders', () => {
  it('sends HSTS only over HTTPS', () => {
    expect(securityHeaders({ https: false })).not.toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders({ https: true })['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('withCharset', () => {
  it.each([
    ['text/html', 'text/html; charset=utf-8'],
    ['text/css', 'text/css; charset=utf-8'],
    ['application/json', 'application/json; charset=utf-8'],
    ['image/svg+xml', 'image/svg+xml; charset=utf-8'],
    ['application/manifest+json', 'application/manifest+json; charset=utf-8'],
    ['text/csv; header=present', 'text/csv; header=present; charset=utf-8'],
    ['text/html;charset=utf-8', 'text/html;charset=utf-8'],
    ['image/png', 'image/png'],
    ['font/woff2', 'font/woff2'],
  ])('%s → %s', (type, expected) => {
    // An it.each table, alike in shape to the slug and date tables in other tests: one row a case.
    expect(withCharset(type)).toBe(expected);
  });
});

describe('cacheControlForStatic', () => {
  it('makes hashed assets immutable and everything else revalidate', () => {
    expect(cacheControlForStatic('/_astro/BaseLayout.abc123.css')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlForStatic('/report-a-pothole')).toBe('no-cache');
    expect(cacheControlForStatic('/search-index.json')).toBe('no-cache');
  });
});

describe('page policies from _headers.json', () => {
  const csp = parsePageCsp([
    { pathname: '/', headers: [{ key: 'Content-Security-Policy', value: 'home' }] },
    { pathname: '/browse', headers: [{ key: 'Content-Security-Policy', value: 'browse' }] },
    { pathname: '/browse/housing', headers: [{ key: 'X-Other', value: 'x' }] },
  ]);

  it('finds a page by any of its addresses', () => {
    expect(csp.forPath('/')).toBe('home');
    expect(csp.forPath('/index.html')).toBe('home');
    expect(csp.forPath('/browse/index.html')).toBe('browse');
    expect(csp.forPath('/browse.html')).toBe('browse');
    expect(csp.forPath('/browse/housing')).toBeUndefined();
    expect(csp.size).toBe(2);
  });

  it('refuses a file of the wrong shape', () => {
    expect(() => parsePageCsp({})).toThrow(/list/);
    expect(() => parsePageCsp([{ headers: [] }])).toThrow(/pathname/);
  });

  it('keys pages without extensions or trailing slashes', () => {
    expect(pageKey('/x/')).toBe('/x');
    expect(pageKey('/index.html')).toBe('/');
  });
});

describe('serverSettingsFromEnv', () => {
  it('defaults to 10 s for headers and 30 s for the whole request', () => {
    expect(serverSettingsFromEnv({})).toEqual({ headersTimeout: 10, requestTimeout: 30, forceHsts: false });
  });

  it('reads seconds and TASKFRONT_HSTS', () => {
    expect(serverSettingsFromEnv({ TASKFRONT_HEADERS_TIMEOUT: '2.5', TASKFRONT_REQUEST_TIMEOUT: '60', TASKFRONT_HSTS: '1' })).toEqual({ headersTimeout: 2.5, requestTimeout: 60, forceHsts: true });
  });

  it('names the setting and the fix when a value is wrong', () => {
    expect(() => serverSettingsFromEnv({ TASKFRONT_HEADERS_TIMEOUT: '10s' })).toThrow('TASKFRONT_HEADERS_TIMEOUT must be a number of seconds from 0.1 to 300; got "10s"');
    expect(() => serverSettingsFromEnv({ TASKFRONT_REQUEST_TIMEOUT: '0' })).toThrow(/TASKFRONT_REQUEST_TIMEOUT/);
    expect(() => serverSettingsFromEnv({ TASKFRONT_HEADERS_TIMEOUT: '20', TASKFRONT_REQUEST_TIMEOUT: '5' })).toThrow(/must not be shorter/);
    expect(() => serverSettingsFromEnv({ TASKFRONT_HSTS: 'yes' })).toThrow(/TASKFRONT_HSTS must be 1/);
  });
});
