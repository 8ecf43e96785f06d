// Reminders through the real doors: hazards logged by command, the daily run as the scheduler makes it with the
// clock moved day by day, cards sent to the fake Feishu, 已知悉 pressed on them through signed callbacks.

import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Card } from "../cards/types";
import { hazards, jobClaims, reminderPauses, sectorMembers } from "../db/schema";
import { addDays } from "../src/domain/time";
import { officialCalendar, workdaysBetween } from "../src/domain/workdays";
import { jobs } from "../src/jobs";
import { runReminders } from "../src/jobs/reminders-run";
import { tick } from "../src/jobs/tick";
import { memoryLogger } from "../src/logger";
import { bootBot } from "../src/node/boot";
import { putSetting } from "../src/store/settings";
import { GROUP_CHAT } from "./support/events";
import { ADMIN } from "./support/harness";
import { addEnterprise, bind } from "./support/ledger";
import {
  ackButtons,
  allCards,
  allItems,
  CADRE,
  HEAD,
  LEADER,
  OTHER,
  type ReminderBot,
  recipientsOf,
  reminderCardsIn,
  startReminderBot,
  textOfCard,
} from "./support/reminders";

// Each simulated day ticks the whole scheduler: weeks of them take seconds on a loaded machine.
vi.setConfig({ testTimeout: 30_000 });

let r: ReminderBot;

beforeEach(async () => {
  r = await startReminderBot();
  const enterpriseId = await addEnterprise(r.h, "东风加油站", "应急办", 5);
  await bind(r.h, CADRE, "干部", { name: "李干部", unit: "应急办" });
  await bind(r.h, HEAD, "企业负责人", { name: "王老板", enterpriseId });
  await bind(r.h, OTHER, "干部", { name: "赵干部", unit: "应急办" });
});

afterEach(async () => {
  expect(r.h.fake.refused).toEqual([]);
  await r.h.close();
});

/** Logs a hazard by command on `day` (a message at 10:00 that day). */
async function logHazard(
  day: string,
  o: { deadline: string; level?: string; source?: string; enterprise?: string; unit?: string },
) {
  r.at(day, "10:00");
  await r.h.ask(
    `/隐患 新增 单位=${o.unit ?? "应急办"} 企业=${o.enterprise ?? "东风加油站"} 领域=危险化学品 描述=储罐区未设防雷设施 措施=加装防雷接地 期限=${o.deadline} 等级=${o.level ?? "一般"} 来源=${o.source ?? "企业自查"}`,
    { createTime: r.at(day, "10:00") },
  );
}

function daysWith(days: Map<string, ReturnType<typeof reminderCardsIn>>) {
  return [...days].filter(([, m]) => reminderCardsIn(m).length > 0).map(([d]) => d);
}

describe("hazard deadlines", () => {
  it("a Sunday deadline: 3 days before on Thursday, on the day on Friday, overdue on Monday and a week later", async () => {
    await logHazard("2023-07-03", { deadline: "2023-07-09" });
    const days = await r.days("2023-07-03", "2023-07-25");
    expect(daysWith(days)).toEqual(["2023-07-06", "2023-07-07", "2023-07-10", "2023-07-17", "2023-07-24"]);
    expect(recipientsOf(days.get("2023-07-06")!)).toEqual([CADRE, HEAD, OTHER].sort());
    const [thursday] = reminderCardsIn(days.get("2023-07-06")!);
    expect(textOfCard(thursday!)).toContain("整改期限 2023-07-09，还剩 3 天");
    const [friday] = reminderCardsIn(days.get("2023-07-07")!);
    expect(textOfCard(friday!)).toContain("整改期限 2023-07-09（2 天后，非工作日）到期");
    const [monday] = reminderCardsIn(days.get("2023-07-10")!);
    expect(textOfCard(monday!)).toContain("已超期 1 天");
    // each (recipient, hazard, occasion) once
    const items = await allItems(r.h);
    const keys = items.map((i) => `${i.recipient} ${i.occasion}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("overdue also reaches the sector's bound 责任领导", async () => {
    await r.h.bot.deps.db.insert(sectorMembers).values({ sectorId: 5, openId: LEADER, duty: "责任领导" });
    await bind(r.h, LEADER, "领导", { name: "陈领导" });
    await logHazard("2023-07-03", { deadline: "2023-07-05" });
    const days = await r.days("2023-07-03", "2023-07-06");
    expect(recipientsOf(days.get("2023-07-03")!)).toEqual([CADRE, HEAD, OTHER].sort());
    expect(recipientsOf(days.get("2023-07-06")!)).toEqual([CADRE, HEAD, LEADER, OTHER].sort());
  });

  it("a hazard logged two days before its deadline is reminded the next morning, then on the day", async () => {
    expect(reminderCardsIn(await r.day("2023-07-04"))).toEqual([]); // 08:30, before it is logged
    await logHazard("2023-07-04", { deadline: "2023-07-06" });
    const days = await r.days("2023-07-05", "2023-07-06");
    expect(daysWith(days)).toEqual(["2023-07-05", "2023-07-06"]);
  });

  it("the National Day week is skipped: the day's reminder on the last workday before, overdue on the make-up Saturday", async () => {
    await logHazard("2023-09-25", { deadline: "2023-10-03" });
    const days = await r.days("2023-09-25", "2023-10-09");
    expect(daysWith(days)).toEqual(["2023-09-28", "2023-10-07"]);
    expect(textOfCard(reminderCardsIn(days.get("2023-09-28")!)[0]!)).toContain(
      "整改期限 2023-10-03（5 天后，非工作日）到期",
    );
    expect(textOfCard(reminderCardsIn(days.get("2023-10-07")!)[0]!)).toContain("已超期 4 天");
  });

  it("a workday the service was down: the next run sends what was left since the last workday", async () => {
    await logHazard("2023-06-30", { deadline: "2023-07-06" });
    // no tick on Monday 07-03; Tuesday's run sends the 3-day reminder, and Thursday's the day's
    const days = await r.days("2023-07-04", "2023-07-06");
    expect(daysWith(days)).toEqual(["2023-07-04", "2023-07-06"]);
    expect(textOfCard(reminderCardsIn(days.get("2023-07-04")!)[0]!)).toContain(
      "整改期限 2023-07-06，还剩 2 天",
    );
  });

  it("a withdrawn hazard is never reminded", async () => {
    await logHazard("2023-07-03", { deadline: "2023-07-05" });
    await r.h.ask("/隐患 撤销 YH-2023-0001 原因=重复登记", { createTime: r.at("2023-07-03", "11:00") });
    expect(
      (await r.h.bot.deps.db.select().from(hazards).where(eq(hazards.number, "YH-2023-0001")).get())?.status,
    ).toBe("已撤销");
    const days = await r.days("2023-07-04", "2023-07-12");
    expect(daysWith(days)).toEqual([]);
  });
});

describe("exactly once", () => {
  it("the tick every minute runs the day's reminders once, at 08:30 on a workday, with no dispatch group needed", async () => {
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    const calendar = officialCalendar();
    const tickAt = async (time: string) => {
      const outcomes = await tick(r.h.bot.deps, jobs, r.at("2023-07-03", time), calendar);
      await r.h.settle();
      return outcomes.find((o) => o.job === "reminders");
    };
    expect(await tickAt("08:29")).toMatchObject({ status: "not-due", period: "2023-07-03" });
    expect(reminderCardsIn(r.h.fake.messages)).toEqual([]);
    expect(await tickAt("08:30")).toMatchObject({ status: "sent", period: "2023-07-03" });
    expect(await tickAt("08:30")).toMatchObject({ status: "already-claimed" });
    for (const time of ["08:31", "08:45", "15:00", "23:59"])
      expect(await tickAt(time)).toMatchObject({ status: "already-claimed" });
    expect(recipientsOf(r.h.fake.messages)).toEqual([CADRE, HEAD, OTHER].sort());
    const claims = await r.h.bot.deps.db.select().from(jobClaims).where(eq(jobClaims.job, "reminders"));
    expect(claims.map((c) => c.period)).toEqual(["2023-07-03"]);
    // Saturday and Sunday are not due; Monday is the next run
    for (const d of ["2023-07-08", "2023-07-09"])
      expect(
        (await tick(r.h.bot.deps, jobs, r.at(d, "09:00"), calendar)).find((o) => o.job === "reminders"),
      ).toMatchObject({ status: "not-due", period: d, due: Date.parse("2023-07-10T08:30:00+08:00") });
  });

  it("three ticks at once send each card once", async () => {
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    await logHazard("2023-07-03", { deadline: "2023-07-05", enterprise: "西山石场" });
    const at = r.at("2023-07-03", "08:30");
    const outcomes = await Promise.all([1, 2, 3].map(() => tick(r.h.bot.deps, jobs, at)));
    await r.h.settle();
    const statuses = outcomes.flat().filter((o) => o.job === "reminders");
    expect(statuses.some((o) => o.status === "sent")).toBe(true);
    expect(recipientsOf(r.h.fake.messages)).toEqual([CADRE, HEAD, OTHER].sort());
    // 西山石场 is not registered: its hazard goes to the unit's two 干部 only
    expect((await allItems(r.h)).length).toBe(5);
    const shown = reminderCardsIn(r.h.fake.messages).flatMap((m) => ackButtons(m).items);
    expect(shown).toHaveLength(5);
  });

  it("a restarted bot on the same database sends nothing again: the day is claimed, and a run that stopped before its claim finds every card sent", async () => {
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    const first = await r.day("2023-07-03");
    expect(recipientsOf(first)).toEqual([CADRE, HEAD, OTHER].sort());
    expect(reminderCardsIn(await r.day("2023-07-03"))).toEqual([]);
    expect(r.lastOutcome()).toMatchObject({ status: "already-claimed" });
    const again = await bootBot(r.h.bot.deps.config, { logger: memoryLogger(), now: r.h.bot.deps.now });
    const before = reminderCardsIn(r.h.fake.messages).length;
    const outcomes = await tick(again.deps, jobs, r.at("2023-07-03", "09:00"));
    expect(outcomes.find((o) => o.job === "reminders")).toMatchObject({ status: "already-claimed" });
    // what a run killed between its cards and its claim does again on the next tick
    const summary = await runReminders(again.deps, officialCalendar(), "2023-07-03");
    await again.close();
    expect(summary.cards).toBe(0);
    expect(reminderCardsIn(r.h.fake.messages).length).toBe(before);
    expect((await allItems(r.h)).length).toBe(3);
  });
});

describe("acknowledgement", () => {
  it("the addressee acknowledges one item; the card updates in place; another person is refused and nothing is written", async () => {
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    const sent = reminderCardsIn(await r.day("2023-07-03"));
    const cadreCard = sent.find((m) => m.receive_id === CADRE)!;
    const { items } = ackButtons(cadreCard);
    expect(items).toHaveLength(1);

    const refused = await r.h.click(items[0]!, { operator: OTHER, messageId: cadreCard.message_id });
    expect((refused.body.toast as { content: string }).content).toContain("只有本人");
    expect(refused.body.card).toBeUndefined();
    expect((await allItems(r.h)).every((i) => i.ackedAt === null)).toBe(true);

    r.at("2023-07-03", "09:15");
    const answer = await r.h.click(items[0]!, { operator: CADRE, messageId: cadreCard.message_id });
    expect((answer.body.toast as { type: string }).type).toBe("success");
    const card = (answer.body.card as { data: Parameters<typeof textOfCard>[0]["content"] }).data;
    expect(textOfCard({ ...cadreCard, content: card })).toContain("李干部 2023-07-03 09:15");
    const mine = (await allItems(r.h)).filter((i) => i.recipient === CADRE);
    expect(mine.map((i) => [i.ackedBy, i.ackedAt])).toEqual([[CADRE, r.at("2023-07-03", "09:15")]]);
  });

  it("an admin acknowledges on someone's behalf, recorded as such", async () => {
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    const sent = reminderCardsIn(await r.day("2023-07-03"));
    const headCard = sent.find((m) => m.receive_id === HEAD)!;
    const answer = await r.h.click(ackButtons(headCard).all!, { operator: ADMIN });
    expect((answer.body.toast as { content: string }).content).toContain("代为确认");
    const item = (await allItems(r.h)).find((i) => i.recipient === HEAD)!;
    expect(item.ackedBy).toBe(ADMIN);
  });

  it("a press on an old card answers with the current state and records nothing new", async () => {
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    const sent = reminderCardsIn(await r.day("2023-07-03"));
    const headCard = sent.find((m) => m.receive_id === HEAD)!;
    await r.h.click(ackButtons(headCard).all!, { operator: HEAD });
    const before = await allItems(r.h);
    r.at("2023-07-05", "10:00");
    const again = await r.h.click(ackButtons(headCard).items[0]!, { operator: HEAD });
    expect((again.body.toast as { type: string }).type).toBe("info");
    expect(JSON.stringify(again.body.card)).toContain("已知悉");
    expect(await allItems(r.h)).toEqual(before);
  });
  it("a press by someone else on an old card is refused too, and nothing is written", async () => {
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    const headCard = reminderCardsIn(await r.day("2023-07-03")).find((m) => m.receive_id === HEAD)!;
    await r.days("2023-07-04", "2023-07-06"); // newer cards have gone out since
    const before = await allItems(r.h);
    r.at("2023-07-06", "10:00");
    for (const value of [ackButtons(headCard).items[0]!, ackButtons(headCard).all!]) {
      const refused = await r.h.click(value, { operator: OTHER });
      expect((refused.body.toast as { content: string }).content).toContain("只有本人");
    }
    expect(await allItems(r.h)).toEqual(before);
  });

  it("more than 20 items: 20 rows with their buttons, the rest counted, and 全部已知悉 records every one", async () => {
    for (let n = 1; n <= 23; n++)
      await logHazard("2023-07-03", { deadline: "2023-07-06", enterprise: `小作坊${n}号` });
    const cadreCard = reminderCardsIn(await r.day("2023-07-03")).find((m) => m.receive_id === CADRE)!;
    const { items, all } = ackButtons(cadreCard);
    expect(items).toHaveLength(20);
    expect(textOfCard(cadreCard)).toContain("共 23 项，23 项待确认");
    expect(textOfCard(cadreCard)).toContain("另有 3 项未显示");
    r.at("2023-07-03", "09:10");
    const answer = await r.h.click(all!, { operator: CADRE });
    expect((answer.body.toast as { content: string }).content).toContain("已记录 23 项");
    expect(JSON.stringify(answer.body.card)).toContain("全部已知悉，谢谢。");
    const mine = (await allItems(r.h)).filter((i) => i.recipient === CADRE);
    expect(mine).toHaveLength(23);
    expect(mine.every((i) => i.ackedBy === CADRE && i.ackedAt === r.at("2023-07-03", "09:10"))).toBe(true);
  });
});

describe("escalation", () => {
  beforeEach(async () => {
    await putSetting(r.h.bot.deps.db, "调度群", GROUP_CHAT, ADMIN);
  });

  it("unacknowledged after 2 workdays: one card for the dispatch group, @mentioning the admins; not before; acknowledged ones never", async () => {
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    await logHazard("2023-07-03", { deadline: "2023-07-06", enterprise: "西山石场" });
    const monday = reminderCardsIn(await r.day("2023-07-03"));
    // the cadre acknowledges the first hazard on all cards? no: only their own card, for both hazards
    const cadreCard = monday.find((m) => m.receive_id === CADRE)!;
    await r.h.click(ackButtons(cadreCard).items[0]!, { operator: CADRE });
    const tuesday = await r.day("2023-07-04");
    expect(reminderCardsIn(tuesday).filter((m) => m.receive_id === GROUP_CHAT)).toEqual([]);
    const wednesday = reminderCardsIn(await r.day("2023-07-05")).filter((m) => m.receive_id === GROUP_CHAT);
    expect(wednesday).toHaveLength(1);
    const text = textOfCard(wednesday[0]!);
    expect(JSON.stringify(wednesday[0]!.content)).toContain(`<at id=${ADMIN}></at>`);
    expect(text).toContain("西山石场");
    expect(text).not.toContain("东风加油站");
  });

  it("the grace period is the 提醒宽限工作日 setting", async () => {
    await putSetting(r.h.bot.deps.db, "提醒宽限工作日", "3", ADMIN);
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    const days = await r.days("2023-07-03", "2023-07-06");
    const groupDays = [...days].filter(([, m]) =>
      reminderCardsIn(m).some((c) => c.receive_id === GROUP_CHAT),
    );
    expect(groupDays.map(([d]) => d)).toEqual(["2023-07-06"]);
  });

  it("with 超期加急=是 an escalated overdue 重大 hazard gets the urgent push; a used-up quota leaves the message", async () => {
    await putSetting(r.h.bot.deps.db, "超期加急", "是", ADMIN);
    await logHazard("2023-07-03", { deadline: "2023-07-04", level: "重大" });
    await r.days("2023-07-03", "2023-07-05");
    r.h.fake.failNext(1, { status: 400, code: 230024, msg: "urgent quota", match: /urgent_app/ });
    const friday = reminderCardsIn(await r.day("2023-07-07")).filter((m) => m.receive_id === GROUP_CHAT);
    expect(friday).toHaveLength(1);
    expect(r.h.fake.requests.filter((q) => q.path.endsWith("/urgent_app"))).toHaveLength(1);
    expect(r.h.logs.join("\n")).toContain("urgent push not sent");
  });

  it("超期加急=是: the group's card escalating an overdue 重大 hazard is pushed urgently to the admins, once", async () => {
    await putSetting(r.h.bot.deps.db, "超期加急", "是", ADMIN);
    await logHazard("2023-07-03", { deadline: "2023-07-04", level: "重大" });
    const days = await r.days("2023-07-03", "2023-07-12");
    const urgent = r.h.fake.requests.filter((q) => q.path.endsWith("/urgent_app"));
    // overdue first reminded on Wednesday 07-05, escalated to the group two workdays later, on Friday
    const friday = reminderCardsIn(days.get("2023-07-07")!).filter((m) => m.receive_id === GROUP_CHAT);
    expect(friday).toHaveLength(1);
    expect(urgent.map((q) => q.path)).toEqual([
      `/open-apis/im/v1/messages/${friday[0]!.message_id}/urgent_app`,
    ]);
    expect((urgent[0]!.body as { user_id_list: string[] }).user_id_list).toEqual([ADMIN]);
  });

  it.each([
    ["a 一般 hazard with 超期加急=是", "是", "一般"],
    ["a 重大 hazard with 超期加急 left at 否", null, "重大"],
  ])("no urgent push for %s", async (_, setting, level) => {
    if (setting !== null) await putSetting(r.h.bot.deps.db, "超期加急", setting, ADMIN);
    await logHazard("2023-07-03", { deadline: "2023-07-04", level });
    const days = await r.days("2023-07-03", "2023-07-12");
    expect(reminderCardsIn(days.get("2023-07-07")!).filter((m) => m.receive_id === GROUP_CHAT)).toHaveLength(
      1,
    );
    expect(r.h.fake.requests.filter((q) => q.path.endsWith("/urgent_app"))).toEqual([]);
  });
});

describe("escalation with no dispatch group", () => {
  it("waits, the admins are told once that week, and goes to the group on the first run after one is set", async () => {
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    const told = () =>
      r.h.fake.messages.filter((m) => m.receive_id === ADMIN && textOfCard(m).includes("应升级到调度群"));
    const days = await r.days("2023-07-03", "2023-07-06");
    expect([...days.values()].flat().filter((m) => m.receive_id === GROUP_CHAT)).toEqual([]);
    expect(told()).toHaveLength(1);
    expect(textOfCard(told()[0]!)).toContain("有 1 项提醒超过宽限工作日仍无人确认");
    await putSetting(r.h.bot.deps.db, "调度群", GROUP_CHAT, ADMIN);
    const friday = reminderCardsIn(await r.day("2023-07-07")).filter((m) => m.receive_id === GROUP_CHAT);
    expect(friday).toHaveLength(1);
    expect(textOfCard(friday[0]!)).toContain("YH-2023-0001");
    expect(told()).toHaveLength(1);
  });
});

describe("the enterprise's linked 挂点领导 and 责任干部", () => {
  const LIAISON = "ou_liaison0000000000000000000001";
  const LINKED = "ou_linked00000000000000000000001";

  beforeEach(async () => {
    await bind(r.h, LIAISON, "领导", { name: "周领导" });
    await bind(r.h, LINKED, "干部", { name: "钱干部", unit: "党政办" });
    await putSetting(r.h.bot.deps.db, "调度群", GROUP_CHAT, ADMIN);
  });

  /** Links by command, as an admin does: `/企业 修改 … 挂点领导=@… 责任干部=@…`. */
  async function link(enterprise: string, line: string) {
    await r.h.ask(`/企业 修改 ${enterprise} ${line}`, {
      createTime: r.at("2023-07-03", "08:00"),
      mentions: [
        { openId: LIAISON, name: "周领导" },
        { openId: LINKED, name: "钱干部" },
      ].filter((m) => line.includes(`@${m.name}`)),
    });
    expect(textOfCard(r.h.fake.messages.at(-1)!)).toContain("已修改企业");
  }

  it("escalation stage 1 goes to them, stage 2 to the dispatch group as many workdays later", async () => {
    await link("东风加油站", "挂点领导=@周领导 责任干部=@钱干部");
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    const days = await r.days("2023-07-03", "2023-07-07");
    expect(recipientsOf(days.get("2023-07-03")!)).toEqual([CADRE, HEAD, OTHER].sort());
    expect(recipientsOf(days.get("2023-07-04")!)).toEqual([]);
    // Wednesday: two workdays unacknowledged, to the linked two, not yet to the group
    expect(recipientsOf(days.get("2023-07-05")!)).toEqual([LIAISON, LINKED].sort());
    const liaisonCard = reminderCardsIn(days.get("2023-07-05")!).find((m) => m.receive_id === LIAISON)!;
    expect(textOfCard(liaisonCard)).toContain("YH-2023-0001 东风加油站（未及时确认，已升级）");
    // Friday: as many workdays again, to the dispatch group
    const friday = reminderCardsIn(days.get("2023-07-07")!).filter((m) => m.receive_id === GROUP_CHAT);
    expect(friday).toHaveLength(1);
    const stages = (await allItems(r.h))
      .filter((i) => i.occasion.startsWith("deadline") && i.stage > 0)
      .map((i) => [i.sentOn, i.stage, i.recipient]);
    expect(stages).toEqual(
      expect.arrayContaining([
        ["2023-07-05", 1, LIAISON],
        ["2023-07-05", 1, LINKED],
        ["2023-07-07", 2, `chat:${GROUP_CHAT}`],
      ]),
    );
  });

  it("a 挂点领导's 已知悉 on the escalation stops it: nothing reaches the dispatch group", async () => {
    await link("东风加油站", "挂点领导=@周领导");
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    await r.days("2023-07-03", "2023-07-04");
    const wednesday = reminderCardsIn(await r.day("2023-07-05"));
    expect(recipientsOf(wednesday)).toEqual([LIAISON]);
    r.at("2023-07-05", "09:00");
    const answer = await r.h.click(ackButtons(wednesday[0]!).all!, { operator: LIAISON });
    expect((answer.body.toast as { type: string }).type).toBe("success");
    const days = await r.days("2023-07-06", "2023-07-07");
    const soon = (await allItems(r.h)).filter((i) => i.kind === "deadline-soon");
    expect(soon.map((i) => i.stage).sort()).toEqual([0, 0, 0, 1]);
    expect(soon.find((i) => i.stage === 1)?.ackedBy).toBe(LIAISON);
    expect(reminderCardsIn(days.get("2023-07-07")!).filter((m) => m.receive_id === GROUP_CHAT)).toEqual([]);
  });

  it("an enterprise whose head is not bound: its reminders go to its linked 责任干部, else the unit's 干部", async () => {
    await addEnterprise(r.h, "西坡加油站", "应急办", 5);
    await addEnterprise(r.h, "南山石场", "应急办", 5);
    await link("西坡加油站", "责任干部=@钱干部");
    await logHazard("2023-07-03", { deadline: "2023-07-06", enterprise: "西坡加油站" });
    await logHazard("2023-07-03", { deadline: "2023-07-06", enterprise: "南山石场" });
    await r.day("2023-07-03");
    const firsts = (await allItems(r.h)).filter((i) => i.stage === 0);
    const to = (name: string) =>
      firsts
        .filter((i) => i.enterpriseName === name)
        .map((i) => i.recipient)
        .sort();
    expect(to("西坡加油站")).toEqual([CADRE, LINKED, OTHER].sort());
    expect(to("南山石场")).toEqual([CADRE, OTHER].sort());
  });
});

describe("where a reminder goes", () => {
  it("a hazard with no registered enterprise: the unit's 干部, then the sector's 责任领导, then the admins", async () => {
    await logHazard("2023-07-03", { deadline: "2023-07-06", enterprise: "无名小店" });
    await logHazard("2023-07-03", { deadline: "2023-07-06", enterprise: "镇政府食堂", unit: "党政办" });
    await r.day("2023-07-03");
    const to = async (name: string) =>
      (await allItems(r.h))
        .filter((i) => i.enterpriseName === name)
        .map((i) => i.recipient)
        .sort();
    expect(await to("无名小店")).toEqual([CADRE, OTHER].sort());
    expect(await to("镇政府食堂")).toEqual([ADMIN]); // 党政办 has no 干部, the sector no 责任领导
  });

  it("a private send refused with 230013 falls back to the hazard's group with an @mention; /提醒 状态 shows 无法私信", async () => {
    r.h.fake.setUnavailable(HEAD);
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    const sent = reminderCardsIn(await r.day("2023-07-03"));
    const inGroup = sent.filter((m) => m.receive_id === GROUP_CHAT);
    expect(inGroup).toHaveLength(1);
    expect(JSON.stringify(inGroup[0]!.content)).toContain(`<at id=${HEAD}></at>`);
    const answer = await r.h.click(ackButtons(inGroup[0]!).items[0]!, { operator: HEAD });
    expect((answer.body.toast as { type: string }).type).toBe("success");
    const status = await r.h.ask("/提醒 状态", { createTime: r.at("2023-07-03", "11:00") });
    expect(status.status).toBe(200);
    const reply = r.h.fake.messages.at(-1)!;
    expect(textOfCard(reply)).toContain("无法私信");
    expect(textOfCard(reply)).toContain("王老板");
    expect((await allCards(r.h)).find((c) => c.recipient === HEAD && c.chatId === null)?.refusedCode).toBe(
      230013,
    );
  });
});

describe("督办 clocks, 验收 waits, unposted 重大 hazards", () => {
  beforeEach(async () => {
    await r.h.bot.deps.db.insert(sectorMembers).values({ sectorId: 5, openId: LEADER, duty: "责任领导" });
    await bind(r.h, LEADER, "领导", { name: "陈领导" });
  });

  it("a county 督办 clock: 7 and 3 days before (a Sunday: the Friday), on the day, and missed; to the unit's 干部, the sector's 责任领导 and the admins", async () => {
    await logHazard("2023-07-03", { deadline: "2023-09-30" });
    await r.h.ask("/隐患 督办 YH-2023-0001 层级=县级 文号=兴安委办〔2023〕12号 日期=2023-07-03", {
      createTime: r.at("2023-07-03", "11:00"),
    });
    await r.days("2023-07-04", "2023-08-04");
    const clock = (await allItems(r.h)).filter((i) => i.kind.startsWith("supervision"));
    const byDay = new Map<string, string[]>();
    for (const i of clock) byDay.set(i.sentOn, [...(byDay.get(i.sentOn) ?? []), i.recipient].sort());
    const everyone = [ADMIN, CADRE, LEADER, OTHER].sort();
    expect([...byDay]).toEqual([
      ["2023-07-26", everyone],
      ["2023-07-28", everyone],
      ["2023-08-02", everyone],
      ["2023-08-03", everyone],
    ]);
    expect(clock.filter((i) => i.sentOn === "2023-08-03").every((i) => i.kind === "supervision-missed")).toBe(
      true,
    );
  });

  it("awaiting 验收 for more than 3 workdays: the sector's 责任领导, who may close it", async () => {
    await logHazard("2023-07-03", { deadline: "2023-09-30" });
    await r.h.ask("/隐患 整改完成 YH-2023-0001 已加装", { createTime: r.at("2023-07-03", "11:00") });
    await r.days("2023-07-04", "2023-07-10");
    const waits = (await allItems(r.h)).filter((i) => i.kind === "awaiting-check");
    expect(waits.map((i) => [i.sentOn, i.recipient])).toEqual([["2023-07-07", LEADER]]);
  });

  it("a 重大 hazard found by 部门检查 with no 督办 after 3 days: the admins", async () => {
    await logHazard("2023-07-03", { deadline: "2023-09-30", level: "重大", source: "部门检查" });
    await r.days("2023-07-04", "2023-07-12");
    const waits = (await allItems(r.h)).filter((i) => i.kind === "awaits-posting");
    expect(waits.map((i) => [i.sentOn, i.recipient])).toEqual([["2023-07-07", ADMIN]]);
  });
});

describe("/提醒 暂停", () => {
  it("holds a hazard's reminders through the day given, shows on its card, and they resume the day after", async () => {
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    await r.h.ask("/提醒 暂停 YH-2023-0001 至=2023-07-12 原因=等待设备到货", {
      createTime: r.at("2023-07-03", "08:00"),
    });
    expect(textOfCard(r.h.fake.messages.at(-1)!)).toContain("2023-07-13 起恢复");
    const days = await r.days("2023-07-03", "2023-07-13");
    expect(daysWith(days)).toEqual(["2023-07-13"]);
    expect(textOfCard(reminderCardsIn(days.get("2023-07-13")!)[0]!)).toContain("已超期 7 天");
    r.at("2023-07-10", "10:00");
    await r.h.ask("/隐患 查看 YH-2023-0001", { createTime: r.at("2023-07-10", "10:00") });
    const shown = r.h.fake.messages.filter((m) => m.kind === "reply").at(-1)!;
    expect(textOfCard(shown)).toContain("暂停至 2023-07-12（等待设备到货），次日恢复");
  });

  it.each([
    ["/提醒 暂停 YH-2023-0001", "要写暂停到哪天"],
    ["/提醒 暂停 YH-2023-0001 至=2023-07-01", "已经过去"],
    ["/提醒 暂停 YH-2023-0001 至=2023-02-30", "不存在"],
    ["/提醒 暂停 YH-2023-0001 至=2025-07-01", "太远"],
    ["/提醒 暂停 YH-2023-0099 至=2023-07-12", "没有编号为 YH-2023-0099"],
    ["/提醒 暂停 至=2023-07-12", "缺少隐患编号"],
    ["/提醒 暂停 YH-2023-0001 至=2023-07-12 到=8月", "不认识参数「到」"],
  ])("%s is refused (%s) and nothing is written", async (line, why) => {
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    const before = await r.h.bot.deps.db.select().from(reminderPauses);
    await r.h.ask(line, { createTime: r.at("2023-07-03", "11:00") });
    expect(textOfCard(r.h.fake.messages.at(-1)!)).toContain(why);
    expect(await r.h.bot.deps.db.select().from(reminderPauses)).toEqual(before);
  });
});

describe("/提醒 状态", () => {
  async function statusAs(sender: string, line = "/提醒 状态") {
    await r.h.ask(line, { createTime: r.at("2023-07-05", "11:00"), sender });
    return textOfCard(r.h.fake.messages.at(-1)!);
  }

  beforeEach(async () => {
    await logHazard("2023-07-03", { deadline: "2023-07-06" });
    await logHazard("2023-07-03", { deadline: "2023-07-06", unit: "党政办", enterprise: "镇政府食堂" });
    await bind(r.h, "ou_cadre2000000000000000000000002", "干部", { name: "孙干部", unit: "党政办" });
    const sent = reminderCardsIn(await r.day("2023-07-03"));
    await r.h.click(ackButtons(sent.find((m) => m.receive_id === CADRE)!).all!, { operator: CADRE });
  });

  it("an admin sees every unit, acknowledged and not, with the rate", async () => {
    const text = await statusAs(ADMIN);
    expect(text).toContain("全镇：共提醒 4 项，已知悉 1 项，未确认 3 项，确认率 25%");
    expect(text).toContain("党政办");
    expect(text).toContain("王老板");
  });

  it("a 领导 sees every unit too", async () => {
    await bind(r.h, LEADER, "领导", { name: "陈领导" });
    const text = await statusAs(LEADER);
    expect(text).toContain("全镇：共提醒 4 项，已知悉 1 项");
    expect(text).toContain("党政办");
    expect(text).toContain("应急办");
  });

  it("a 干部 sees their unit only, and is refused another's", async () => {
    const text = await statusAs(CADRE);
    expect(text).toContain("应急办：共提醒 3 项");
    expect(text).not.toContain("党政办");
    expect(await statusAs(CADRE, "/提醒 状态 单位=党政办")).toContain("只能查看本单位");
  });

  it("an enterprise head sees their enterprise only", async () => {
    const text = await statusAs(HEAD, "/提醒 状态 本季");
    expect(text).toContain("东风加油站：共提醒 3 项");
    expect(text).toContain("2023年第三季度");
  });

  it("a period it cannot read is refused with the forms it takes", async () => {
    expect(await statusAs(ADMIN, "/提醒 状态 上个月")).toContain("看不懂时段「上个月」");
  });
});

describe("the 周调度 card", () => {
  it("shows the week's reminders sent, acknowledged and escalated, with the rate", async () => {
    await putSetting(r.h.bot.deps.db, "调度群", GROUP_CHAT, ADMIN);
    await logHazard("2023-07-03", { deadline: "2023-07-06" }); // 东风加油站: the two 干部 and the head
    await logHazard("2023-07-03", { deadline: "2023-07-06", enterprise: "西山石场" }); // unregistered: the 干部
    const monday = reminderCardsIn(await r.day("2023-07-03"));
    const cadreCard = monday.find((m) => m.receive_id === CADRE)!;
    await r.h.click(ackButtons(cadreCard).items[0]!, { operator: CADRE }); // YH-2023-0001 only
    await r.days("2023-07-04", "2023-07-09");
    const week = (await allItems(r.h)).filter((i) => i.sentOn <= "2023-07-09");
    // Mon: 3 + 2 due soon; Wed: 0002's escalation to the group; Thu: 3 + 2 on the day; Fri: 3 + 2 overdue
    expect(week.length).toBe(16);
    expect(week.filter((i) => i.ackedAt !== null).length).toBe(1);
    expect(week.filter((i) => i.stage > 0).length).toBe(1);
    const outcomes = await tick(r.h.bot.deps, jobs, r.at("2023-07-10", "09:00"));
    expect(outcomes.find((o) => o.job === "weekly-dispatch")).toMatchObject({ status: "posted" });
    await r.h.settle();
    const dispatch = r.h.fake.messages
      .filter((m) => m.receive_id === GROUP_CHAT && (m.content as Card).header?.title.content === "周调度")
      .at(-1)!;
    expect(textOfCard(dispatch)).toContain("2023年第27周（7月3日–7月9日）");
    expect(textOfCard(dispatch)).toContain(
      "提醒确认：本周发出提醒 16 项（其中升级 1 项），已知悉 1 项，确认率 6%；明细见 `/提醒 状态`。",
    );
  });
});

describe("a simulated month", () => {
  it("day by day: each reminder once, on workdays, one card a day per person, every acknowledgement recorded, exactly the unacknowledged escalated", async () => {
    await putSetting(r.h.bot.deps.db, "调度群", GROUP_CHAT, ADMIN);
    await r.h.bot.deps.db.insert(sectorMembers).values({ sectorId: 5, openId: LEADER, duty: "责任领导" });
    await bind(r.h, LEADER, "领导", { name: "陈领导" });
    // 西山石场 is registered in 党政办 (no 干部 bound), with no head bound and a linked 挂点领导: its reminders go
    // to the sector's 责任领导, who never acknowledges, and the first escalations to the 挂点领导
    const LIAISON = "ou_liaison0000000000000000000001";
    await bind(r.h, LIAISON, "领导", { name: "周领导" });
    await addEnterprise(r.h, "西山石场", "党政办", 5);
    await r.h.ask("/企业 修改 西山石场 挂点领导=@周领导", {
      createTime: r.at("2023-07-03", "08:00"),
      mentions: [{ openId: LIAISON, name: "周领导" }],
    });
    await r.day("2023-07-03");
    await logHazard("2023-07-03", { deadline: "2023-07-12" });
    await logHazard("2023-07-03", {
      deadline: "2023-07-20",
      level: "重大",
      enterprise: "西山石场",
      unit: "党政办",
    });
    // a unit with no 干部 bound, an unregistered place: its reminders fall back to the sector's 责任领导
    await logHazard("2023-07-03", { deadline: "2023-07-09", unit: "党政办", enterprise: "镇政府食堂" });
    await logHazard("2023-07-03", {
      deadline: "2023-08-31",
      level: "重大",
      source: "部门检查",
      enterprise: "北坑矿",
    });

    const calendar = officialCalendar();
    const delivered: { day: string; to: string; ids: string[] }[] = [];
    for (let d = "2023-07-04"; d <= "2023-07-31"; d = addDays(d, 1)) {
      const cards = reminderCardsIn(await r.day(d));
      if (!calendar.isWorkday(d)) expect(cards).toEqual([]);
      for (const card of cards) {
        delivered.push({
          day: d,
          to: card.receive_id!,
          ids: ackButtons(card).items.map((v) => String(v.item)),
        });
        // the cadre acknowledges everything the day it comes; nobody else ever does
        if (card.receive_id === CADRE) {
          r.at(d, "09:00");
          const answer = await r.h.click(ackButtons(card).all!, { operator: CADRE });
          expect((answer.body.toast as { type: string }).type).toBe("success");
        }
      }
    }
    // one card a day per recipient, and every item on exactly one card sent to its recipient
    const perDay = delivered.map((c) => `${c.day} ${c.to}`);
    expect(new Set(perDay).size).toBe(perDay.length);
    const items = await allItems(r.h);
    const shown = delivered.flatMap((c) => c.ids);
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown.sort()).toEqual(items.map((i) => i.id).sort());
    for (const item of items) {
      const card = delivered.find((c) => c.ids.includes(item.id))!;
      expect(card.to).toBe(item.recipient.startsWith("chat:") ? GROUP_CHAT : item.recipient);
      expect(card.day).toBe(item.sentOn);
    }
    // every acknowledgement recorded, by the cadre
    const cadreItems = items.filter((i) => i.recipient === CADRE);
    expect(cadreItems.length).toBeGreaterThan(0);
    expect(cadreItems.every((i) => i.ackedBy === CADRE && i.ackedAt !== null)).toBe(true);
    expect(items.filter((i) => i.recipient !== CADRE).every((i) => i.ackedAt === null)).toBe(true);
    // escalated: exactly the occasions nobody acknowledged, once their grace of 2 workdays ran out in July
    const base = (o: string) => o.split("#")[0]!;
    const firsts = items.filter((i) => i.stage === 0);
    const acked = new Set(
      firsts.filter((i) => i.ackedAt !== null).map((i) => `${i.subjectId} ${i.occasion}`),
    );
    const expected = new Set(
      firsts
        .filter((i) => !acked.has(`${i.subjectId} ${i.occasion}`))
        .filter((i) => workdaysBetween(calendar, i.sentOn, "2023-07-31") >= 2)
        .map((i) => `${i.subjectId} ${i.occasion}`),
    );
    const escalated = new Set(
      items.filter((i) => i.stage > 0).map((i) => `${i.subjectId} ${base(i.occasion)}`),
    );
    expect(escalated).toEqual(expected);
    expect(expected.size).toBeGreaterThan(3);
    // stage 1 went to the linked 挂点领导 only, stage 2 to the dispatch group
    const stage1 = items.filter((i) => i.stage === 1);
    expect(stage1.length).toBeGreaterThan(0);
    expect(new Set(stage1.map((i) => `${i.enterpriseName} ${i.recipient}`))).toEqual(
      new Set([`西山石场 ${LIAISON}`]),
    );
    expect(new Set(items.filter((i) => i.stage === 2).map((i) => i.recipient))).toEqual(
      new Set([`chat:${GROUP_CHAT}`]),
    );
    // the hazard of the unit with no 干部 went to the sector's 责任领导
    const canteen = items.filter((i) => i.enterpriseName === "镇政府食堂" && i.stage === 0);
    expect(new Set(canteen.map((i) => i.recipient))).toEqual(new Set([LEADER]));
  });
});
