// How often and how patiently a failed Open API call is tried again (which failures are worth it: ./errors.ts).
import type { Logger } from "../logger";
import type { LarkClient } from "./client";
import { checkAnswer, type FeishuApiError, fromThrown } from "./errors";
import { reportMissingScope } from "./missing-scope";

export interface RetryPolicy {
  /** tries within one call before giving up (a message then waits in the outbox) */
  attempts: number;
  baseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export function retryPolicy(options: Partial<RetryPolicy>): RetryPolicy {
  return {
    attempts: options.attempts ?? 4,
    baseDelayMs: options.baseDelayMs ?? 300,
    sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
  };
}

/** Exponential backoff with ±25 % jitter, so many senders do not retry in step. */
export function backoffMs(policy: RetryPolicy, tryNo: number): number {
  return policy.baseDelayMs * 2 ** (tryNo - 1) * (0.75 + Math.random() * 0.5);
}

/** Classifies a failure; a stale tenant token is dropped from the cache so the next try fetches a new one. */
export function failure(thrown: unknown, lark: LarkClient | null): FeishuApiError {
  const error = fromThrown(thrown);
  if (error.tokenInvalid) lark?.tokens.clear();
  return error;
}

/** Runs one Open API call, trying again on what is worth retrying; throws the last failure. */
export async function callWithRetry<T>(
  lark: LarkClient | null,
  policy: RetryPolicy,
  logger: Logger,
  what: string,
  fn: () => Promise<T>,
): Promise<T> {
  for (let tryNo = 1; ; tryNo++) {
    try {
      return checkAnswer(await fn());
    } catch (thrown) {
      const error = failure(thrown, lark);
      if (!error.retryable || tryNo >= policy.attempts) {
        if (!reportMissingScope(lark, logger, error, what)) {
          logger.warn(`${what} failed`, { status: error.status, code: error.code });
        }
        throw error;
      }
      await policy.sleep(backoffMs(policy, tryNo));
    }
  }
}
