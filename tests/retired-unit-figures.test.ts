// A retired unit (/单位 停用) in the campaign's figures. Its hazards stay in the township's totals (they were
// found, and 附件4 counts them), so a reader must be able to see where the difference lies: the cards list it by
// name, marked 已停用, after the ranked units, outside the praise and the units that found none, and the lines
// add up to the total that `/隐患 列表` reproduces.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { jobs } from "../src/jobs";
import { tick } from "../src/jobs/tick";
import { GROUP_CHAT } from "./support/events";
import { type Harness, startHarness } from "./support/harness";
import { ask, askCard, cardText, newHazardLine, rectifyAndClose } from "./support/ledger";

let h: Harness;
let clock = 0;

beforeEach(async () => {
  clock = Date.parse("2023-08-01T10:00:00+08:00");
  h = await startHarness({ now: () => clock, env: { FEISHU_GROUP_CHAT_ID: GROUP_CHAT } });
});
afterEach(async () => h.close());

const say = (text: string) => ask(h, text, { createTime: clock });
const reply = async (text: string) => cardText(await askCard(h, text, { createTime: clock }));
const total = async (filters: string) =>
  Number(/共 (\d+) 条/.exec(await reply(`/隐患 列表 ${filters}`))?.[1]);
async function retire(unit: string) {
  const answer = (await say(`/单位 停用 ${unit}`)).find((m) => m.kind === "reply");
  expect(JSON.stringify(answer?.content)).toContain(`已停用单位「${unit}」`);
}
const rows = (text: string) => text.split("\n").filter((l) => /^ {2}(\d+|—) \| /.test(l));

/** The card the tick at `at` posted for the period (the first tick also catches up earlier ones). */
async function postedCard(at: string, title: string, period: string): Promise<string> {
  clock = Date.parse(at);
  await tick(h.bot.deps, jobs, clock);
  const cards = h.fake.messages
    .filter((m) => m.receive_id === GROUP_CHAT && m.msg_type === "interactive")
    .map((m) => m.content as Card)
    .filter((c) => c.header?.title.content === title && c.header.subtitle?.content === period);
  expect(cards).toHaveLength(1);
  return cardText(cards[0]!);
}

describe("a retired unit's hazards", () => {
  it("count in the totals and are listed as 已停用, unranked, on /排名, the 季通报, the 周调度 and the 年总结", async () => {
    const road = { unit: "交通办", sector: "道路交通", enterprise: "某路段" };
    await say(newHazardLine({ ...road, description: "交通办一" })); // 0001
    await say(newHazardLine({ ...road, description: "交通办二" })); // 0002
    await say(newHazardLine({ description: "应急办一" })); // 0003
    await rectifyAndClose(h, "YH-2023-0001", { createTime: clock });
    await rectifyAndClose(h, "YH-2023-0002", { createTime: clock });
    clock = Date.parse("2023-08-02T10:00:00+08:00");
    await retire("交通办");

    // 周调度 of the week it happened in: the unit is named for its week, and not among those that logged nothing
    const week = await postedCard("2023-08-07T09:00:00+08:00", "周调度", "2023年第31周（7月31日–8月6日）");
    expect(week).toContain("新发现重大隐患 3 条");
    expect(week).toMatch(/交通办（已停用） \| 2 \| 0 \| 2 \| 2 \| 0/);
    expect(week).toMatch(/应急办 \| 1 \| 0 \| 0 \| 0 \| 0/);
    expect(week.slice(week.indexOf("本周没有登记隐患的单位"))).not.toContain("交通办");

    // /排名: the township's 3, of which the retired unit's 2, listed after the ranked units and not ranked
    clock = Date.parse("2023-09-20T10:00:00+08:00");
    expect(await total("发现=2023Q3 等级=重大")).toBe(3);
    const ranking = await reply("/排名");
    expect(ranking).toContain("全镇发现重大隐患 3 条");
    const lines = rows(ranking);
    expect(lines[0]).toBe("  1 | 应急办 | 1 | 33% | 0 | 0 | 0/0 | —");
    expect(lines.at(-1)).toBe("  — | 交通办（已停用） | 2 | 67% | 2 | 0 | 0/0 | —");
    expect(lines.filter((l) => l.includes("交通办"))).toHaveLength(1);
    expect(ranking).toContain("标（已停用）的单位本期的隐患计入全镇合计，列在最后，不参加排名。");
    // by sector nothing is retired: 道路交通 keeps its 2
    expect(rows(await reply("/排名 按=领域"))).toContain("  1 | 道路交通 | 2 | 67% | 2 | 0 | 0/0 | —");

    // 季通报: neither praised nor named among the units that found none
    const quarter = await postedCard("2023-10-07T09:30:00+08:00", "季通报", "2023年第三季度");
    expect(quarter).toContain("表扬：应急办（1 条）");
    expect(quarter).not.toMatch(/表扬：[^\n]*交通办/);
    expect(quarter.slice(quarter.indexOf("本期未发现重大隐患的单位"))).not.toMatch(/^[^\n]*交通办/);
    expect(quarter).toContain("  — | 交通办（已停用） | 2 | 67% | 2 | 0 | 0/0 | —");

    // 年总结: the year's units add up to the township's 3
    const year = await postedCard("2023-12-01T09:00:00+08:00", "年总结", "2023年");
    expect(year).toContain("全镇发现重大事故隐患 3 条，其中已销号 2 条");
    expect(year).toMatch(/交通办（已停用） \| 2 \| 2 \| 0/);
    expect(year).toMatch(/应急办 \| 1 \| 0 \| 0/);
  });

  it("a retired unit with nothing in the period is not listed", async () => {
    await say(newHazardLine({ description: "应急办一" }));
    await retire("交通办");
    const ranking = await reply("/排名");
    expect(ranking).not.toContain("交通办");
    expect(ranking).not.toContain("已停用");
  });
}, 30_000); // a quarter of typed commands and ticks: the shared test machine can take longer than 5 s
