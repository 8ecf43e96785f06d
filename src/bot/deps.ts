// Everything the bot's handlers need, passed in (no globals): config, database, messenger, clock, log.

import type { Db } from "../../db/client";
import type { Config } from "../config";
import type { Messenger } from "../feishu/messenger";
import type { OpenApi } from "../feishu/open-api";
import type { Logger } from "../logger";
import type { DeliveryLedger } from "../store/deliveries";

export interface Deps {
  config: Config;
  db: Db;
  messenger: Messenger;
  /** uploads, downloads of what users sent, the bot's identity, people's names */
  openApi: OpenApi;
  /** the deliveries already handled: Feishu redelivers, and the same event must do its work once */
  deliveries: DeliveryLedger;
  logger: Logger;
  /** the clock (ms); tests and `npm run job -- --at` set it */
  now: () => number;
  /**
   * Starts work that goes on after the HTTP acknowledgement (Node: tracked, so tests and the chat CLI can wait
   * for it; Workers: the invocation's waitUntil). Pass a function: it starts once the current request has been answered.
   */
  background: (work: () => Promise<unknown>) => void;
  /**
   * Starts the work of a claimed event, like `background` (Node: a few at a time, so that acknowledgements keep
   * their turn of the event loop under a burst of commands; Workers: the invocation's waitUntil).
   */
  eventWork: (work: () => Promise<unknown>) => void;
  /** the bot's own open_id, to recognise its @mention; null until known (local mode: never) */
  botOpenId: () => string | null;
  /** how many committed migrations the database lacks (0 once it is current); the app refuses work until 0 */
  migrationsBehind: () => Promise<number>;
}
