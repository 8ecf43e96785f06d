// Assembles the bot's parts over an open database and a Feishu client, without touching the runtime: Node
// (src/node/boot.ts) and the Worker (src/worker.ts) each open their own database and timers and pass them in.
import type { Db } from "../../db/client";
import type { Config } from "../config";
import type { LarkClient } from "../feishu/client";
import { Messenger, type MessengerOptions } from "../feishu/messenger";
import { type LocalResources, OpenApi } from "../feishu/open-api";
import { type RetryPolicy, retryPolicy } from "../feishu/retry";
import { reminderRefused } from "../jobs/reminder-fallback";
import type { Logger } from "../logger";
import { DeliveryLedger, type LedgerOptions } from "../store/deliveries";
import { type SchemaMemo, schemaGate } from "../store/schema-version";
import type { Deps } from "./deps";
import type { Defer } from "./receive";

/** How long an event's work is its claimer's before another instance may resume it. */
export const EVENT_LEASE_MS = 5 * 60_000;

export interface DepsParts {
  config: Config;
  db: Db;
  /** the Lark SDK client; null: local mode (every message goes to the outbox only) */
  lark: LarkClient | null;
  logger: Logger;
  /** starts work that goes on after the answer (Node: tracked background work; Workers: ctx.waitUntil) */
  defer: Defer;
  /** starts a claimed event's work (Node: a lane of a few at a time); default `defer` */
  eventWork?: Defer;
  /** the clock (ms); tests and `npm run job -- --at` set it */
  now?: () => number;
  /** when claims made together are written (Node: setImmediate); default a microtask */
  nextTurn?: LedgerOptions["nextTurn"];
  /**
   * This instance's name on the leases of the events it works on; a restart under the same name takes its
   * unfinished events back at once (Node: host and port). Default: a fresh name, i.e. no such claim.
   */
  instance?: string;
  /** retry timing of Open API calls (tests shorten it) */
  retry?: Partial<RetryPolicy>;
  /** told of every message once it is stored (the chat CLI prints them) */
  onPosted?: MessengerOptions["onPosted"];
  /** local mode only: the files and images the chat CLI hands over */
  localResources?: LocalResources;
  /** the clock the outbox's retries and rate limit read (tests fast-forward it with `retry.sleep`) */
  sendClock?: () => number;
  /** the Open API calls that are not messages; default: over `lark` */
  openApi?: OpenApi;
  /** local mode: where the files the bot sends are written (Node only) */
  localExports?: MessengerOptions["localExports"];
  /** the bot's open_id when the runtime keeps it (Workers, across requests); default: looked up behind */
  botOpenId?: () => string | null;
  /** whether the schema was found current, when the runtime keeps it across invocations (Workers) */
  schema?: SchemaMemo;
}

export function createDeps(parts: DepsParts): Deps {
  const { config, db, lark, logger, defer } = parts;
  const now = parts.now ?? Date.now;
  const policy = retryPolicy(parts.retry ?? {});
  const messenger = new Messenger({
    db,
    lark,
    logger,
    policy,
    onPosted: parts.onPosted,
    background: defer,
    now: parts.sendClock,
    localExports: parts.localExports,
  });
  const openApi = parts.openApi ?? new OpenApi(lark, policy, logger, parts.localResources);

  let botOpenId = parts.botOpenId;
  if (!botOpenId) {
    let known: string | null = null;
    if (lark)
      defer(async () => {
        known = await openApi.botOpenId();
      });
    botOpenId = () => known;
  }
  const deps: Deps = {
    config,
    db,
    messenger,
    openApi,
    deliveries: new DeliveryLedger(db, {
      owner: parts.instance ?? crypto.randomUUID(),
      leaseMs: EVENT_LEASE_MS,
      now,
      nextTurn: parts.nextTurn,
    }),
    logger,
    now,
    background: defer,
    eventWork: parts.eventWork ?? defer,
    botOpenId,
    migrationsBehind: schemaGate(db, parts.schema),
  };
  // A private reminder refused with 230013 falls back to the hazard's group, the person @mentioned.
  messenger.onRefused((row, code) => reminderRefused(deps, row, code));
  return deps;
}
