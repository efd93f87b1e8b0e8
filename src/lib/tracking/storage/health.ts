/**
 * What a storage driver knows about its database, and the one place that logs it.
 * A database that is full, read-only or down fails every request the same way, so the
 * cause is logged once when the state changes (and once when it recovers), never per
 * request, and it is always the database's own cause (SQLITE_FULL, ECONNREFUSED), not
 * a follow-on error from cleaning up.
 */
import type { StorageHealthState } from './types.ts';

export interface HealthLogger {
  error(message: string): void;
}

export class StorageHealth {
  #state: StorageHealthState = { ok: true, since: Date.now() };

  readonly #name: string;
  readonly #log: HealthLogger;

  /** `name`: how the logs name this store, e.g. "SQLite at /srv/data/taskfront.sqlite". */
  constructor(name: string, log: HealthLogger = console) {
    this.#name = name;
    this.#log = log;
  }

  get state(): StorageHealthState {
    return { ...this.#state };
  }

  /** Records a failure; logs it only when the cause differs from the current one. */
  failed(cause: string, message: string): void {
    if (!this.#state.ok && this.#state.cause === cause) return;
    this.#log.error(`storage: ${this.#name}: ${message} [${cause}]. Writes are answered 503 until this clears; it is not logged again until it changes.`);
    this.#state = { ok: false, cause, message, since: Date.now() };
  }

  /** Records a success; logs the recovery when the store had been failing. */
  succeeded(): void {
    if (this.#state.ok) return;
    const seconds = ((Date.now() - this.#state.since) / 1000).toFixed(1);
    this.#log.error(`storage: ${this.#name}: working again after ${seconds} s of ${this.#state.cause}.`);
    this.#state = { ok: true, since: Date.now() };
  }
}

export class DeadlineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineError';
  }
}

/**
 * Resolves or rejects as `work` does, or rejects with a DeadlineError after `ms`.
 * The work itself goes on (it cannot be stopped from here); `onLate` runs if it
 * settles after the deadline, so it can clean up.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string, onLate?: (outcome: PromiseSettledResult<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new DeadlineError(`${what} took longer than ${ms} ms`));
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        if (late) onLate?.({ status: 'fulfilled', value });
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (late) onLate?.({ status: 'rejected', reason: error });
        else reject(error);
      },
    );
  });
}
