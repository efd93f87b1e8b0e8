/**
 * Recording what pages observe: a search shown, a journey started or finished, a
 * rating, a "Did this page help you?" answer. One policy for every route that records
 * (these pages and POST /api/events), so an event is either stored or the request is
 * answered 429 or 503: never a normal page with the event thrown away.
 *
 * The policy, in order:
 * 1. Global Privacy Control, Do Not Track or a self-declared bot: not recorded, page works.
 * 2. Pages only: a prefetch (Sec-Purpose: prefetch) or a GET that is not a person opening
 *    the page (an <img>, a fetch()): not recorded.
 * 3. The client's token bucket (one per client key, shared by pages and the API): 429.
 * 4. Storage: 503 when it fails. Otherwise recorded, after the transaction commits.
 */
import { randomUUID } from 'node:crypto';
import { addDays } from '../../dates.ts';
import { logStorageFailure, STORAGE_RETRY_SECONDS } from '../../server/responses.ts';
import type { RateLimiter } from '../../server/rate-limit.ts';
import { hashJourneyToken, isJourneyToken, newJourneyToken } from '../privacy/journey-token.ts';
import type { TermGate } from '../privacy/terms.ts';
import type { EventStore, FinishResult } from '../storage/types.ts';
import { isPageOpen, isPrefetch, optedOut, isBot } from './privacy.ts';
import { toStored } from './to-stored.ts';
import type { ProblemKind } from '../../../schemas/page-problem.ts';

type SkipReason = 'opted-out' | 'prefetch' | 'not-a-page-open';

export type Admission = { status: 'go' } | { status: 'skipped'; reason: SkipReason } | { status: 'limited'; retryAfterSeconds: number };

export type Outcome<T extends object = object> =
  | ({ status: 'recorded' } & T)
  | { status: 'skipped'; reason: SkipReason }
  | { status: 'limited'; retryAfterSeconds: number }
  | { status: 'unavailable' };

/** Decides whether a request may record (see the policy above). Takes from the client's bucket only when it would record. */
export function admit(request: Request, clientKey: string, limiter: RateLimiter, { page }: { page: boolean }): Admission {
  if (optedOut(request.headers) || isBot(request.headers)) return { status: 'skipped', reason: 'opted-out' };
  if (page && isPrefetch(request.headers)) return { status: 'skipped', reason: 'prefetch' };
  if (page && request.method === 'GET' && !isPageOpen(request.headers)) return { status: 'skipped', reason: 'not-a-page-open' };
  const rate = limiter.take(clientKey);
  return rate.ok ? { status: 'go' } : { status: 'limited', retryAfterSeconds: rate.retryAfterSeconds };
}

/**
 * How a page answers when it could not record: 429 or 503 with Retry-After (the page
 * still shows its content), and a prefetch gets a 503 so that browsers drop it and load
 * the page for real when the person opens it. Undefined: answer as usual.
 */
export function refusal(outcome: Outcome): { status: number; headers: Record<string, string> } | undefined {
  if (outcome.status === 'limited') return { status: 429, headers: { 'Retry-After': String(outcome.retryAfterSeconds) } };
  if (outcome.status === 'unavailable') return { status: 503, headers: { 'Retry-After': String(STORAGE_RETRY_SECONDS) } };
  if (outcome.status === 'skipped' && outcome.reason === 'prefetch') return { status: 503, headers: { 'Retry-After': '0' } };
  return undefined;
}

export interface RecorderDeps {
  store: () => Promise<EventStore>;
  limiter: RateLimiter;
  terms: TermGate;
  /** Today as YYYY-MM-DD. */
  today: () => string;
  /** A token can finish its journey up to this many days after its start day. */
  journeyDays: number;
}

export type FinishOutcome = FinishResult | 'no-token';

export function createRecorder(deps: RecorderDeps) {
  /** Runs `write` if the request is admitted, turning a storage failure into 'unavailable'. */
  async function record<T extends object>(request: Request, clientKey: string, where: string, write: (day: string) => Promise<T>, page = true): Promise<Outcome<T>> {
    const admission = admit(request, clientKey, deps.limiter, { page });
    if (admission.status !== 'go') return admission;
    try {
      return { status: 'recorded', ...(await write(deps.today())) };
    } catch (error) {
      logStorageFailure(where, error);
      return { status: 'unavailable' };
    }
  }

  const journeyOf = (token: string, task: string, day: string) => ({ tokenHash: hashJourneyToken(token), task, earliestDay: addDays(day, -deps.journeyDays) });

  return {
    /** A search whose results a page shows. Resolves with the search's id, which result links carry. */
    search(request: Request, clientKey: string, search: { query: string; results: number }) {
      return record(request, clientKey, 'search', async (day) => {
        const searchId = randomUUID();
        const event = toStored({ type: 'search', id: searchId, ...search }, day, (key) => deps.terms.admit(clientKey, key, day));
        await (await deps.store()).insert([event]);
        return { searchId };
      });
    },

    /** /start/<task>: a new journey. Resolves with its token, for the service. */
    start(request: Request, clientKey: string, task: string) {
      return record(request, clientKey, 'start', async (day) => {
        const token = newJourneyToken();
        await (await deps.store()).startJourney({ tokenHash: hashJourneyToken(token), task, day, startId: randomUUID() });
        return { token };
      });
    },

    /**
     * /done/<task>: a completion when the token is this task's, started and unused; the
     * same finish again (a reload) adds nothing; anything else is a finish not linked to a start.
     */
    finish(request: Request, clientKey: string, task: string, token: string | undefined) {
      return record(request, clientKey, 'done', async (day): Promise<{ finish: FinishOutcome }> => {
        const store = await deps.store();
        const finish: FinishOutcome = isJourneyToken(token) ? await store.finishJourney(journeyOf(token, task, day)) : 'no-token';
        if (finish !== 'completed' && finish !== 'already-completed') await store.insert([toStored({ type: 'task_finish_unlinked', id: randomUUID(), task }, day)]);
        return { finish };
      });
    },

    /** A 1–5 rating: the journey's one rating when the token is valid, else a rating on its own. */
    rate(request: Request, clientKey: string, task: string, token: string | undefined, answer: { rating: number; comment?: string }) {
      return record(
        request,
        clientKey,
        'rating',
        async (day): Promise<{ linked: boolean }> => {
          const store = await deps.store();
          const event = toStored({ type: 'satisfaction', id: randomUUID(), task, rating: answer.rating, ...(answer.comment ? { comment: answer.comment } : {}) }, day);
          if (isJourneyToken(token)) {
            const { comment } = event as { comment?: string };
            const result = await store.rateJourney({ ...journeyOf(token, task, day), rating: answer.rating, ...(comment ? { comment } : {}) });
            if (result === 'rated' || result === 'already-rated') return { linked: true };
          }
          await store.insert([event]);
          return { linked: false };
        },
        false,
      );
    },

    // feedback, problem and the other recorders share record()'s call shape; what differs (the event built, the answer returned) is each one's own.
    /** "Did this page help you?" Resolves with the answer's id, so a later comment joins it. */
    feedback(request: Request, clientKey: string, task: string, answer: { useful: boolean; comment?: string }) {
      return record(
        request,
        clientKey,
        'feedback',
        async (day) => {
          const id = randomUUID();
          await (await deps.store()).insert([toStored({ type: 'feedback', id, task, useful: answer.useful, ...(answer.comment ? { comment: answer.comment } : {}) }, day)]);
          return { id };
        },
        false,
      );
    },

    /** "Report a problem with this page": what went wrong and an optional comment, scrubbed by toStored like every comment. */
    problem(request: Request, clientKey: string, task: string, report: { problem: ProblemKind; comment?: string }) {
      return record(
        request,
        clientKey,
        'page-problem',
        async (day) => {
          await (await deps.store()).insert([toStored({ type: 'page_problem', id: randomUUID(), task, problem: report.problem, ...(report.comment ? { comment: report.comment } : {}) }, day)]);
          return {};
        },
        false,
      );
    },

    /** The comment after a "No": added to that answer, or, when there is no such answer, kept as a "No" with its comment. */
    comment(request: Request, clientKey: string, task: string, answerId: string | undefined, comment: string) {
      return record(
        request,
        clientKey,
        'feedback',
        async (day) => {
          const store = await deps.store();
          const event = toStored({ type: 'feedback', id: randomUUID(), task, useful: false, comment }, day);
          const scrubbed = (event as { comment?: string }).comment;
          if (!scrubbed) return {};
          if (answerId && (await store.addComment(answerId, task, scrubbed))) return {};
          await store.insert([event]);
          return {};
        },
        false,
      );
    },
  };
}
