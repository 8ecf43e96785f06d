// The service tells its log when its event loop was held (src/node/loop-watch.ts): every acknowledgement waits
// behind a blocked loop, and the soak bench counts these lines.
import { expect, it } from "vitest";
import { memoryLogger } from "../src/logger";
import { watchEventLoop } from "../src/node/loop-watch";

it("a loop held for 400 ms is logged with how long", async () => {
  const logger = memoryLogger();
  const stop = watchEventLoop(logger, 200);
  try {
    await new Promise((r) => setTimeout(r, 100));
    const until = Date.now() + 400;
    while (Date.now() < until) {
      // held on purpose
    }
    await new Promise((r) => setTimeout(r, 1_500));
  } finally {
    stop();
  }
  const lines = logger.lines.filter((l) => l.includes("event loop blocked"));
  expect(lines.length).toBeGreaterThanOrEqual(1);
  expect(Math.max(...lines.map((l) => Number(/ ms=(\d+)/.exec(l)?.[1])))).toBeGreaterThanOrEqual(390);
});
