// A clock the test moves by hand, whose sleep moves it instead of waiting: the outbox's retries, backoff and
// rate limit run in no time (pass `send` as a harness's sendClock).
export interface HandClock {
  /** the time now (ms); a test adds to it to let time pass */
  at: number;
  send: { now: () => number; sleep: (ms: number) => Promise<void> };
}

export function handClock(start = Date.now()): HandClock {
  const clock: HandClock = {
    at: start,
    send: {
      now: () => clock.at,
      sleep: async (ms) => {
        clock.at += Math.max(0, ms);
      },
    },
  };
  return clock;
}
