/**
 * The adapter's settings module (@astrojs/node's vite-plugin-config.js writes it from astro.config and
 * the build's folders). The server entry reads it directly, so it knows its port, host and client folder
 * without loading Astro's runtime (decision 0044). Only the fields the entry reads are declared.
 */
declare module 'virtual:astro-node:config' {
  /** astro.config's server.host: true means every address. */
  export const host: string | boolean;
  export const port: number;
  /** file: URLs of the build's server and client folders, as the build saw them. */
  export const server: string;
  export const client: string;
}
