// The Worker entry in-process, over the same parts as on Cloudflare: bindings through parseConfig, the web
// LibSQL client against a Hrana-over-HTTP stand-in for Turso, the real Lark SDK against the fake Open API. The
// answer goes back before the work behind it starts, and that work lives in ctx.waitUntil; the cron runs the
// tick and resumes an event a dead isolate left unfinished.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { deliveries, jobClaims } from "../db/schema";
import { normaliseEvent } from "../src/feishu/events";
import { openDatabase } from "../src/node/database";
import worker, { type Env, type WorkerContext } from "../src/worker";
import { encryptedDelivery, GROUP_CHAT, messagePayload } from "./support/events";
import { type FakeOpenApi, startFakeOpenApi } from "./support/fake-open-api";
import { ADMIN } from "./support/harness";
import type { HranaServer } from "./support/hrana-server";
import { startTurso, workerVars } from "./support/worker-env";

let dir: string;
let file: string;
let fake: FakeOpenApi;
let turso: HranaServer;
let env: Env;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "andu-worker-"));
  // As an operator does before deploying: npm run db:migrate against the database.
  ({ file, turso } = await startTurso(dir));
  fake = await startFakeOpenApi();
  env = workerVars(fake.url, turso.url);
});

afterEach(async () => {
  expect(fake.refused).toEqual([]);
  await fake.close();
  await turso.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An ExecutionContext that keeps what it is asked to wait for, as workerd does, until `settle`. */
function context() {
  const waiting: Promise<unknown>[] = [];
  const ctx: WorkerContext = { waitUntil: (promise) => void waiting.push(promise) };
  return {
    ctx,
    waiting,
    async settle() {
      // Work kept alive may ask for more (a drain behind a send): wait until nothing new was added.
      for (let seen = -1; seen !== waiting.length; ) {
        seen = waiting.length;
        await Promise.all(waiting);
      }
    },
  };
}

const post = (path: string, delivery: { headers: Record<string, string>; body: string }) =>
  new Request(`https://andu.example.workers.dev${path}`, {
    method: "POST",
    headers: delivery.headers,
    body: delivery.body,
  });

it("answers Feishu before the work starts, and the work finishes inside ctx.waitUntil", async () => {
  const { ctx, waiting, settle } = context();
  const delivery = encryptedDelivery(messagePayload("/帮助", { sender: ADMIN }));
  const response = await worker.fetch(post("/feishu/events", delivery), env, ctx);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({});
  // Acknowledged with nothing sent yet: the reply is work handed to waitUntil, not done before the answer.
  expect(fake.messages).toEqual([]);
  expect(waiting.length).toBeGreaterThan(0);
  await settle();
  expect(fake.messages.map((m) => m.kind)).toEqual(["reply"]);
  // The database is the stand-in for Turso, reached with DATABASE_AUTH_TOKEN.
  expect(turso.requests).toBeGreaterThan(0);

  // Feishu's redelivery of the same event does nothing more.
  const again = context();
  expect((await worker.fetch(post("/feishu/events", delivery), env, again.ctx)).status).toBe(200);
  await again.settle();
  expect(fake.messages).toHaveLength(1);
});

it("the cron runs the tick once per period and resumes an event a dead isolate left unfinished", async () => {
  // An event a dead isolate acknowledged and never finished: its lease ran out long ago.
  const payload = messagePayload("/帮助", { sender: ADMIN });
  const event = normaliseEvent(payload, null);
  const key = `event:${payload.header.event_id}`;
  const database = await openDatabase(`file:${file}`);
  await database.db
    .insert(deliveries)
    .values({ key, payload: JSON.stringify(event), leaseOwner: "dead-isolate", leaseUntil: 1, attempts: 1 });

  // Monday 10:00 in Asia/Shanghai: the weekly dispatch for the week before is due.
  const monday = Date.parse("2026-11-30T10:00:00+08:00");
  const first = context();
  await worker.scheduled({ scheduledTime: monday, cron: "* * * * *" }, env, first.ctx);
  await first.settle();
  const toGroup = () => fake.messages.filter((m) => m.receive_id === GROUP_CHAT);
  expect(toGroup().length).toBeGreaterThan(0);
  expect(fake.messages.filter((m) => m.kind === "reply")).toHaveLength(1);
  const [resumed] = await database.db.select().from(deliveries);
  expect(resumed?.payload).toBeNull();
  const claims = await database.db.select().from(jobClaims);
  expect(claims.map((c) => c.period)).toContain("2026-W48");

  // The next minute's cron: the period is claimed, nothing is posted twice.
  const posted = toGroup().length;
  const second = context();
  await worker.scheduled({ scheduledTime: monday + 60_000, cron: "* * * * *" }, env, second.ctx);
  await second.settle();
  expect(toGroup()).toHaveLength(posted);
  database.close();
});

it("a DATABASE_URL the Worker cannot open is refused with a sentence saying what to set", async () => {
  const { ctx } = context();
  const response = await worker.fetch(
    new Request("https://andu.example.workers.dev/healthz"),
    {
      ...env,
      DATABASE_URL: "file:data/andu.db",
    },
    ctx,
  );
  expect(response.status).toBe(503);
  expect(((await response.json()) as { error: string }).error).toContain("libsql://");
});
