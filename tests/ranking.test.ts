// /排名 and the 季通报 through the real doors: hazards logged and posted for 督办 by typed commands, the ranking
// rule (found, then 督办 clocks met in time with "—" as neutral, then name), every figure reproduced with a
// `/隐患 列表` filter, and 一般 or 已撤销 hazards leaving the ranking as it was.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { jobs } from "../src/jobs";
import { tick } from "../src/jobs/tick";
import { GROUP_CHAT } from "./support/events";
import { type Harness, startHarness } from "./support/harness";
import { ask, askCard, bind, cardText, newHazardLine } from "./support/ledger";

let h: Harness;
let clock = 0;

beforeEach(async () => {
  clock = Date.parse("2023-08-01T10:00:00+08:00");
  h = await startHarness({ now: () => clock, env: { FEISHU_GROUP_CHAT_ID: GROUP_CHAT } });
});
afterEach(async () => h.close());

const say = (text: string, o: { sender?: string } = {}) => ask(h, text, { createTime: clock, ...o });
const reply = async (text: string, o: { sender?: string } = {}) =>
  cardText(await askCard(h, text, { createTime: clock, ...o }));
const total = async (filters: string) =>
  Number(/共 (\d+) 条/.exec(await reply(`/隐患 列表 ${filters}`))?.[1]);
const tableOf = (text: string) => text.split("\n").filter((l) => /^ {2}\d+ \| /.test(l));

/** Q3 2023: 应急办 2 重大, 消防站 2 重大 (one 县级 督办 missed), 交通办 1 重大. */
async function logQuarter() {
  await say(newHazardLine({ description: "应急办一" }));
  await say(newHazardLine({ description: "应急办二" }));
  await say(newHazardLine({ unit: "消防站", sector: "消防", enterprise: "某商场", description: "消防站一" }));
  await say(newHazardLine({ unit: "消防站", sector: "消防", enterprise: "某商场", description: "消防站二" }));
  await say(
    newHazardLine({ unit: "交通办", sector: "道路交通", enterprise: "某路段", description: "交通办一" }),
  );
  await say(`/隐患 督办 YH-2023-0003 层级=县级 文号=兴安办〔2023〕1号 日期=2023-07-10`); // due 08-09
}

describe("/排名", () => {
  it("ranks by 重大 found, then by 督办 clocks met in time (— is neutral), then name; figures match /隐患 列表", async () => {
    await logQuarter();
    clock = Date.parse("2023-09-20T10:00:00+08:00");
    const text = await reply("/排名");
    expect(text).toContain("2023年第三季度");
    expect(text).toContain("全镇发现重大隐患 5 条（一般 0 条另计）；全镇季度目标 10 条，还差 5 条（50%）");
    expect(tableOf(text).slice(0, 3)).toEqual([
      "  1 | 应急办 | 2 | 40% | 0 | 0 | 0/0 | —",
      "  2 | 消防站 | 2 | 40% | 0 | 1 | 0/1 | 0%",
      "  3 | 交通办 | 1 | 20% | 0 | 0 | 0/0 | —",
    ]);
    expect(text).toContain("本期挂牌 1 次；本期到期的督办时限 1 个，按期达到实质进展 0 个，超时 1 个");
    expect(text).toContain("排名规则：先比本期发现的重大隐患条数");
    expect(await total("发现=2023Q3 等级=重大")).toBe(5);
    expect(await total("发现=2023Q3 等级=重大 单位=应急办")).toBe(2);
    expect(await total("发现=2023Q3 等级=重大 单位=消防站")).toBe(2);
  });

  it("a clock met in time ranks a unit above one with none, at equal found", async () => {
    await logQuarter();
    clock = Date.parse("2023-07-20T10:00:00+08:00");
    await say("/隐患 整改完成 YH-2023-0003 已整改");
    clock = Date.parse("2023-09-20T10:00:00+08:00");
    expect(tableOf(await reply("/排名 2023Q3")).slice(0, 2)).toEqual([
      "  1 | 消防站 | 2 | 40% | 0 | 1 | 1/0 | 100%",
      "  2 | 应急办 | 2 | 40% | 0 | 0 | 0/0 | —",
    ]);
  });

  it("一般 and 已撤销 hazards leave the ranking as it was", async () => {
    await logQuarter();
    clock = Date.parse("2023-09-20T10:00:00+08:00");
    const before = tableOf(await reply("/排名"));
    await say(`${newHazardLine({ unit: "交通办", sector: "道路交通", enterprise: "某路段" })} 等级=一般`);
    await say(
      newHazardLine({ unit: "交通办", sector: "道路交通", enterprise: "某路段", description: "重复录入" }),
    );
    await say("/隐患 撤销 YH-2023-0007 原因=重复录入");
    expect(await total("状态=已撤销")).toBe(1);
    const after = await reply("/排名");
    expect(tableOf(after)).toEqual(before);
    expect(after).toContain("全镇发现重大隐患 5 条（一般 1 条另计）");
  });

  it("by sector, for a month, and for a year cut by 专项开始 (不完整)", async () => {
    await logQuarter();
    const bySector = await reply("/排名 2023-08 按=领域");
    expect(bySector).toContain("2023年8月");
    expect(tableOf(bySector).slice(0, 3)).toEqual([
      "  1 | 危险化学品 | 2 | 40% | 0 | 0 | 0/0 | —",
      "  1 | 消防 | 2 | 40% | 0 | 0 | 0/0 | —", // posted in July; its clock (08-09) still running on 08-01
      "  3 | 道路交通 | 1 | 20% | 0 | 0 | 0/0 | —",
    ]);
    expect(bySector).toContain(
      "本期挂牌 0 次；本期到期的督办时限 1 个，按期达到实质进展 0 个，超时 0 个，尚未到期 1 个",
    );
    expect(await total("发现=2023-08 等级=重大 领域=消防")).toBe(2);
    expect(await reply("/排名 2023")).toContain("2023年（不完整：本期被专项开始或专项结束截断）");
  });

  it("pages 300 units, 20 a page, the rest a command away, every card within Feishu's limits", async () => {
    const db = h.bot.deps.db;
    const { units } = await import("../db/schema");
    await db.insert(units).values(
      Array.from({ length: 300 }, (_, i) => ({
        name: `测试村民委员会第${String(i + 1).padStart(3, "0")}村`,
        kind: "村居" as const,
      })),
    );
    const first = await reply("/排名");
    expect(first).toMatch(
      /第 1\/16 页，共 316 个单位；另有 296 个单位在后面，发送 `\/排名 2023Q3 页=2` 查看/,
    );
    expect(tableOf(first)).toHaveLength(20);
    const last = await reply("/排名 页=16");
    expect(last).toContain("第 16/16 页");
    // the fake Open API refuses any card Feishu would refuse: none was (checked as the harness closes)
  });

  it("refuses what it cannot read, saying the right form", async () => {
    // a refused value is 填写有误; a word the command does not know is 没看懂这条命令
    for (const [line, reason, header] of [
      [
        "/排名 下周",
        "看不懂时段「下周」。可写：本周、本月、本季、本年，或 2023Q3、2023-06、2023",
        "填写有误",
      ],
      ["/排名 按=企业", "按「企业」不对：只能是 单位 或 领域", "填写有误"],
      ["/排名 页=0", "页「0」应是从 1 开始的整数", "填写有误"],
      ["/排名 页=99", "只有 1 页，没有第 99 页", "填写有误"],
      ["/排名 本季 本月", "时段只能写一个", "填写有误"],
      ["/排名 顺序=倒序", "不认识参数「顺序」", "没看懂这条命令"],
    ] as const) {
      const text = await reply(line);
      expect(text).toContain(`【${header}】`);
      expect(text).toContain(reason);
      expect(text).toContain("/排名 [本周/本月/本季/本年/2023Q3/2023-06/2023] [按=单位/领域]");
    }
  });

  it("is for everyone bound", async () => {
    const head = "ou_head0000000000000000000000009";
    await bind(h, head, "企业负责人", { unit: "应急办" });
    expect(await reply("/排名", { sender: head })).toContain("排名规则");
  });
});

describe("季通报", () => {
  it("posts the previous quarter on its first workday 09:30 (2023-10-07, a 调休 Saturday), praising the top three", async () => {
    await logQuarter();
    // 党政办 sent its 典型执法案例 for the quarter; the others are named
    clock = Date.parse("2023-09-20T10:00:00+08:00");
    await say("/案例 新增 单位=党政办 企业=某工地 领域=建筑施工 描述=违规动火被查处 日期=2023-09-18");
    for (const day of ["2023-10-01", "2023-10-06"]) {
      clock = Date.parse(`${day}T10:00:00+08:00`);
      expect((await tick(h.bot.deps, jobs, clock)).find((o) => o.job === "quarterly-ranking")).toMatchObject({
        status: "not-due",
      });
    }
    clock = Date.parse("2023-10-07T09:30:00+08:00");
    const outcome = (await tick(h.bot.deps, jobs, clock)).find((o) => o.job === "quarterly-ranking");
    expect(outcome).toMatchObject({ status: "posted", period: "2023Q3" });
    const cards = h.fake.messages
      .filter((m) => m.receive_id === GROUP_CHAT)
      .map((m) => m.content as Card)
      .filter((c) => c.header?.title.content === "季通报");
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]!);
    expect(text).toContain("表扬：应急办（2 条）、消防站（2 条）、交通办（1 条）");
    expect(text).toMatch(/本期未发现重大隐患的单位（13 个）：党政办、电信所、高兴交警中队/);
    expect(text).not.toContain("高兴镇人民政府");
    expect(text).toContain("全镇季度目标 10 条，还差 5 条");
    expect(text).toMatch(/本季度未报送典型执法案例的单位（\d+ 个）：应急办、消防站/);
    expect(text).not.toMatch(/未报送典型执法案例的单位[^\n]*党政办/);
  });
});
