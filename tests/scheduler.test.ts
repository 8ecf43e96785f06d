// The one tick with an injected clock: a job posts its period once it is due (a holiday Monday's post moves to
// the next workday), exactly once however often or concurrently the tick runs, catches up only the latest
// period after an outage, and with no dispatch group claims nothing and tells the admins once.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { card, md } from "../cards/fragments";
import { jobClaims } from "../db/schema";
import { periodLabel } from "../src/domain/periods";
import { officialCalendar } from "../src/domain/workdays";
import { warnUncoveredYears } from "../src/jobs/calendar-warning";
import { firstWorkdayAfter, previousOf } from "../src/jobs/schedule";
import { runJob, tick } from "../src/jobs/tick";
import type { Job } from "../src/jobs/types";
import { GROUP_CHAT } from "./support/events";
import { ADMIN, type Harness, startHarness } from "./support/harness";

/** A job as data, like the real ones: reports the previous week, Monday 09:00 or the next workday. */
const weekly: Job = {
  name: "test-weekly",
  title: "测试周报",
  schedule: "每周一 09:00",
  period: previousOf("week"),
  due: firstWorkdayAfter("09:00"),
  async run(_run, period) {
    return [{ msgType: "interactive", card: card("测试周报", "blue", [md(periodLabel(period))]) }];
  },
};

let h: Harness;
let clock = 0;
afterEach(async () => h?.close());

const at = (text: string) => {
  clock = Date.parse(text);
  return clock;
};

async function start(group: string | undefined = GROUP_CHAT) {
  h = await startHarness({ now: () => clock, env: { FEISHU_GROUP_CHAT_ID: group } });
}

const tickAt = async (text: string) => tick(h.bot.deps, [weekly], at(text));
const posts = () =>
  h.fake.messages.filter((m) => m.receive_id === GROUP_CHAT).map((m) => JSON.stringify(m.content));

describe("due rule", () => {
  it("posts the previous week on Monday 09:00, not a minute before, and once", async () => {
    await start();
    expect((await tickAt("2023-07-03T08:59:00+08:00"))[0]).toMatchObject({
      status: "not-due",
      period: "2023-W26",
    });
    expect(posts()).toHaveLength(0);
    expect((await tickAt("2023-07-03T09:00:00+08:00"))[0]).toMatchObject({
      status: "posted",
      period: "2023-W26",
    });
    expect((await tickAt("2023-07-03T09:01:00+08:00"))[0]).toMatchObject({ status: "already-claimed" });
    expect((await tickAt("2023-07-05T09:00:00+08:00"))[0]).toMatchObject({ status: "already-claimed" });
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toContain("2023年第26周（6月26日–7月2日）");
  });

  it("a holiday Monday (劳动节 2023-05-01) posts on the next workday, Thursday 05-04", async () => {
    await start();
    for (const day of ["2023-05-01", "2023-05-02", "2023-05-03"]) {
      expect((await tickAt(`${day}T10:00:00+08:00`))[0]).toMatchObject({ status: "not-due" });
    }
    expect((await tickAt("2023-05-04T08:59:00+08:00"))[0]).toMatchObject({ status: "not-due" });
    expect((await tickAt("2023-05-04T09:00:00+08:00"))[0]).toMatchObject({
      status: "posted",
      period: "2023-W17",
    });
    expect(posts()).toHaveLength(1);
  });

  it("the National Day week's post goes out on the 调休 Saturday 2023-10-07", async () => {
    await start();
    expect((await tickAt("2023-10-06T09:00:00+08:00"))[0]).toMatchObject({ status: "not-due" });
    expect((await tickAt("2023-10-07T09:00:00+08:00"))[0]).toMatchObject({
      status: "posted",
      period: "2023-W39",
    });
  });
});

describe("catch-up", () => {
  it("after a stop of two days the missed post goes out on the next tick", async () => {
    await start();
    expect((await tickAt("2023-07-05T14:00:00+08:00"))[0]).toMatchObject({
      status: "posted",
      period: "2023-W26",
    });
    expect(posts()).toHaveLength(1);
  });

  it("after a stop of two weeks only the latest period is posted, the older ones are not", async () => {
    await start();
    await tickAt("2023-07-03T09:00:00+08:00"); // W26, then the service stops
    expect((await tickAt("2023-07-19T11:00:00+08:00"))[0]).toMatchObject({
      status: "posted",
      period: "2023-W28",
    });
    await tickAt("2023-07-19T11:01:00+08:00");
    expect(posts()).toHaveLength(2);
    const claimed = await h.bot.deps.db.select().from(jobClaims);
    expect(claimed.map((c) => c.period).sort()).toEqual(["2023-W26", "2023-W28"]);
  });
});

describe("exactly once", () => {
  it("two ticks at once post once", async () => {
    await start();
    at("2023-07-03T09:00:00+08:00");
    const outcomes = await Promise.all([
      tick(h.bot.deps, [weekly], clock),
      tick(h.bot.deps, [weekly], clock),
      tick(h.bot.deps, [weekly], clock),
    ]);
    const statuses = outcomes.flat().map((o) => o.status);
    expect(statuses.filter((s) => s === "posted")).toHaveLength(1);
    expect(statuses.filter((s) => s === "already-claimed")).toHaveLength(2);
    expect(posts()).toHaveLength(1);
  });

  it("running the job by hand posts the period whatever the calendar, and a claimed one posts nothing", async () => {
    await start();
    const run = {
      deps: h.bot.deps,
      calendar: officialCalendar(),
      at: at("2023-07-02T20:00:00+08:00"),
      today: "2023-07-02",
    };
    expect(await runJob(run, weekly, weekly.period("2023-07-02"))).toMatchObject({
      status: "posted",
      period: "2023-W25",
    });
    expect(await runJob(run, weekly, weekly.period("2023-07-02"))).toMatchObject({
      status: "already-claimed",
    });
    expect(posts()).toHaveLength(1);
  });
});

describe("no dispatch group", () => {
  it("claims nothing, tells the admins once, and posts once a group is set (if still current)", async () => {
    await start("");
    expect((await tickAt("2023-07-03T09:00:00+08:00"))[0]).toMatchObject({ status: "no-dispatch-group" });
    expect((await tickAt("2023-07-03T09:01:00+08:00"))[0]).toMatchObject({ status: "no-dispatch-group" });
    const told = h.fake.messages.filter((m) => m.receive_id === ADMIN);
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]!.content)).toContain("还没有设置调度群");
    expect(await h.bot.deps.db.select().from(jobClaims).where(eq(jobClaims.job, "test-weekly"))).toEqual([]);
    await h.ask("/设置 本群为调度群");
    expect((await tickAt("2023-07-04T09:00:00+08:00"))[0]).toMatchObject({
      status: "posted",
      period: "2023-W26",
    });
    expect(posts().filter((p) => p.includes("测试周报"))).toHaveLength(1);
  });
});

describe("holiday data", () => {
  it("a year the data does not cover: the admins are told once, at start", async () => {
    await start();
    at("2099-03-01T10:00:00+08:00");
    await warnUncoveredYears(h.bot.deps, officialCalendar());
    await warnUncoveredYears(h.bot.deps, officialCalendar());
    const told = h.fake.messages.filter((m) => m.receive_id === ADMIN);
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]!.content)).toContain("2099 年的官方安排");
    at("2023-03-01T10:00:00+08:00");
    await warnUncoveredYears(h.bot.deps, officialCalendar());
    expect(h.fake.messages.filter((m) => m.receive_id === ADMIN)).toHaveLength(1);
  });
});
