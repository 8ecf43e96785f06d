// The work between messages: events a stopped instance left unfinished are resumed, messages waiting in the
// outbox are sent, old dedupe records forgotten. Runtime-free: Node calls it every few seconds, a Worker from
// its cron trigger, each with its own bounds.
import { pruneDeliveries } from "../store/deliveries";
import type { Deps } from "./deps";
import { resumeDeliveries } from "./durable-events";
import { KEEP_DELIVERIES_MS } from "./receive";

export interface HousekeepingOptions {
  /** at start: this instance's leases from before a restart are taken back at once */
  atStart?: boolean;
  /** at most this many events resumed (default: the resumer's own bound) */
  resumeLimit?: number;
  /** at most about this many messages sent from the outbox (default: all that wait) */
  sendLimit?: number;
  /** forget dedupe records older than the keeping time */
  prune?: boolean;
}

export async function housekeeping(deps: Deps, o: HousekeepingOptions = {}): Promise<void> {
  await resumeDeliveries(deps, { atStart: o.atStart, limit: o.resumeLimit });
  await deps.messenger.flush(o.sendLimit);
  if (o.prune) await pruneDeliveries(deps.db, deps.now() - KEEP_DELIVERIES_MS);
}
