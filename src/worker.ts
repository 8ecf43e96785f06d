// The Cloudflare Workers entry: `fetch` serves the same Hono app as Node, `scheduled` (one cron trigger, every
// minute) runs the rhythm's tick and then the housekeeping Node does on its timer (unfinished events resumed,
// the outbox drained), each in bounded chunks. The only file that touches the Workers runtime: bindings become
// a config through parseConfig, the database is Turso through @libsql/client/web, and the work after an
// acknowledgement is kept alive with the invocation's waitUntil. Follows developers.cloudflare.com/workers
// (runtime-apis/handlers/fetch, scheduled; context waitUntil) and ../shared/FEISHU.md "On Cloudflare Workers".
import { createClient } from "@libsql/client/web";
import { databaseOver } from "../db/client";
import { createApp } from "./app";
import { createDeps } from "./bot/create-deps";
import type { Deps } from "./bot/deps";
import { housekeeping } from "./bot/housekeeping";
import { type Config, ConfigError, parseConfig } from "./config";
import { officialCalendar } from "./domain/workdays";
import { createLarkClient, type LarkClient } from "./feishu/client";
import { jobs } from "./jobs";
import { tick } from "./jobs/tick";
import { consoleLogger } from "./logger";
import type { SchemaMemo } from "./store/schema-version";

/** Vars and secrets, as wrangler.toml and `wrangler secret put` bind them: strings under their env names. */
export type Env = Record<string, string | undefined>;

/** The part of the Workers ExecutionContext this entry uses. */
export interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** The part of the Workers ScheduledController this entry uses. */
export interface ScheduledEvent {
  scheduledTime: number;
  cron: string;
}

/** Per cron run: events resumed and messages sent, so one invocation stays within its CPU and wall time. */
const RESUME_PER_TICK = 20;
const SENDS_PER_TICK = 200;

const logger = consoleLogger();

/**
 * What an isolate keeps between invocations: the parsed config and the Feishu client with its token cache (so
 * a token is fetched once per isolate, not per request), and the bot's open_id once known. The database
 * client is made per invocation: it is a few objects over fetch, and I/O must not cross invocations.
 */
interface Isolate {
  /** the settings it was built from: new ones (a new deployment's) build it anew */
  settings: string;
  config: Config;
  lark: LarkClient | null;
  botOpenId: string | null;
  /** the schema found current once: later invocations skip the check */
  schema: SchemaMemo;
}
let isolate: Isolate | null = null;

/** The settings as one string, to tell whether they changed (bindings that are not strings play no part). */
function settingsOf(env: Env): string {
  return JSON.stringify(Object.entries(env).filter(([, v]) => typeof v === "string"));
}

function isolateFor(env: Env): Isolate {
  const settings = settingsOf(env);
  if (isolate?.settings !== settings) {
    const config = parseConfig(env);
    if (config.databaseUrl.startsWith("file:")) {
      throw new ConfigError(
        "设置 DATABASE_URL 无效：Workers 上没有本地文件，请设为 Turso 数据库的 libsql:// 或 https:// 地址。",
      );
    }
    if (config.eventMode === "ws") {
      throw new ConfigError(
        "设置 FEISHU_EVENT_MODE 无效：Workers 上不能用长连接，请删去它（或设为 webhook），并在开发者后台把事件与回调的请求地址设为本 Worker 的 /feishu/events。",
      );
    }
    const lark = config.feishu ? createLarkClient(config.feishu, config.domain, logger) : null;
    isolate = { settings, config, lark, botOpenId: null, schema: { current: false } };
  }
  return isolate;
}

/** The bot for one invocation: its database client, and `defer` kept alive by this invocation's waitUntil. */
function depsFor(env: Env, ctx: WorkerContext): Deps {
  const here = isolateFor(env);
  const { config, lark } = here;
  // The web client speaks Hrana over HTTP: a libsql:// URL (Turso's) means https:// to it.
  const database = databaseOver(
    createClient({ url: config.databaseUrl, authToken: config.databaseAuthToken }),
  );
  const defer = (work: () => Promise<unknown>) =>
    ctx.waitUntil(
      // After the answer: a timer's turn lets the response go out before the work takes the CPU.
      new Promise((started) => setTimeout(started, 0)).then(work).catch((error: unknown) =>
        logger.error("background work failed", {
          error: error instanceof Error ? error.message : String(error),
        }),
      ),
    );
  const deps = createDeps({
    config,
    db: database.db,
    lark,
    logger,
    defer,
    botOpenId: () => here.botOpenId,
    schema: here.schema,
  });
  if (lark && here.botOpenId === null) {
    defer(async () => {
      here.botOpenId ??= await deps.openApi.botOpenId();
    });
  }
  return deps;
}

function configProblem(error: unknown): Response {
  const message = error instanceof ConfigError ? error.message : String(error);
  logger.error("worker cannot start", { error: message });
  return new Response(JSON.stringify({ ok: false, error: message }), {
    status: 503,
    headers: { "content-type": "application/json" },
  });
}

export default {
  async fetch(request: Request, env: Env, ctx: WorkerContext): Promise<Response> {
    let deps: Deps;
    try {
      deps = depsFor(env, ctx);
    } catch (error) {
      return configProblem(error);
    }
    return createApp(deps).fetch(request);
  },

  async scheduled(event: ScheduledEvent, env: Env, ctx: WorkerContext): Promise<void> {
    const deps = depsFor(env, ctx);
    if ((await deps.migrationsBehind()) > 0) {
      logger.error("database schema behind the code: run npm run db:migrate", {});
      return;
    }
    await tick(deps, jobs, event.scheduledTime, officialCalendar());
    await housekeeping(deps, {
      resumeLimit: RESUME_PER_TICK,
      sendLimit: SENDS_PER_TICK,
      // Once an hour (the cron runs every minute): the dedupe records past their keeping are forgotten.
      prune: new Date(event.scheduledTime).getUTCMinutes() === 0,
    });
  },
};
