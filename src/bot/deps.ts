// Everything the bot's handlers need, passed in (no globals): config, database, messenger, clock, log.

import type { Db } from "../../db/client";
import type { Config } from "../config";
import type { Messenger } from "../feishu/messenger";
import type { Logger } from "../logger";

export interface Deps {
  config: Config;
  db: Db;
  messenger: Messenger;
  logger: Logger;
  /** the clock (ms); tests and `npm run job -- --at` set it */
  now: () => number;
  /** work that continues after the HTTP acknowledgement (Node: tracked promises; Workers: waitUntil) */
  background: (task: Promise<unknown>) => void;
  /** the bot's own open_id, to recognise its @mention; null until known (local mode: never) */
  botOpenId: () => string | null;
}
