/**
 * Stopping without dropping anything (decision 0027). On SIGTERM or SIGINT: stop
 * accepting connections, let the requests in flight finish, commit and close the
 * event store, and exit 0; exit 1 only when that did not finish in time.
 *
 * The Node adapter creates its HTTP server out of our reach, so the server and its
 * requests are found through Node's diagnostics channels, which see every HTTP
 * server in the process whoever made it.
 */
import dc from 'node:diagnostics_channel';
import type { Server } from 'node:http';
import type { Server as NetServer } from 'node:net';
import { closeOpenStores } from '../tracking/storage/open-store.ts';

export interface GracefulStopOptions {
  /** All of it: draining, closing the store and exiting, in ms. */
  timeoutMs: number;
  log?: (message: string) => void;
  exit?: (code: number) => void;
}

let stopping = false;

/** True once a stop has begun: /readyz answers 503 so a load balancer sends nothing more. */
export function isStopping(): boolean {
  return stopping;
}

let installed = false;

export function installGracefulStop({ timeoutMs, log = (message) => console.error(message), exit = (code) => process.exit(code) }: GracefulStopOptions): void {
  if (installed) return;
  installed = true;
  const servers = new Set<NetServer>();
  const inFlight = new Set<object>();

  dc.subscribe('tracing:net.server.listen:asyncEnd', (message) => {
    const { server } = message as { server?: NetServer };
    if (server) servers.add(server);
  });
  dc.subscribe('http.server.request.start', (message) => {
    const { server, response } = message as { server: NetServer; response: NodeJS.EventEmitter };
    servers.add(server);
    inFlight.add(response);
    // 'close' comes after the response is sent and also when the client goes away.
    response.once('close', () => inFlight.delete(response));
  });

  async function stop(signal: NodeJS.Signals) {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    const deadline = started + timeoutMs;
    const hardStop = setTimeout(() => {
      log(`${signal}: still not stopped after ${timeoutMs} ms (${inFlight.size} requests unfinished); exiting with status 1`);
      exit(1);
    }, timeoutMs);
    hardStop.unref();

    log(`${signal}: stopping. No new connections; finishing ${inFlight.size} request(s) in flight, then closing the event store.`);
    for (const server of servers) {
      server.close();
      (server as Server).closeIdleConnections?.();
    }
    // Keep the store's share of the time for committing and closing.
    const drainUntil = deadline - Math.min(2_000, timeoutMs / 3);
    while (inFlight.size && Date.now() < drainUntil) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Keep-alive connections turn idle as their last response ends.
      for (const server of servers) (server as Server).closeIdleConnections?.();
    }
    const unfinished = inFlight.size;
    const problems = await closeOpenStores(Math.max(100, deadline - Date.now() - 100));
    clearTimeout(hardStop);
    for (const problem of problems) log(`${signal}: ${problem}`);
    const clean = unfinished === 0 && problems.length === 0;
    log(`${signal}: ${clean ? 'stopped cleanly' : `stopped with ${unfinished} request(s) unfinished and ${problems.length} store problem(s)`} in ${Date.now() - started} ms.`);
    exit(clean ? 0 : 1);
  }

  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
