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

it("starts at most `perTurn` works in a turn of the event loop, where plain background work starts them all in one", async () => {
  /** how many works started in each turn of the event loop */
  const perTurn = async (start: (work: () => Promise<unknown>) => void, bg: BackgroundWork) => {
    let turn = 0;
    const tick = () => {
      turn++;
      if (turn < 100) setImmediate(tick);
    };
    setImmediate(tick);
    const startedIn: number[] = [];
    for (let i = 0; i < 6; i++)
      start(async () => {
        startedIn.push(turn);
      });
    await bg.idle();
    const counts = new Map<number, number>();
    for (const t of startedIn) counts.set(t, (counts.get(t) ?? 0) + 1);
    return [...counts.values()];
  };
  const plain = new BackgroundWork(quiet);
  expect(await perTurn(plain.run, plain)).toEqual([6]);
  const laned = new BackgroundWork(quiet);
  expect(await perTurn(laned.lane(2), laned)).toEqual([2, 2, 2]);
});

it("runs each work's chain of awaited steps to its end before the next work starts (no interleaving)", async () => {
  const work = new BackgroundWork(quiet);
  const lane = work.lane(3);
  const steps: string[] = [];
  for (const name of ["a", "b", "c"])
    lane(async () => {
      // Awaits that resolve at once, like the embedded database's statements: a transaction's BEGIN … COMMIT.
      for (let i = 0; i < 3; i++) {
        steps.push(`${name}${i}`);
        await Promise.resolve();
      }
    });
  await work.idle();
  expect(steps).toEqual(["a0", "a1", "a2", "b0", "b1", "b2", "c0", "c1", "c2"]);
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
