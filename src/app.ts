// The HTTP service: Feishu's webhook (events and card callbacks) and a health check. No env reads, no
// globals: everything comes in `deps`, so Node, Workers and tests build the same app.
import { sql } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import type { Deps } from "./bot/deps";
import { BotError } from "./bot/errors";
import { receive } from "./bot/receive";
import { verifyRequest } from "./feishu/verify";
import { readBody } from "./read-body";
import { behindSentence } from "./store/schema-version";

export const MAX_BODY_BYTES = 1024 * 1024;

const STATUS: Record<BotError["code"], 400 | 401 | 403 | 404 | 409 | 503> = {
  unreadable: 400,
  bad_input: 400,
  unknown_command: 400,
  forbidden: 403,
  unbound: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

export function createApp(deps: Deps): Hono {
  const app = new Hono();
  if (deps.config.verificationToken && !deps.config.encryptKey) {
    // Without an Encrypt Key Feishu signs nothing: the token in the body is the only check.
    deps.logger.warn(
      "webhook verifies by Verification Token only: anyone holding the token can forge events; set FEISHU_ENCRYPT_KEY",
    );
  }

  const webhook = async (c: Context) => {
    const body = await readBody(c, MAX_BODY_BYTES);
    if (!body.ok) return c.json({ error: "body too large" }, 413);
    const verified = verifyRequest(body.bytes, (name) => c.req.header(name), {
      encryptKey: deps.config.encryptKey,
      verificationToken: deps.config.verificationToken,
    });
    if (!verified.ok) {
      deps.logger.warn("webhook request refused", { status: verified.status, reason: verified.reason });
      return c.json({ error: verified.status === 400 ? "bad request" : "unauthorized" }, verified.status);
    }
    // A database behind the code would be written wrongly: refuse, and Feishu delivers the event again later.
    const behind = await deps.migrationsBehind();
    if (behind > 0) {
      deps.logger.error("database schema behind the code", { pending: behind });
      return c.json({ error: behindSentence(behind) }, 503);
    }
    return c.json(await receive(deps, verified.payload, deps.background));
  };
  app.post("/feishu/events", webhook);
  app.post("/feishu/cards", webhook);

  app.get("/healthz", async (c) => {
    let behind: number;
    try {
      await deps.db.run(sql`SELECT 1`);
      behind = await deps.migrationsBehind();
    } catch {
      return c.json({ ok: false, error: "database unavailable" }, 503);
    }
    if (behind > 0) return c.json({ ok: false, error: behindSentence(behind) }, 503);
    return c.json({ ok: true, mode: deps.messenger.localMode ? "local" : "feishu" });
  });

  app.onError((error, c) => {
    if (error instanceof BotError) return c.json({ error: error.message }, STATUS[error.code]);
    deps.logger.error("request failed", { path: c.req.path, error: error.message });
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
