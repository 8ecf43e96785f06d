// 周调度 through the real doors: hazards logged by typed commands, the tick at Monday 09:00, the card sent to
// the dispatch group through the real SDK, its figures checked against what was logged and against `/隐患 列表`.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { jobs } from "../src/jobs";
import { tick } from "../src/jobs/tick";
import { GROUP_CHAT } from "./support/events";
import { type Harness, startHarness } from "./support/harness";
import { ask, askCard, cardText, newHazardLine } from "./support/ledger";

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
    expect(text).toMatch(/本周没有登记隐患的单位（\d+ 个）：高兴镇人民政府、党政办、自然资源分中心/);
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
});
