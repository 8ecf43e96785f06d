// Two Node instances on one database, as two real processes (`npm start` twice, one LibSQL file): the same
// events delivered to both are handled once, hazards created at both at once get distinct numbers, both
// schedulers tick in the same minute and each due card is posted once. Feishu's 5 messages a second to one
// group holds across instances only at Feishu: what one instance's own spacing cannot see is refused with
// 99991400 and retried, so every answer still arrives once. Both services' clocks read a Wednesday morning
// (./support/shifted-clock.ts), so which cards are due does not depend on the day the test runs.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hazards, jobClaims } from "../db/schema";
import { openDatabase } from "../src/node/database";
import { encryptedDelivery, GROUP_CHAT, messagePayload } from "./support/events";
import { type DeliveredMessage, type FakeOpenApi, startFakeOpenApi } from "./support/fake-open-api";
import { ADMIN } from "./support/harness";
import { newHazardLine } from "./support/ledger";
import { clockAt, freePort, type ServiceProcess, startService } from "./support/service-process";

const ROOT = resolve(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "andu-two-"));
const databaseUrl = `file:${join(dir, "andu.db")}`;
/**
 * Wednesday 2026-06-10 10:00 in Asia/Shanghai, a workday in a week with no holiday: due by then are the day's
 * reminders (08:30), the 周调度 of 6月1日–7日 (Monday 09:00), the 月小结 of May (1 June 09:00), the 季通报 of
 * the first quarter (1 April 09:30) and the quarter's first 典型案例提醒 (1 June 09:00); not yet due are the
 * 月报提醒 (15 June), the 月报点名 (22 June) and the 年总结 (1 December).
 */
const clock = clockAt(Date.parse("2026-06-10T10:00:00+08:00"));
let fake: FakeOpenApi;
let a: ServiceProcess;
let b: ServiceProcess;

beforeAll(async () => {
  // Stricter than Feishu's 5 a second, so that the two instances' answers certainly cross it however loaded the
  // machine is (each instance alone keeps to 5): what matters is that every refused send still arrives once.
  fake = await startFakeOpenApi({ chatLimitPerSecond: 2 });
  // As an operator would: the database is migrated once, then both instances start on it.
  const migrated = await new Promise<number | null>((done) =>
    spawn(join(ROOT, "node_modules/.bin/tsx"), ["scripts/migrate.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl },
      stdio: "ignore",
    }).on("close", done),
  );
  expect(migrated).toBe(0);
  const env = { ADMIN_OPEN_IDS: ADMIN, FEISHU_GROUP_CHAT_ID: GROUP_CHAT };
  const [pa, pb] = [await freePort(), await freePort()];
  [a, b] = await Promise.all([
    startService({ databaseUrl, openApiUrl: fake.url, port: pa, env, clockShiftMinutes: clock.minutes }),
    startService({ databaseUrl, openApiUrl: fake.url, port: pb, env, clockShiftMinutes: clock.minutes }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Waits until `check` holds, polling; fails with what the instances logged. */
async function eventually(check: () => boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`${what} did not happen: ${[...a.output, ...b.output].join("").slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const repliesTo = (messageId: string) => fake.messages.filter((m) => m.reply_to === messageId);

it("handles each event once, numbers each hazard once, and posts each due card once", async () => {
  // The same events delivered to both instances at once (a redelivery landing on the other instance).
  const same = Array.from({ length: 4 }, (_, i) => {
    const messageId = `om_same_${i}`;
    fake.addMessage(messageId, GROUP_CHAT);
    return {
      messageId,
      delivery: encryptedDelivery(
        messagePayload("/帮助", { sender: ADMIN, messageId, createTime: clock.now() }),
      ),
    };
  });
  // Hazards created at both at once, in one group: the numbers come from one counter, and the group's
  // answers from two instances together go past Feishu's 5 a second.
  const created = Array.from({ length: 12 }, (_, i) => {
    const messageId = `om_hazard_${i}`;
    fake.addMessage(messageId, GROUP_CHAT);
    return {
      messageId,
      delivery: encryptedDelivery(
        messagePayload(newHazardLine({ description: `两个实例同时登记 ${i}` }), {
          sender: ADMIN,
          messageId,
          createTime: clock.now(),
        }),
      ),
    };
  });
  const responses = await Promise.all([
    ...same.flatMap(({ delivery }) => [a.deliver(delivery), b.deliver(delivery)]),
    ...created.map(({ delivery }, i) => (i % 2 === 0 ? a : b).deliver(delivery)),
  ]);
  expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));

  const asked = [...same, ...created].map((x) => x.messageId);
  await eventually(() => asked.every((id) => repliesTo(id).length > 0), "an answer to every message");
  // A moment more: a second answer from the other instance would show up now.
  await new Promise((r) => setTimeout(r, 2000));
  for (const id of asked) expect(repliesTo(id), id).toHaveLength(1);
  // Both instances sent into the group at once, past the limit: Feishu refused some, the retries delivered.
  expect(fake.throttled).toBeGreaterThan(0);

  const database = await openDatabase(databaseUrl);
  const rows = await database.db.select({ number: hazards.number }).from(hazards);
  expect(rows).toHaveLength(12);
  expect(new Set(rows.map((r) => r.number)).size).toBe(12);
  // The number's year is the services' year (2026), whatever year the test runs in.
  const year = new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(
    clock.now(),
  );
  expect(rows.map((r) => r.number).sort()).toEqual(
    Array.from({ length: 12 }, (_, i) => `YH-${year}-${String(i + 1).padStart(4, "0")}`),
  );

  // Both schedulers tick at the top of every minute, at the same moment (the first tick after the start finds
  // everything below due): by a tick from now, each due job has been claimed once and each card posted once.
  const nextMinute = Math.ceil((Date.now() + 1) / 60_000) * 60_000;
  await new Promise((r) => setTimeout(r, nextMinute - Date.now() + 5_000));
  const claims = await database.db
    .select({ job: jobClaims.job, period: jobClaims.period })
    .from(jobClaims)
    .orderBy(jobClaims.job);
  database.close();
  expect(claims).toEqual([
    { job: "monthly-summary", period: "2026-05" },
    { job: "quarterly-case-reminder", period: "2026Q2#1" },
    { job: "quarterly-ranking", period: "2026Q1" },
    { job: "reminders", period: "2026-06-10" },
    { job: "weekly-dispatch", period: "2026-W23" },
  ]);
  // The reminders had nothing due for anyone (every 期限 is 31 July): the group gets the four cards.
  const titleOf = (m: DeliveredMessage) =>
    (m.content as { header?: { title?: { content?: string } } }).header?.title?.content ?? "";
  const posted = () =>
    fake.messages.filter((m) => m.kind === "create" && m.receive_id === GROUP_CHAT).map(titleOf);
  const cards = ["周调度", "月小结", "季通报", "典型案例提醒"];
  await eventually(() => posted().length >= cards.length, "the due cards");
  await new Promise((r) => setTimeout(r, 2000));
  expect(posted(), "what the group was sent").toHaveLength(cards.length);
  for (const card of cards)
    expect(
      posted().filter((title) => title.startsWith(card)),
      card,
    ).toHaveLength(1);
}, 180_000);
