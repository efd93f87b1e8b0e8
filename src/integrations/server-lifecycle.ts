/**
 * Makes the built server run src/lib/server/server-start.ts as it starts: settings
 * checked before it listens, and a graceful stop on SIGTERM. The Node adapter's entry
 * loads pages lazily, so nothing of ours would otherwise run before the first request;
 * this adds one import to the top of the adapter's server module in the build.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

const START = fileURLToPath(new URL('../lib/server/server-start.ts', import.meta.url));
const ADAPTER_SERVER = /[\\/]@astrojs[\\/]node[\\/]dist[\\/]server\.js$/;

export default function serverLifecycle(): AstroIntegration {
  return {
    name: 'taskfront:server-lifecycle',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command !== 'build') return;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'taskfront-server-lifecycle',
                transform(code: string, id: string) {
                  if (!ADAPTER_SERVER.test(id.split('?')[0]!)) return undefined;
                  return { code: `import ${JSON.stringify(START)};\n${code}`, map: null };
                },
              },
            ],
          },
        });
      },
    },
  };
}
