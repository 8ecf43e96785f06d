// The work behind an acknowledged event, made durable: it runs over a journaled database and a messenger whose
// ids follow from the delivery, and is marked done only at its end; what a dead process left unfinished is
// resumed here. Plain functions without timers: Node calls them at start and on its housekeeping timer, a
// Workers cron tick calls them the same way.
import type { BotAddedEvent, MessageEvent } from "../feishu/events";
import { finishDelivery, stepsOf, takeUnfinished } from "../store/deliveries";
import { journaledDb } from "../store/step-journal";
import type { Deps } from "./deps";
import { handleBotAdded, handleMessage } from "./dispatch";

export type DurableEvent = MessageEvent | BotAddedEvent;

/** An event given up after this many runs: one that kills the process every time must not loop for ever. */
export const MAX_RUNS = 5;

/**
 * Runs (or resumes) the work of the event claimed under `key`, then marks it done. `fresh`: claimed just now,
 * so no run of it wrote a step yet (nothing to read back).
 */
export async function runDelivery(
  deps: Deps,
  key: string,
  event: DurableEvent,
  fresh = false,
): Promise<void> {
  deps.deliveries.running.add(key);
  try {
    await run(deps, key, event, fresh);
  } finally {
    deps.deliveries.running.delete(key);
  }
}

async function run(deps: Deps, key: string, event: DurableEvent, fresh: boolean): Promise<void> {
  const steps = fresh ? [] : await stepsOf(deps.db, key);
  const db = journaledDb(deps.db, key, steps, {
    diverged: (at) => deps.logger.warn("resumed run left its recorded road", { delivery: key, at }),
  });
  const runDeps: Deps = { ...deps, db, messenger: deps.messenger.forDelivery(key) };
  if (event.type === "message") await handleMessage(runDeps, event);
  else await handleBotAdded(runDeps, event);
  await finishDelivery(deps.db, key);
}

export interface ResumeOptions {
  /** at start: this instance's leases from before a restart are taken back at once */
  atStart?: boolean;
  limit?: number;
}

/**
 * Resumes unfinished events whose lease ran out, oldest first and one after another (a chat's answers keep
 * their order). Returns how many were resumed.
 */
export async function resumeDeliveries(deps: Deps, options: ResumeOptions = {}): Promise<number> {
  const { owner, leaseMs } = deps.deliveries.options;
  const limit = options.limit ?? 100;
  let resumed = 0;
  while (resumed < limit) {
    // A few at a time: a lease is taken shortly before its run, so it does not run out while others go first.
    const taken = await takeUnfinished(deps.db, {
      now: deps.now(),
      owner,
      leaseMs,
      limit: Math.min(10, limit - resumed),
      reclaimOwner: options.atStart ? owner : undefined,
    });
    const fresh = taken.filter((t) => !deps.deliveries.running.has(t.key));
    if (fresh.length === 0) break;
    for (const { key, payload, attempts } of fresh) {
      resumed++;
      if (attempts > MAX_RUNS) {
        deps.logger.error("event given up after repeated runs", { delivery: key, attempts });
        await finishDelivery(deps.db, key);
        continue;
      }
      deps.logger.info("resuming event", { delivery: key, attempts });
      await runDelivery(deps, key, JSON.parse(payload) as DurableEvent);
    }
  }
  return resumed;
}
