// The lane that claimed events' work goes through on Node: started in order, a few in each turn of the event
// loop, so that what else is waiting for the loop (a request's acknowledgement) gets its turn
// between them; and `idle` (what the tests, the chat CLI and a stop wait on) waits for work still in the lane.
import { expect, it } from "vitest";
import type { Logger } from "../src/logger";
import { BackgroundWork } from "../src/node/background";

const quiet: Logger = { info() {}, warn() {}, error() {} };

/** Lets the event loop go round `n` times. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

it("starts work in the order given, and a work waiting on I/O holds no place: the next starts meanwhile", async () => {
  const work = new BackgroundWork(quiet);
  const lane = work.lane(1);
  const started: number[] = [];
  let open: () => void = () => {};
  const gate = new Promise<void>((r) => {
    open = r;
  });
  lane(async () => {
    started.push(0);
    await gate; // e.g. its answer's send, waiting for a slow Open API
  });
  for (const i of [1, 2, 3])
    lane(async () => {
      started.push(i);
    });
  const idle = work.idle();
  await turns(10);
  expect(started).toEqual([0, 1, 2, 3]);
  // idle waits for the one still waiting on I/O
  let settled = false;
  void idle.then(() => {
    settled = true;
  });
  await turns(10);
  expect(settled).toBe(false);
  open();
  await idle;
  expect(settled).toBe(true);
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
