// The rhythm left running, simulated: the scheduler's tick at 08:59, 09:00 and 09:30 of every day from
// 2023-09-01 to 2024-01-03, a quarter and more, through the National Day week with its 调休 Saturday and New
// Year's Day on a Monday. Every card reaches the dispatch group once, on its workday, at its time; nothing twice,
// nothing missed. The ticks run in this process (`tick`, the function `npm run job -- tick` calls): a process
// start costs seconds, so 375 of them would take the suite minutes. One of them, on the busiest day (2023-10-07,
// three cards due), is the real `npm run job -- tick --at …` process on the same database and fake Feishu, so
// the door an operator uses is proven on the same run, and the in-process ticks after it find its claims.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { addDays } from "../src/domain/time";
import { jobs } from "../src/jobs";
import { tick } from "../src/jobs/tick";
import { APP_ID, GROUP_CHAT } from "./support/events";
import { type Harness, startHarness } from "./support/harness";
import { newHazardLine } from "./support/ledger";

const root = join(import.meta.dirname, "..");
const TIMES = ["08:59", "09:00", "09:30"];
const PROCESS_TICK = "2023-10-07 09:00";

/** What the group must receive and when (local time): card, period, its label; worked out by hand. */
const EXPECTED: [when: string, title: string, period: string, label: string][] = [
  // the bot starts on 2023-09-01: what was due and is still each job's current period goes out at the first tick
  ["2023-09-01 08:59", "周调度", "2023-W34", "2023年第34周（8月21日–8月27日）"],
  ["2023-09-01 08:59", "季通报", "2023Q2", "2023年第二季度"],
  ["2023-09-01 09:00", "月小结", "2023-08", "2023年8月"],
  ["2023-09-04 09:00", "周调度", "2023-W35", "2023年第35周（8月28日–9月3日）"],
  ["2023-09-11 09:00", "周调度", "2023-W36", "2023年第36周（9月4日–9月10日）"],
  ["2023-09-18 09:00", "周调度", "2023-W37", "2023年第37周（9月11日–9月17日）"],
  ["2023-09-25 09:00", "周调度", "2023-W38", "2023年第38周（9月18日–9月24日）"],
  // 国庆: 09-29 to 10-06 off; Saturday 10-07 is a 调休 workday and takes what fell due in the holiday
  ["2023-10-07 09:00", "周调度", "2023-W39", "2023年第39周（9月25日–10月1日）"],
  ["2023-10-07 09:00", "月小结", "2023-09", "2023年9月"],
  ["2023-10-07 09:30", "季通报", "2023Q3", "2023年第三季度"],
  ["2023-10-09 09:00", "周调度", "2023-W40", "2023年第40周（10月2日–10月8日）"],
  ["2023-10-16 09:00", "周调度", "2023-W41", "2023年第41周（10月9日–10月15日）"],
  ["2023-10-23 09:00", "周调度", "2023-W42", "2023年第42周（10月16日–10月22日）"],
  ["2023-10-30 09:00", "周调度", "2023-W43", "2023年第43周（10月23日–10月29日）"],
  ["2023-11-01 09:00", "月小结", "2023-10", "2023年10月"],
  ["2023-11-06 09:00", "周调度", "2023-W44", "2023年第44周（10月30日–11月5日）"],
  ["2023-11-13 09:00", "周调度", "2023-W45", "2023年第45周（11月6日–11月12日）"],
  ["2023-11-20 09:00", "周调度", "2023-W46", "2023年第46周（11月13日–11月19日）"],
  ["2023-11-27 09:00", "周调度", "2023-W47", "2023年第47周（11月20日–11月26日）"],
  ["2023-12-01 09:00", "月小结", "2023-11", "2023年11月"],
  ["2023-12-01 09:00", "年总结", "2023", "2023年"],
  ["2023-12-04 09:00", "周调度", "2023-W48", "2023年第48周（11月27日–12月3日）"],
  ["2023-12-11 09:00", "周调度", "2023-W49", "2023年第49周（12月4日–12月10日）"],
  ["2023-12-18 09:00", "周调度", "2023-W50", "2023年第50周（12月11日–12月17日）"],
  ["2023-12-25 09:00", "周调度", "2023-W51", "2023年第51周（12月18日–12月24日）"],
  // 元旦 on Monday 2024-01-01: the week, December and the fourth quarter go out on Tuesday
  ["2024-01-02 09:00", "周调度", "2023-W52", "2023年第52周（12月25日–12月31日）"],
  ["2024-01-02 09:00", "月小结", "2023-12", "2023年12月"],
  ["2024-01-02 09:30", "季通报", "2023Q4", "2023年第四季度"],
];

let h: Harness;
let clock = 0;
afterEach(async () => h?.close());

/** The campaign's cards (the reminders job runs in the same ticks; its own tests cover it). */
const CAMPAIGN = ["weekly-dispatch", "monthly-summary", "quarterly-ranking", "annual-summary"];
const TITLES = new Map(jobs.filter((j) => CAMPAIGN.includes(j.name)).map((j) => [j.name, j.title]));

/** `npm run job -- tick --at …` as its own process, on the harness's database and fake Feishu. */
function processTick(at: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    join(root, "node_modules", ".bin", "tsx"),
    [join(root, "scripts/job.ts"), "tick", "--at", at],
    {
      cwd: h.dir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: `file:${join(h.dir, "andu.db")}`,
        FEISHU_APP_ID: APP_ID,
        FEISHU_APP_SECRET: "test-secret",
        FEISHU_DOMAIN: h.fake.url,
        FEISHU_GROUP_CHAT_ID: GROUP_CHAT,
      },
    },
  );
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out })));
}

describe("a quarter, day by day", () => {
  it("posts every card once, on its workday and at its time, through holidays and a 调休 Saturday", async () => {
    clock = Date.parse("2023-08-31T10:00:00+08:00");
    h = await startHarness({ now: () => clock, env: { FEISHU_GROUP_CHAT_ID: GROUP_CHAT } });
    await h.ask(newHazardLine(), { createTime: clock }); // a ledger with something in it

    const posted: string[] = [];
    let processRun = "";
    for (let day = "2023-09-01"; day <= "2024-01-03"; day = addDays(day, 1)) {
      for (const time of TIMES) {
        const when = `${day} ${time}`;
        clock = Date.parse(`${day}T${time}:00+08:00`);
        if (when === PROCESS_TICK) {
          const run = await processTick(`${day}T${time}:00+08:00`);
          expect(run.code, run.out).toBe(0);
          processRun = run.out;
          for (const m of run.out.matchAll(/^[a-z-]+（(.+?)）(\S+)：已发到调度群$/gm))
            if ([...TITLES.values()].includes(m[1]!)) posted.push(`${when} ${m[1]} ${m[2]}`);
          continue;
        }
        for (const o of await tick(h.bot.deps, jobs, clock))
          if (o.status === "posted" && TITLES.has(o.job))
            posted.push(`${when} ${TITLES.get(o.job)} ${o.period}`);
      }
    }
    await h.settle();

    // what the ticks say they posted, and when
    expect(posted).toEqual(EXPECTED.map(([when, title, period]) => `${when} ${title} ${period}`));
    expect(processRun).toContain("quarterly-ranking（季通报）2023Q3：还没到时间（2023-10-07 09:30）");

    // what the group received: each card once, in the order and at the moments expected
    const received = h.fake.messages
      .filter((m) => m.receive_id === GROUP_CHAT && m.msg_type === "interactive")
      .map((m) => m.content as Card)
      .filter((c) => [...TITLES.values()].includes(c.header?.title.content ?? ""))
      .map((c) => `${c.header?.title.content} ${c.header?.subtitle?.content}`);
    expect(received).toEqual(EXPECTED.map(([, title, , label]) => `${title} ${label}`));
    expect(new Set(received).size).toBe(received.length);
  }, 120_000);
});
