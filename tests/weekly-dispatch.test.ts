// 周调度 through the real doors: hazards logged by typed commands, the tick at Monday 09:00, the card sent to
// the dispatch group through the real SDK, its figures checked against what was logged and against `/隐患 列表`.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { members } from "../db/schema";
import { jobs } from "../src/jobs";
import { tick } from "../src/jobs/tick";
import { GROUP_CHAT } from "./support/events";
import { type Harness, startHarness } from "./support/harness";
import { ask, askCard, cardText, hazardRow, newHazardLine, unitIdOf } from "./support/ledger";

let h: Harness;
let clock = Date.parse("2023-06-28T10:00:00+08:00");

beforeEach(async () => {
  clock = Date.parse("2023-06-28T10:00:00+08:00");
  h = await startHarness({ now: () => clock, env: { FEISHU_GROUP_CHAT_ID: GROUP_CHAT } });
});
afterEach(async () => h.close());

const say = (text: string) => ask(h, text, { createTime: clock });
const listTotal = async (filters: string) => {
  const text = cardText(await askCard(h, `/隐患 列表 ${filters}`, { createTime: clock }));
  return Number(/共 (\d+) 条/.exec(text)?.[1]);
};

async function tickAt(text: string) {
  clock = Date.parse(text);
  return tick(h.bot.deps, jobs, clock);
}

function groupCards(): Card[] {
  return h.fake.messages
    .filter((m) => m.receive_id === GROUP_CHAT && m.msg_type === "interactive")
    .map((m) => m.content as Card);
}

describe("周调度", () => {
  it("counts the week's hazards by 发现日期, names what waits too long, and posts once on Monday 09:00", async () => {
    clock = Date.parse("2023-06-21T10:00:00+08:00");
    await say(`${newHazardLine({ description: "D 上周" })} 发现日期=6月20日`); // 0001, the week before
    await say("/隐患 整改完成 YH-2023-0001 已整改"); // awaits 验收 from 06-21: 7 workdays by 07-03 (调休 06-25)
    clock = Date.parse("2023-06-28T10:00:00+08:00");
    await say(newHazardLine({ description: "A 储罐区未设防雷" })); // 0002 应急办 危险化学品, found 06-28
    await say(newHazardLine({ unit: "消防站", sector: "消防", enterprise: "某商场", description: "B" })); // 0003
    await say(`${newHazardLine({ description: "C 一般" })} 等级=一般`); // 0004
    await say(
      newHazardLine({ unit: "交通办", sector: "道路交通", enterprise: "某路段", description: "E" }).replace(
        "期限=7月31日",
        "期限=6月30日",
      ),
    ); // 0005
    clock = Date.parse("2023-06-29T10:00:00+08:00");
    await say("/隐患 整改完成 YH-2023-0002 已加装");

    const outcomes = await tickAt("2023-07-03T09:00:00+08:00");
    expect(outcomes.find((o) => o.job === "weekly-dispatch")).toMatchObject({
      status: "posted",
      period: "2023-W26",
    });
    const cards = groupCards().filter((c) => c.header?.title.content === "周调度");
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]!);
    if (process.env.SHOW) console.log(text);
    expect(text).toContain("2023年第26周（6月26日–7月2日）");
    expect(text).toContain("新发现重大隐患 3 条（一般 1 条另计），报整改完成 1 条，销号 0 条，撤销 0 条。");
    expect(text).toMatch(/危险化学品 \| 1 \| 1 \| 1 \| 0 \| 0/);
    expect(text).toMatch(/消防 \| 1 \| 0 \| 0 \| 0 \| 0/);
    expect(text).toMatch(/应急办 \| 1 \| 1 \| 1 \| 0 \| 0/);
    expect(text).toContain("超期最久的隐患（1 条）");
    expect(text).toContain("YH-2023-0005 交通办：某路段，期限 2023-06-30，已超期 3 天");
    expect(text).toContain("部门检查的重大隐患 3 天后仍未挂牌督办（4 条）");
    expect(text).toContain("待验收超过 3 个工作日（1 条）\n- YH-2023-0001 应急办：待验收 7 个工作日");
    expect(text).toContain("2023年第三季度至今：全镇发现重大隐患 0 条，季度目标 10 条，还差 10 条，剩 13 周");
    expect(text).toMatch(/本周没有登记隐患的单位（\d+ 个）：党政办、自然资源分中心/);
    expect(text).not.toContain("高兴镇人民政府");
    expect(text).toContain(
      "近 8 周新发现重大隐患：05-08 0 · 05-15 0 · 05-22 0 · 05-29 0 · 06-05 0 · 06-12 0 · 06-19 1 · 06-26 3",
    );
    expect(cards[0]!.body.elements.some((e) => e.tag === "chart")).toBe(true);
    expect(text).toContain("提醒确认：本周没有发出提醒。");

    // the week's 重大 and 一般 by 发现日期 are the ledger's, as /隐患 列表 shows them for the month
    expect(await listTotal("发现=2023-06 等级=重大")).toBe(4); // 3 this week + D the week before
    expect(await listTotal("发现=2023-06 等级=一般")).toBe(1);

    await tickAt("2023-07-03T09:30:00+08:00");
    expect(groupCards().filter((c) => c.header?.title.content === "周调度")).toHaveLength(1);
  });

  it("lists the 督办 clocks due within 7 days or missed, not those met, closed or further off", async () => {
    clock = Date.parse("2023-06-21T10:00:00+08:00");
    const found = (d: string, description: string) => say(`${newHazardLine({ description })} 发现日期=${d}`);
    const post = (n: string, level: string, doc: number, date: string) =>
      say(`/隐患 督办 YH-2023-${n} 层级=${level} 文号=兴安办〔2023〕${doc}号 日期=${date}`);
    await found("6月1日", "A 镇级已超时");
    await post("0001", "镇级", 1, "2023-06-01"); // due 06-16: missed
    await found("6月1日", "B 县级已超时");
    await post("0002", "县级", 2, "2023-06-01"); // due 07-01: missed
    await found("6月20日", "C 七天内到期");
    await post("0003", "镇级", 3, "2023-06-20"); // due 07-05: running, within 7 days
    await found("6月1日", "D 已取得实质进展");
    await post("0004", "镇级", 4, "2023-06-01");
    await say("/隐患 实质进展 YH-2023-0004 已停用储罐");
    await found("6月20日", "E 市级尚远");
    await post("0005", "市级", 5, "2023-06-20"); // due 08-19: further off
    await found("6月1日", "F 督办已撤回");
    await post("0006", "镇级", 6, "2023-06-01");
    await say("/隐患 撤销督办 YH-2023-0006 文号=兴安办〔2023〕6号 原因=发错了");

    await found("6月1日", "G 督办前已整改，督办后销号");
    const rectifier = "ou_rectifier000000000000000000001";
    await h.bot.deps.db.insert(members).values({
      openId: rectifier,
      name: "整改干部",
      role: "干部",
      unitId: await unitIdOf(h, "应急办"),
      boundBy: "test",
    });
    await ask(h, "/隐患 整改完成 YH-2023-0007", { createTime: clock, sender: rectifier });
    clock = Date.parse("2023-06-22T10:00:00+08:00");
    await post("0007", "镇级", 7, "2023-06-22"); // due 07-07, never met (整改完成 came before): stopped by 销号
    await say("/隐患 销号 YH-2023-0007");
    expect((await hazardRow(h, "YH-2023-0007")).status).toBe("已销号");

    await tickAt("2023-07-03T09:00:00+08:00");
    const text = cardText(groupCards().find((c) => c.header?.title.content === "周调度")!);
    const section = text.slice(text.indexOf("督办时限 7 天内到期或已超时"));
    expect(section.split("\n").slice(0, 4)).toEqual([
      "督办时限 7 天内到期或已超时（3 条）",
      "- YH-2023-0001 应急办：镇级督办，实质进展期限 2023-06-16，逾期 17 天未取得实质性进展",
      "- YH-2023-0002 应急办：县级督办，实质进展期限 2023-07-01，逾期 2 天未取得实质性进展",
      "- YH-2023-0003 应急办：镇级督办，实质进展期限 2023-07-05，剩 2 天取得实质性进展",
    ]);
  });
}, 30_000); // a dozen typed commands each: the shared test machine can take longer than 5 s
