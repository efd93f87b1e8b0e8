/** Server settings from the environment, checked once at start-up with a plain message. */

export interface ServerSettings {
  /** Seconds a client has to send all request headers (TASKFRONT_HEADERS_TIMEOUT). */
  headersTimeout: number;
  /** Seconds a client has to send the whole request, body included (TASKFRONT_REQUEST_TIMEOUT). */
  requestTimeout: number;
  /** Send Strict-Transport-Security even over plain HTTP, because a proxy in front terminates TLS (TASKFRONT_HSTS=1). */
  forceHsts: boolean;
}

const TIMEOUTS = {
  TASKFRONT_HEADERS_TIMEOUT: { fallback: 10, max: 300 },
  TASKFRONT_REQUEST_TIMEOUT: { fallback: 30, max: 3600 },
} as const;

/** One timeout setting on its own (the settings schema checks each variable with this). */
export function timeoutFromEnv(name: keyof typeof TIMEOUTS, env: NodeJS.ProcessEnv = process.env): number {
  return seconds(env, name, TIMEOUTS[name].fallback, TIMEOUTS[name].max);
}

/** TASKFRONT_HSTS on its own. */
export function hstsFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const hsts = env.TASKFRONT_HSTS ?? '';
  if (!['', '0', '1'].includes(hsts)) throw new Error(`TASKFRONT_HSTS must be 1 (always send HSTS) or 0; got "${hsts}"`);
  return hsts === '1';
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+(?:\.\d+)?$/.test(raw) || value <= 0 || value > max) {
    throw new Error(`${name} must be a number of seconds from 0.1 to ${max}; got "${raw}"`);
  }
  return value;
}

export function serverSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const headersTimeout = timeoutFromEnv('TASKFRONT_HEADERS_TIMEOUT', env);
  const requestTimeout = timeoutFromEnv('TASKFRONT_REQUEST_TIMEOUT', env);
  if (requestTimeout < headersTimeout) {
    throw new Error(`TASKFRONT_REQUEST_TIMEOUT (${requestTimeout} s) must not be shorter than TASKFRONT_HEADERS_TIMEOUT (${headersTimeout} s)`);
  }
  return { headersTimeout, requestTimeout, forceHsts: hstsFromEnv(env) };
}
