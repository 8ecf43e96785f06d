// The Worker as Cloudflare runs it: `wrangler deploy --dry-run` bundles it (its size against the plans'
// limits), and `wrangler dev --local --test-scheduled` runs the bundle in workerd against a Hrana-over-HTTP
// stand-in for Turso and the fake Open API: /healthz, a signed and encrypted /帮助 answered through the real
// Lark SDK, a card callback, and the cron through /cdn-cgi/handler/scheduled (at the time it is given: /__scheduled ignores it).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobClaims } from "../db/schema";
import { validateCard } from "../src/feishu/card-rules/validate";
import { openDatabase } from "../src/node/database";
import { cardPayload, encryptedDelivery, GROUP_CHAT, messagePayload, postWithImages } from "./support/events";
import { type FakeOpenApi, startFakeOpenApi } from "./support/fake-open-api";
import { ADMIN } from "./support/harness";
import type { HranaServer } from "./support/hrana-server";
import { newHazardLine } from "./support/ledger";
import { startTurso, workerVars } from "./support/worker-env";
import { QUIET, ROOT, startWranglerDev, WRANGLER, type WranglerDev } from "./support/wrangler-dev";

/** The first bytes of a PNG: what a person's photo looks like to the fake Open API. */
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
const dir = mkdtempSync(join(tmpdir(), "andu-wrangler-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  return new Promise<{ code: number | null; output: string }>((done) => {
    const child = spawn(WRANGLER, args, { cwd: ROOT, env: QUIET });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => done({ code, output }));
  });
}

describe("wrangler deploy --dry-run", () => {
  it("bundles src/worker.ts within the Workers size limits", async () => {
    const outdir = join(dir, "dist");
    const { code, output } = await run(["deploy", "--dry-run", "--outdir", outdir]);
    expect(code, output).toBe(0);
    expect(existsSync(join(outdir, "worker.js"))).toBe(true);
    const size = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
    expect(size, output).not.toBeNull();
    const [raw, gzip] = [Number(size![1]), Number(size![2])];
    console.log(`worker bundle: ${raw} KiB, ${gzip} KiB gzipped`);
    // Workers take at most 3 MiB gzipped on the Free plan, 10 MiB on Paid; startup must parse it in 1 s.
    expect(gzip).toBeLessThan(3 * 1024);
  }, 120_000);
});

describe("wrangler dev --local --test-scheduled", () => {
  let fake: FakeOpenApi;
  let turso: HranaServer;
  let dev: WranglerDev;
  let base: string;
  let output: string[];

  beforeAll(async () => {
    ({ turso } = await startTurso(dir));
    fake = await startFakeOpenApi();
    dev = await startWranglerDev(workerVars(fake.url, turso.url), join(dir, "state"));
    ({ base, output } = dev);
  }, 180_000);

  afterAll(async () => {
    await dev?.stop();
    await fake?.close();
    await turso?.close();
  });

  /** Polls until `check` holds (the work behind an acknowledgement runs in waitUntil). */
  async function eventually(check: () => boolean, what: string) {
    const deadline = Date.now() + 30_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`${what} did not happen: ${output.join("").slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it("answers /healthz from workerd over the Turso stand-in", async () => {
    const response = await fetch(`${base}/healthz`);
    expect(await response.json()).toEqual({ ok: true, mode: "feishu" });
    expect(turso.requests).toBeGreaterThan(0);
  });

  it("acknowledges a signed, encrypted /帮助 and replies through the Lark SDK in waitUntil", async () => {
    const delivery = encryptedDelivery(messagePayload("/帮助", { sender: ADMIN }));
    const response = await fetch(`${base}/feishu/events`, {
      method: "POST",
      headers: delivery.headers,
      body: delivery.body,
    });
    expect(response.status).toBe(200);
    await eventually(() => fake.messages.some((m) => m.kind === "reply"), "the reply");
    expect(fake.messages.filter((m) => m.kind === "reply")).toHaveLength(1);
    // The SDK fetched its tenant token under workerd.
    expect(fake.requests.some((r) => r.path.includes("tenant_access_token"))).toBe(true);
  }, 60_000);

  it("answers a card callback within the request", async () => {
    const delivery = encryptedDelivery(
      cardPayload({ action: "hazard.list.page", page: 1, filter: { labels: [] } }, { operator: ADMIN }),
    );
    const response = await fetch(`${base}/feishu/cards`, {
      method: "POST",
      headers: delivery.headers,
      body: delivery.body,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { card?: { type: string; data: unknown }; toast?: unknown };
    expect(body.card?.type ?? body.toast).toBeTruthy();
    // An answered card must pass the rules Feishu applies, as a sent one does.
    if (body.card) expect(validateCard(body.card.data)).toEqual([]);
  }, 60_000);

  it("fetches a photo a person sent and uploads it as the bot's own (fetch and FormData, not the SDK's streams)", async () => {
    const created = encryptedDelivery(
      messagePayload(newHazardLine({ description: "Worker 上的照片" }), { sender: ADMIN }),
    );
    await fetch(`${base}/feishu/events`, { method: "POST", headers: created.headers, body: created.body });
    const numbered = () => fake.messages.find((m) => /YH-\d{4}-\d{4}/.test(JSON.stringify(m.content)));
    await eventually(() => numbered() !== undefined, "the new hazard");
    const number = /YH-\d{4}-\d{4}/.exec(JSON.stringify(numbered()!.content))![0];
    fake.addResource("om_worker_photo", "img_user_w", PNG);
    const photo = encryptedDelivery(
      postWithImages(`/隐患 进展 ${number} 已整改`, ["img_user_w"], {
        sender: ADMIN,
        messageId: "om_worker_photo",
      }),
    );
    await fetch(`${base}/feishu/events`, { method: "POST", headers: photo.headers, body: photo.body });
    const answer = () => fake.messages.find((m) => m.reply_to === "om_worker_photo");
    await eventually(() => answer() !== undefined, "the answer to the photo");
    expect(fake.requests.filter((r) => r.path === "/open-apis/im/v1/images")).toHaveLength(1);
    expect(JSON.stringify(answer()!.content)).toContain("附照片 1 张");
  }, 60_000);

  it("runs the tick from the cron: the week's dispatch once, however often it fires", async () => {
    // Monday 10:00 in Asia/Shanghai: the weekly dispatch for the week before is due.
    const monday = Date.parse("2026-11-30T10:00:00+08:00");
    const toGroup = () => fake.messages.filter((m) => m.receive_id === GROUP_CHAT);
    const first = await fetch(`${base}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${monday}`);
    expect(first.status).toBe(200);
    await eventually(() => toGroup().length > 0, "the weekly dispatch");
    const database = await openDatabase(`file:${join(dir, "andu.db")}`);
    expect((await database.db.select().from(jobClaims)).map((c) => c.period)).toContain("2026-W48");
    database.close();
    const posted = toGroup().length;
    const second = await fetch(`${base}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${monday + 60_000}`);
    expect(second.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    expect(toGroup()).toHaveLength(posted);
  }, 60_000);
});
