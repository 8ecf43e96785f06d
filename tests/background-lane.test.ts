// The lane that claimed events' work goes through on Node: a few at a time, in order, each on a turn of the
// event loop of its own, so that what else is waiting for the loop (a request's acknowledgement) gets its turn
// between them; and `idle` (what the tests, the chat CLI and a stop wait on) waits for work still in the lane.
import { expect, it } from "vitest";
import type { Logger } from "../src/logger";
import { BackgroundWork } from "../src/node/background";

const quiet: Logger = { info() {}, warn() {}, error() {} };

it("runs at most `limit` at a time, in the order given, and idle waits for the ones still waiting", async () => {
  const work = new BackgroundWork(quiet);
  const lane = work.lane(2);
  let running = 0;
  let most = 0;
  const done: number[] = [];
  for (let i = 0; i < 7; i++)
    lane(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      done.push(i);
    });
  await work.idle();
  expect(done).toEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(most).toBe(2);
});

it("gives the event loop a turn between synchronous works, where plain background work runs them all in one", async () => {
  const order = async (start: (work: () => Promise<unknown>) => void, bg: BackgroundWork) => {
    const seen: string[] = [];
    for (let i = 0; i < 6; i++)
      start(async () => {
        seen.push(`work ${i}`);
      });
    // What the loop has next to do once these were handed over, e.g. the next request's acknowledgement.
    setImmediate(() => seen.push("other"));
    await bg.idle();
    await new Promise((r) => setImmediate(r));
    return seen.indexOf("other");
  };
  const plain = new BackgroundWork(quiet);
  expect(await order(plain.run, plain)).toBe(6);
  const laned = new BackgroundWork(quiet);
  expect(await order(laned.lane(2), laned)).toBe(2);
});

it("goes on after a work that fails, and says so in the log", async () => {
  const errors: string[] = [];
  const work = new BackgroundWork({ ...quiet, error: (message) => errors.push(message) });
  const lane = work.lane(1);
  const done: string[] = [];
  lane(async () => {
    throw new Error("boom");
  });
  lane(() => {
    throw new Error("thrown before any promise");
  });
  lane(async () => {
    done.push("after");
  });
  await work.idle();
  expect(done).toEqual(["after"]);
  expect(errors).toEqual(["background work failed", "background work failed"]);
});
