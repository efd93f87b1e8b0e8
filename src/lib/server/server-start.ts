/**
 * Runs once as the built server starts, before it listens (the server-lifecycle
 * integration imports it from the server entry): every setting is checked, and a
 * bad one stops the start with a message naming it; then SIGTERM and SIGINT stop
 * the server gracefully.
 */
import { isMainThread } from 'node:worker_threads';
import { loadSettings, SettingsError } from '../settings/load-settings.ts';
import { installGracefulStop } from './graceful-stop.ts';

function start() {
  try {
    const settings = loadSettings(process.env);
    // The dashboard's worker thread runs this entry too; only the main thread owns the server and its stop.
    if (isMainThread) installGracefulStop({ timeoutMs: settings.TASKFRONT_SHUTDOWN_TIMEOUT_MS });
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(`Taskfront cannot start. ${error.message}`);
    process.exit(78); // EX_CONFIG: a configuration error, not a crash
  }
}

start();
