// 月小结 and 年总结 through the real doors: hazards logged, moved and posted for 督办 by typed commands, the tick
// posting each card once on its first workday, and its figures matching `/隐患 列表` filters.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { jobs } from "../src/jobs";
import { tick } from "../src/jobs/tick";
import { GROUP_CHAT } from "./support/events";
import { type Harness, startHarness } from "./support/harness";
import { ask, askCard, bind, bindSectorLeader, cardText, newHazardLine } from "./support/ledger";

let h: Harness;
let clock = 0;
const LEADER = "ou_leader0000000000000000000000001";

beforeEach(async () => {
  clock = Date.parse("2023-06-20T10:00:00+08:00");
  h = await startHarness({ now: () => clock, env: { FEISHU_GROUP_CHAT_ID: GROUP_CHAT } });
  await bind(h, LEADER, "领导");
  // 销号 is the sector's 责任领导's (or an admin's), never the one who reported 整改完成: 消防 is sector 2
  await bindSectorLeader(h, 2, LEADER);
});
afterEach(async () => h.close());

const say = (text: string, o: { sender?: string } = {}) => ask(h, text, { createTime: clock, ...o });
const total = async (filters: string) =>
  Number(/共 (\d+) 条/.exec(cardText(await askCard(h, `/隐患 列表 ${filters}`, { createTime: clock })))?.[1]);
const fire = (description: string, extra = "") =>
  say(`${newHazardLine({ unit: "消防站", sector: "消防", enterprise: "某商场", description })} ${extra}`);

function posted(title: string): string[] {
  return h.fake.messages
    .filter((m) => m.receive_id === GROUP_CHAT)
    .map((m) => m.content as Card)
    .filter((c) => c.header?.title.content === title)
    .map(cardText);
}

/** May: one 部门检查; June: 企业自查 (closed), 部门检查 (督办), 上级检查, 举报, and one 一般. */
async function logCampaign() {
  await fire("五月的", "发现日期=5月10日");
  await fire("自查一", "来源=企业自查");
  await fire("部门一");
  await fire("上级一", "来源=上级检查");
  await fire("举报一", "来源=举报");
  await fire("一般一", "等级=一般");
  await say("/隐患 督办 YH-2023-0003 层级=县级 文号=兴安办〔2023〕2号");
  await say("/隐患 整改完成 YH-2023-0002 已整改");
  await say("/隐患 销号 YH-2023-0002 验收合格", { sender: LEADER });
}

describe("月小结", () => {
  it("posts June on 2023-07-03 09:00: per sector by 来源 as 附件4 rows them, month and cumulative", async () => {
    await logCampaign();
    clock = Date.parse("2023-07-03T09:00:00+08:00");
    const outcome = (await tick(h.bot.deps, jobs, clock)).find((o) => o.job === "monthly-summary");
    expect(outcome).toMatchObject({ status: "posted", period: "2023-06" });
    const [text] = posted("月小结");
    expect(text).toContain("2023年6月");
    expect(text).toContain("一般隐患 1 条另计");
    const [month, cumulative] = text!.split("累计");
    expect(month).toContain("  全镇 | 1/1 | 3/0 | 1/0");
    expect(month).toContain("  消防 | 1/1 | 3/0 | 1/0");
    expect(cumulative).toContain("（自专项开始 2023-05-01）");
    expect(cumulative).toContain("  消防 | 1/1 | 4/0 | 1/0");
    // the same figures from the ledger's list
    expect(await total("发现=2023-06 等级=重大 领域=消防 来源=企业自查")).toBe(1);
    expect(await total("发现=2023-06 等级=重大 领域=消防 来源=企业自查 状态=已销号")).toBe(1);
    const inspections = await Promise.all(
      ["部门检查", "上级检查", "举报"].map((s) => total(`发现=2023-06 等级=重大 领域=消防 来源=${s}`)),
    );
    expect(inspections.reduce((a, b) => a + b, 0)).toBe(3);
    expect(await total("发现=2023 等级=重大 领域=消防")).toBe(5);

    await tick(h.bot.deps, jobs, clock + 60_000);
    expect(posted("月小结")).toHaveLength(1);
  });

  it("September's goes out on the 调休 Saturday 2023-10-07, after the National Day holiday", async () => {
    clock = Date.parse("2023-10-06T09:00:00+08:00");
    expect((await tick(h.bot.deps, jobs, clock)).find((o) => o.job === "monthly-summary")).toMatchObject({
      status: "not-due",
    });
    clock = Date.parse("2023-10-07T09:00:00+08:00");
    expect((await tick(h.bot.deps, jobs, clock)).find((o) => o.job === "monthly-summary")).toMatchObject({
      status: "posted",
      period: "2023-09",
    });
  });
});

describe("年总结", () => {
  it("posts the year on 1 December 09:00 with its months, sectors, units and the plan's phases", async () => {
    await logCampaign();
    clock = Date.parse("2023-11-30T09:00:00+08:00");
    expect((await tick(h.bot.deps, jobs, clock)).find((o) => o.job === "annual-summary")).toMatchObject({
      status: "not-due",
    });
    clock = Date.parse("2023-12-01T09:00:00+08:00");
    expect((await tick(h.bot.deps, jobs, clock)).find((o) => o.job === "annual-summary")).toMatchObject({
      status: "posted",
      period: "2023",
    });
    const [text] = posted("年总结");
    expect(text).toContain("全镇发现重大事故隐患 5 条，其中已销号 1 条（一般隐患 1 条另计）");
    expect(text).toContain("向县里报送年度总结的截止日：2023-12-10");
    expect(text).toContain("  05-01～05-31 | 动员部署 | 1 | 0 | 0");
    expect(text).toContain("  06-01～07-31 | 自查自改和部门帮扶 | 4 | 1 | 1");
    expect(text).toContain("  5月 | 1 | 0 | 0");
    expect(text).toContain("  6月 | 4 | 1 | 1");
    expect(text).toContain("  消防站 | 5 | 1 | 1");
    expect(await total("发现=2023-06 等级=重大")).toBe(4);
    expect(await total("发现=2023 等级=重大 单位=消防站")).toBe(5);
  });
});
