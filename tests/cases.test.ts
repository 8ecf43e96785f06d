// 典型执法案例 through the real door: /案例 新增 (an admin for any unit, a 干部 for their own), refusals that write
// nothing, /案例 列表 本季 with the units that still owe one, the count in 附件4, and the quarterly reminder.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { enforcementCases } from "../db/schema";
import { quarterlyCaseReminder } from "../src/jobs/quarterly-case-reminder";
import { tick } from "../src/jobs/tick";
import { GROUP_CHAT } from "./support/events";
import { ADMIN, type Harness } from "./support/harness";
import { bind, cardText, ledger, startLedger } from "./support/ledger";

const at = (iso: string) => Date.parse(`${iso}+08:00`);
let clock = at("2023-08-10T10:00:00");
let h: Harness;
const CADRE = "ou_case_cadre000000000000000001";

async function reply(text: string, sender = ADMIN): Promise<{ title: string; text: string }> {
  const before = h.fake.messages.length;
  await h.ask(text, { sender, createTime: clock });
  const card = h.fake.messages.slice(before).find((m) => m.kind === "reply")!.content as Card;
  return { title: card.header?.title.content ?? "", text: cardText(card) };
}

async function state() {
  return { ledger: await ledger(h), cases: await h.bot.deps.db.select().from(enforcementCases) };
}

beforeEach(async () => {
  clock = at("2023-08-10T10:00:00");
  h = await startLedger({ now: () => clock, env: { FEISHU_GROUP_CHAT_ID: GROUP_CHAT } });
  await bind(h, CADRE, "干部", { unit: "消防站" });
});

afterEach(async () => {
  await h.close();
});

describe("/案例", () => {
  it("records cases, refuses what is wrong without writing, lists the quarter's and who still owes one", async () => {
    const added = await reply(
      "/案例 新增 单位=应急办 企业=东风加油站 领域=危化品 描述=无证动火作业被查处 日期=8月5日 危险作业罪=是 报送日期=8月8日",
    );
    expect(added.title).toBe("典型执法案例");
    expect(added.text).toContain("应急办 2023年第三季度的典型执法案例已登记");
    expect(added.text).toContain("日期：2023-08-05　危险作业罪");
    await reply("/案例 新增 单位=消防站 企业=某商场 领域=消防 描述=消防通道堵塞被处罚", CADRE);

    const before = await state();
    const refusals: [string, string, string][] = [
      ["/案例 新增 单位=应急办 企业=甲 领域=消防 描述=乙", CADRE, "你只能登记本单位的案例"],
      ["/案例 新增 单位=消防站 企业=甲 领域=消防", ADMIN, "缺少 描述="],
      [
        "/案例 新增 单位=消防站 企业=甲 领域=消防 描述=乙 日期=2023-09-01",
        ADMIN,
        "日期 2023-09-01 在今天之后",
      ],
      [
        "/案例 新增 单位=消防站 企业=甲 领域=消防 描述=乙 危险作业罪=也许",
        ADMIN,
        "危险作业罪「也许」只能写 是 或 否",
      ],
      ["/案例 新增 单位=不存在 企业=甲 领域=消防 描述=乙", ADMIN, "没有名为「不存在」的单位"],
    ];
    for (const [line, sender, message] of refusals) {
      const r = await reply(line, sender);
      expect(r.text).toContain(message);
    }
    expect(await state()).toEqual(before);

    const listed = await reply("/案例 列表 本季");
    expect(listed.text).toContain("2023年第三季度　共 2 起");
    expect(listed.text).toContain("2023-08-05 | 应急办 | 东风加油站 | 危险化学品 | 是 | 2023-08-08");
    expect(listed.text).toMatch(/本季度还没有案例的单位（\d+）：党政办、/);
    expect(listed.text).not.toMatch(/还没有案例的单位[^\n]*应急办/);

    // 附件4 counts them, from 专项开始 to the month's end
    clock = at("2023-09-02T10:00:00");
    const table = await reply("/调度表 2023-08");
    expect(table.text).toContain("公布典型执法案例（个），其中危险作业罪案例（个） | 2，1");
  });
});

describe("quarterly-case-reminder", () => {
  it("names the units with no case on the 1st and the 15th of the quarter's last month, once each", async () => {
    await reply("/案例 新增 单位=消防站 企业=某商场 领域=消防 描述=消防通道堵塞被处罚", CADRE);
    expect((await tick(h.bot.deps, [quarterlyCaseReminder], at("2023-08-31T09:00:00")))[0]?.status).toBe(
      "not-due",
    );
    const [first] = await tick(h.bot.deps, [quarterlyCaseReminder], at("2023-09-01T09:00:00"));
    expect(first).toMatchObject({ period: "2023Q3#1", status: "posted" });
    const card = h.fake.messages.at(-1)!;
    expect(card.receive_id).toBe(GROUP_CHAT);
    const shown = cardText(card.content as Card);
    expect(shown).toContain("还没有登记的单位");
    expect(shown).toContain("应急办");
    expect(shown).not.toMatch(/- 消防站/);
    const [again] = await tick(h.bot.deps, [quarterlyCaseReminder], at("2023-09-01T15:00:00"));
    expect(again?.status).toBe("already-claimed");
    const [second] = await tick(h.bot.deps, [quarterlyCaseReminder], at("2023-09-15T09:00:00"));
    expect(second).toMatchObject({ period: "2023Q3#2", status: "posted" });
  });
});
