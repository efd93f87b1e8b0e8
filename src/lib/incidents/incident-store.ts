/**
 * The server's live copy of content/incidents/. Incidents change faster than deploys, so
 * the server reads the folder at start and again whenever it changes: fs.watch for speed,
 * and a poll (every 30 s by default) for file systems where watching misses changes
 * (network mounts, some containers), so a published file shows within a minute at worst.
 *
 * A file with an error does not take a live incident down: its last good version stays
 * until the file is fixed, and the error is logged once per change.
 */
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Incident } from '../../schemas/incident.ts';
import { formatProblem } from '../content/problem.ts';
import { loadIncidents } from './load-incidents.ts';

export interface IncidentStoreOptions {
  dir: string;
  /** How often to look for changes watching missed; at most 60 s (the promise to editors). */
  pollMs?: number;
  log?: (line: string) => void;
  /** Whether to watch at all (tests of the poll switch it off). */
  watch?: boolean;
}

export interface IncidentStore {
  /** The valid incidents now, newest start first. */
  incidents(): readonly Incident[];
  /** Goes up by one each time the incidents change: part of the served pages' ETags. */
  version(): number;
  /** Reads the folder now if anything in it changed; returns whether the incidents did. */
  refresh(): boolean;
  close(): void;
}

/** Names, sizes and modification times: a change in any means read again. */
function fingerprint(dir: string): string {
  if (!existsSync(dir)) return 'absent';
  try {
    return readdirSync(dir).sort().map((name) => {
      try {
        const stats = statSync(join(dir, name));
        return `${name}:${stats.size}:${stats.mtimeMs}`;
      } catch {
        return `${name}:gone`;
      }
    }).join('|');
  } catch {
    return 'unreadable';
  }
}

export function createIncidentStore({ dir, pollMs = 30_000, log = (line) => console.error(line), watch: useWatch = true }: IncidentStoreOptions): IncidentStore {
  let current: Incident[] = [];
  let lastGood = new Map<string, Incident>();
  let seen = '';
  let version = 0;
  let reported = '';

  function read(): boolean {
    const print = fingerprint(dir);
    if (print === seen) return false;
    seen = print;
    const loaded = loadIncidents(dir);
    const next = new Map<string, Incident>();
    for (const file of loaded.files) {
      const kept = file.incident ?? lastGood.get(file.id);
      if (kept) next.set(file.id, kept);
    }
    const problems = loaded.problems.filter((problem) => problem.severity === 'error').map(formatProblem).join('\n');
    if (problems && problems !== reported) log(`incidents: a file has errors; the last good version of each stays live until it is fixed:\n${problems}`);
    reported = problems;
    const incidents = [...next.values()].sort((a, b) => Date.parse(b.started) - Date.parse(a.started));
    const changed = JSON.stringify(incidents) !== JSON.stringify(current);
    lastGood = next;
    current = incidents;
    if (changed) version += 1;
    return changed;
  }

  read();
  let watcher: FSWatcher | undefined;
  let pending: NodeJS.Timeout | undefined;
  const soon = () => {
    // Editors and tools write a file in several steps; read once they have finished.
    clearTimeout(pending);
    pending = setTimeout(read, 100);
    pending.unref();
  };
  function startWatching(): void {
    if (!useWatch || watcher || !existsSync(dir)) return;
    try {
      watcher = watch(dir, { persistent: false }, soon);
      watcher.on('error', () => {
        // The folder was removed or renamed: the poll finds it again.
        watcher?.close();
        watcher = undefined;
      });
    } catch {
      watcher = undefined;
    }
  }
  startWatching();
  const poll = setInterval(() => {
    read();
    startWatching();
  }, Math.min(pollMs, 60_000));
  poll.unref();

  return {
    incidents: () => current,
    version: () => version,
    refresh: read,
    close() {
      clearInterval(poll);
      clearTimeout(pending);
      watcher?.close();
    },
  };
}
