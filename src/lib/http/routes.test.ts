import { describe, expect, it } from 'vitest';
import { allowedMethods, checkRequest, FORM_BODY_BYTES } from './routes.ts';

describe('checkRequest', () => {
  it('lets GET and HEAD through anywhere, without a body limit', () => {
    expect(checkRequest('GET', '/anything', {})).toEqual({ ok: true });
    expect(checkRequest('HEAD', '/api/events', {})).toEqual({ ok: true });
  });

  it('gives each POST route its limit', () => {
    expect(checkRequest('POST', '/api/events', {})).toEqual({ ok: true, bodyLimit: 8 * 1024 });
    expect(checkRequest('POST', '/feedback/report-a-pothole', {})).toEqual({ ok: true, bodyLimit: FORM_BODY_BYTES });
    expect(checkRequest('POST', '/done/report-a-pothole', { 'content-length': '20' })).toEqual({ ok: true, bodyLimit: FORM_BODY_BYTES });
  });

  it('refuses a declared body over the limit with 413', () => {
    expect(checkRequest('POST', '/api/events', { 'content-length': String(8 * 1024 + 1) })).toMatchObject({ ok: false, status: 413 });
    expect(checkRequest('POST', '/done/x', { 'content-length': '10485760' })).toMatchObject({ ok: false, status: 413, message: 'The body is larger than 4 KB.' });
  });

  it('refuses a Content-Length that is not a whole number with 400', () => {
    for (const value of ['1e9', '-1', '', ' 5', '12abc', '9'.repeat(20)]) expect(checkRequest('POST', '/api/events', { 'content-length': value }), value).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses other methods, and POST elsewhere, with 405 and Allow', () => {
    expect(checkRequest('TRACE', '/search', {})).toEqual({ ok: false, status: 405, allow: 'GET, HEAD', message: 'TRACE is not allowed here; use GET, HEAD.' });
    expect(checkRequest('PUT', '/api/events', {})).toMatchObject({ status: 405, allow: 'GET, HEAD, POST' });
    expect(checkRequest('POST', '/feedback/a/b', {})).toMatchObject({ status: 405 });
    expect(checkRequest('POST', '/api/events/', {})).toMatchObject({ status: 405 });
    expect(checkRequest('POST', '/', {})).toMatchObject({ status: 405, allow: 'GET, HEAD' });
  });

  it('names the methods each address takes', () => {
    expect(allowedMethods('/feedback/x')).toBe('GET, HEAD, POST');
    expect(allowedMethods('/search')).toBe('GET, HEAD');
  });
});
