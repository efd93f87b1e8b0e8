import { describe, expect, it } from 'vitest';
import { loadSettings, setting, SettingsError } from './load-settings.ts';

describe('settings', () => {
  it('gives every default from an empty environment', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({
      TASKFRONT_DB: 'data/taskfront.sqlite',
      TASKFRONT_RATE_LIMIT: { burst: 60, perSecond: 5 },
      TASKFRONT_MIN_COUNT: 10,
      TASKFRONT_RETENTION_DAYS: 730,
      TASKFRONT_BROWSER_INDEX_MAX_KB: 150,
      TASKFRONT_WRITE_TIMEOUT_MS: 2500,
      TASKFRONT_DB_CONNECT_TIMEOUT_MS: 2000,
      TASKFRONT_DASHBOARD_THREAD: true,
    });
    expect(settings.DATABASE_URL).toBeUndefined();
    expect(settings.PORT).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(loadSettings({ DATABASE_URL: '', TASKFRONT_RATE_LIMIT: ' ' })).toMatchObject({ DATABASE_URL: undefined, TASKFRONT_RATE_LIMIT: { burst: 60, perSecond: 5 } });
  });

  it('reads good values', () => {
    expect(loadSettings({ PORT: '8080', TASKFRONT_RATE_LIMIT: '3/0.1', DATABASE_URL: 'postgresql://a@b/c', TASKFRONT_RETENTION_DAYS: '90' })).toMatchObject({
      PORT: 8080,
      TASKFRONT_RATE_LIMIT: { burst: 3, perSecond: 0.1 },
      DATABASE_URL: 'postgresql://a@b/c',
      TASKFRONT_RETENTION_DAYS: 90,
    });
  });

  it('names every bad variable, its value and the fix', () => {
    let error: unknown;
    try {
      loadSettings({ TASKFRONT_RATE_LIMIT: 'bad', PORT: '99999', TASKFRONT_RETENTION_DAYS: '30', DATABASE_URL: 'mysql://x', TASKFRONT_TRUST_PROXY: 'yes' });
    } catch (caught) {
      error = caught;
    }
    // Alike in shape to other message tests (report-junit, statement): a list of toContain lines, one per thing the reader must see.
    expect(error).toBeInstanceOf(SettingsError);
    const message = (error as Error).message;
    expect(message).toContain('5 settings are not valid');
    expect(message).toContain('TASKFRONT_RATE_LIMIT="bad" must look like "60/5"');
    expect(message).toContain('Fix: set TASKFRONT_RATE_LIMIT to a valid value, or unset it to use the default.');
    expect(message).toContain('PORT="99999" must be a port number');
    expect(message).toContain('TASKFRONT_RETENTION_DAYS="30" must be a whole number of days, 90 or more');
    expect(message).toContain('DATABASE_URL="mysql://x" must be a PostgreSQL URL');
    expect(message).toContain('TASKFRONT_TRUST_PROXY="yes"');
    expect((error as SettingsError).issues.map((issue) => issue.name).sort()).toEqual(['DATABASE_URL', 'PORT', 'TASKFRONT_RATE_LIMIT', 'TASKFRONT_RETENTION_DAYS', 'TASKFRONT_TRUST_PROXY']);
  });

  it('checks the tracking and dashboard settings with their own parsers', () => {
    expect(loadSettings({ TASKFRONT_MIN_SAMPLE: '1', TASKFRONT_ATTENTION_COMPLETION: '50', TASKFRONT_TRUSTED_PROXIES: '10.0.0.0/8' })).toMatchObject({ TASKFRONT_MIN_SAMPLE: 1, TASKFRONT_ATTENTION_COMPLETION: 0.5 });
    let error: unknown;
    try {
      loadSettings({ TASKFRONT_MIN_SAMPLE: 'ten', TASKFRONT_JOURNEY_DAYS: '99', TASKFRONT_COMPLETION_KEYS: 'report-a-pothole=short', TASKFRONT_ATTENTION_COMPLETION: '0.6' });
    } catch (caught) {
      error = caught;
    }
    expect((error as SettingsError).issues.map((issue) => issue.name).sort()).toEqual(['TASKFRONT_ATTENTION_COMPLETION', 'TASKFRONT_COMPLETION_KEYS', 'TASKFRONT_JOURNEY_DAYS', 'TASKFRONT_MIN_SAMPLE']);
    expect((error as Error).message).toContain('TASKFRONT_MIN_SAMPLE="ten" must be a whole number of 1 or more');
    expect((error as Error).message).toContain('TASKFRONT_ATTENTION_COMPLETION="0.6" is a percentage: write 60 for 60%');
  });

  it('turns the dashboard thread on or off, and refuses anything else', () => {
    expect(loadSettings({ TASKFRONT_DASHBOARD_THREAD: 'OFF' }).TASKFRONT_DASHBOARD_THREAD).toBe(false);
    expect(loadSettings({ TASKFRONT_DASHBOARD_THREAD: ' on ' }).TASKFRONT_DASHBOARD_THREAD).toBe(true);
    expect(() => loadSettings({ TASKFRONT_DASHBOARD_THREAD: 'yes' })).toThrow('TASKFRONT_DASHBOARD_THREAD="yes" must be on or off (the default is on)');
  });

  it('reads one setting without judging the others', () => {
    expect(setting('TASKFRONT_MIN_COUNT', { TASKFRONT_MIN_COUNT: '12', TASKFRONT_RATE_LIMIT: 'bad' })).toBe(12);
    expect(() => setting('TASKFRONT_MIN_COUNT', { TASKFRONT_MIN_COUNT: '1' })).toThrow('TASKFRONT_MIN_COUNT="1" must be a whole number of searches, 2 or more');
  });
});
