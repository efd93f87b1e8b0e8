/**
 * The Content-Security-Policy source for an inline script or style: its SHA-256,
 * base64, as the browser computes it over the element's exact text. A component
 * with an inline script passes the result to `Astro.csp.insertScriptHash()`, so
 * the policy allows that script and nothing else inline.
 */
import { createHash } from 'node:crypto';

export function cspHash(code: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}`;
}
