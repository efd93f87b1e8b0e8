import { describe, expect, it, vi } from 'vitest';
import { statsUnavailable, unavailableJson, unavailablePage } from './unavailable.ts';

describe('stats unavailable', () => {
  it('logs the route and the reason once, and answers 503 with Retry-After', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failure = statsUnavailable('/api/stats', new Error('database is locked'));
    expect(spy.mock.calls).toEqual([['/api/stats: storage unavailable (database is locked); answered 503']]);
    spy.mockRestore();
    expect(failure).toMatchObject({ status: 503, headers: { 'Retry-After': '30', 'Cache-Control': 'no-store' } });
  });

  it('gives the API routes a JSON error', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = unavailableJson('/performance.csv', 'disk full');
    expect(spy).toHaveBeenCalledWith('/performance.csv: storage unavailable (disk full); answered 503');
    spy.mockRestore();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.json()).toEqual({ error: 'Figures are not available right now; try again later.', issues: [] });
  });

  it('sets the status and headers of a page', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = { status: 200, headers: new Headers() };
    unavailablePage('/performance', new Error('gone'), response);
    spy.mockRestore();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
  });
});
