// A scheduled job is data: a name, a cron expression in APP_TIMEZONE, and what it does at a given moment.
import type { Deps } from "../bot/deps";

export interface Job {
  name: string;
  /** node-cron expression, read in APP_TIMEZONE */
  cron: string;
  summary: string;
  run(deps: Deps, at: Date): Promise<void>;
}
