// Tells the log when the event loop was held: every acknowledgement waits behind a blocked loop, so a stall
// of a second is a Feishu timeout in waiting. The operator sees when, and how long; the bench counts them.
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Logger } from "../logger";

/** A loop held longer than this within one window is logged: far beyond any turn a request should take. */
export const BLOCKED_MS = 200;
const WINDOW_MS = 1_000;

/** Starts watching; returns the function that stops it. */
export function watchEventLoop(logger: Logger, blockedMs = BLOCKED_MS): () => void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const timer = setInterval(() => {
    // The histogram is in nanoseconds; its max is the longest wait of a timer tick beyond its due time.
    const maxMs = delay.max / 1e6;
    if (maxMs >= blockedMs)
      logger.warn("event loop blocked", {
        ms: Math.round(maxMs),
        p99_ms: Math.round(delay.percentile(99) / 1e6),
      });
    delay.reset();
  }, WINDOW_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    delay.disable();
  };
}
