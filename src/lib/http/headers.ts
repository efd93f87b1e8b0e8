/**
 * The headers every response carries, and the cache policy for each kind of file.
 * Why each one is there: docs/security.md.
 */

/**
 * For responses that are not one of our pages (JSON, CSV, plain-text errors,
 * SVG): nothing may load, nothing may frame it. Pages get Astro's policy instead,
 * which adds 'self' and the hashes of their own scripts and styles.
 */
export const FALLBACK_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Browser features Taskfront never uses, switched off for the page and anything
 * it might embed. Only names Chromium and Firefox know, since an unknown name is
 * reported as an error in the console.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** One year, as browsers' preload lists expect. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** Headers for every response. HSTS only when the request came over HTTPS (or HTTPS is declared). */
export function securityHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    // Legacy twin of frame-ancestors 'none', for browsers without CSP level 2.
    'X-Frame-Options': 'DENY',
    // same-origin, not no-referrer: with no-referrer browsers send "Origin: null"
    // on our own form posts, and Astro's cross-site check would refuse them
    // (decision 0020). Either way no address, and so no search query, leaves the site.
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(https ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}

/** Hashed build output: the name changes whenever the content does. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages and other unhashed files: keep a copy, but ask (ETag) before using it. */
export const REVALIDATE = 'no-cache';

export function cacheControlForStatic(pathname: string): string {
  return pathname.startsWith('/_astro/') ? IMMUTABLE : REVALIDATE;
}

const TEXTUAL = /^(?:text\/|application\/(?:json|javascript|xml|[\w.+-]+\+(?:json|xml))|image\/svg\+xml)/i;

/** Adds "; charset=utf-8" to a text type that has no charset, so no browser guesses. */
export function withCharset(contentType: string): string {
  if (!TEXTUAL.test(contentType) || /;\s*charset=/i.test(contentType)) return contentType;
  return `${contentType.replace(/;\s*$/, '')}; charset=utf-8`;
}
