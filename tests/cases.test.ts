// 典型执法案例 through the real door: /案例 新增 (an admin for any unit, a 干部 for their own), refusals that write
// nothing, /案例 列表 本季 with the units that still owe one, the count in 附件4, and the quarterly reminder;
// /案例 修改 and /案例 删除 (the unit's 干部 or an admin), their audit trail, and their refusals.
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { auditLog, enforcementCases } from "../db/schema";
import { quarterlyCaseReminder } from "../src/jobs/quarterly-case-reminder";
import { tick } from "../src/jobs/tick";
import { GROUP_CHAT } from "./support/events";
import { ADMIN, type Harness } from "./support/harness";
import { bind, cardText, ledger, startLedger, unitIdOf } from "./support/ledger";

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

async function caseAudit() {
  return h.bot.deps.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.subjectType, "case"))
    .orderBy(asc(auditLog.id));
}

async function caseRow(id: number) {
  return (await h.bot.deps.db.select().from(enforcementCases).where(eq(enforcementCases.id, id)).get())!;
}

describe("/案例 修改 and /案例 删除", () => {
  const LEADER = "ou_case_leader00000000000000001";
  const OTHER = "ou_case_other000000000000000001";

  beforeEach(async () => {
    await bind(h, LEADER, "领导");
    await bind(h, OTHER, "干部", { unit: "应急办" });
    // 1: 应急办's, by the admin; 2: 消防站's, by its 干部
    await reply(
      "/案例 新增 单位=应急办 企业=东风加油站 领域=危化品 描述=无证动火作业被查处 日期=8月5日 危险作业罪=是",
    );
    await reply("/案例 新增 单位=消防站 企业=某商场 领域=消防 描述=消防通道堵塞被处罚 日期=8月6日", CADRE);
  });

  it("the unit's 干部 corrects its case: old → new shown, the old values and the reason kept", async () => {
    const listed = await reply("/案例 列表 本季");
    expect(listed.text).toContain("编号 | 日期 | 单位 | 企业 | 领域 | 危险作业罪 | 报送");
    expect(listed.text).toContain("2 | 2023-08-06 | 消防站 | 某商场 | 消防 |  | 未报送");
    const edited = await reply(
      "/案例 修改 2 描述=「消防通道堵塞，罚款 1 万元」 报送日期=8月9日 原因=补写报送日期和罚款",
      CADRE,
    );
    expect(edited.title).toBe("典型执法案例");
    expect(edited.text).toContain("第 2 号案例已修改：");
    expect(edited.text).toContain("描述：消防通道堵塞被处罚 → 消防通道堵塞，罚款 1 万元");
    expect(edited.text).toContain("报送日期：未报送 → 2023-08-09");
    expect(edited.text).toContain("原因：补写报送日期和罚款");
    expect(await caseRow(2)).toMatchObject({
      description: "消防通道堵塞，罚款 1 万元",
      reportedOn: "2023-08-09",
      revision: 1,
      deletedAt: null,
    });
    const audit = await caseAudit();
    expect(audit.map((a) => [a.action, a.subjectId, a.actor])).toEqual([
      ["case.create", "1", ADMIN],
      ["case.create", "2", CADRE],
      ["case.edit", "2", CADRE],
    ]);
    expect(JSON.parse(audit[2]!.before!)).toEqual({ description: "消防通道堵塞被处罚", reportedOn: null });
    expect(JSON.parse(audit[2]!.after!)).toEqual({
      description: "消防通道堵塞，罚款 1 万元",
      reportedOn: "2023-08-09",
      reason: "补写报送日期和罚款",
    });

    // An admin may correct any unit's case, move it to another unit, and clear a 报送日期.
    const moved = await reply("/案例 修改 2 单位=应急办 危险作业罪=是 报送日期=无");
    expect(moved.text).toContain("单位：消防站 → 应急办");
    expect(moved.text).toContain("危险作业罪：否 → 是");
    expect(moved.text).toContain("报送日期：2023-08-09 → 未报送");
    expect(await caseRow(2)).toMatchObject({
      unitId: await unitIdOf(h, "应急办"),
      dangerousWorkCrime: true,
      reportedOn: null,
    });

    // A date in another quarter moves the case there.
    const earlier = await reply("/案例 修改 1 日期=2023-06-28 原因=日期录错");
    expect(earlier.text).toContain("它改计入2023年第二季度（原为2023年第三季度）");
    const quarter = await reply("/案例 列表 本季");
    expect(quarter.text).toContain("共 1 起");
    expect(quarter.text).not.toContain("2023-06-28");
  });

  it("refuses unknown numbers, bad fields and people who may not, each writing nothing", async () => {
    const refusals: [string, string, string, string?][] = [
      ["/案例 修改 99 描述=乙", ADMIN, "没有第 99 号案例", "没有找到"],
      ["/案例 修改 甲 描述=乙", ADMIN, "「甲」不是案例编号：写 /案例 列表 里的编号，例如 12"],
      ["/案例 修改 描述=乙", ADMIN, "要写明案例的编号"],
      ["/案例 修改 2 地点=商场", ADMIN, "不认识参数「地点」"],
      ["/案例 修改 2", ADMIN, "没有写要改什么。可改：单位、企业、领域、描述、日期、危险作业罪、报送日期"],
      ["/案例 修改 2 日期=2023-09-01", ADMIN, "日期 2023-09-01 在今天之后"],
      ["/案例 修改 2 危险作业罪=也许", ADMIN, "危险作业罪「也许」只能写 是 或 否"],
      ["/案例 修改 2 领域=不存在的领域", ADMIN, "不存在的领域"],
      ["/案例 修改 2 描述=「」", ADMIN, "描述不能为空"],
      ["/案例 修改 2 描述=消防通道堵塞被处罚", ADMIN, "第 2 号案例的这些内容和现在一样，没有改动"],
      [
        "/案例 修改 1 描述=乙",
        CADRE,
        "第 1 号案例是「应急办」的：只有该单位的干部或管理员可以修改",
        "没有权限",
      ],
      ["/案例 修改 2 单位=应急办", CADRE, "你只能登记本单位的案例，不能把它改到「应急办」", "没有权限"],
      ["/案例 修改 2 描述=乙", LEADER, "不能办理「/案例 修改」", "没有权限"],
      ["/案例 删除 2", CADRE, "删除要写明原因"],
      ["/案例 删除 2 原因=「 」", CADRE, "删除要写明原因"],
      ["/案例 删除 2 单位=应急办 原因=重复", CADRE, "不认识参数「单位」。删除只写 原因=…"],
      ["/案例 删除 99 原因=重复", ADMIN, "没有第 99 号案例"],
      ["/案例 删除 1 原因=重复", CADRE, "只有该单位的干部或管理员可以删除", "没有权限"],
      ["/案例 删除 2 原因=重复", OTHER, "第 2 号案例是「消防站」的", "没有权限"],
      ["/案例 删除 2 原因=重复", LEADER, "不能办理「/案例 删除」", "没有权限"],
    ];
    for (const [line, sender, message, title] of refusals) {
      const before = await state();
      const r = await reply(line, sender);
      expect(r.text, line).toContain(message);
      if (title) expect(r.title, line).toBe(title);
      expect(r.text, line).not.toContain("出错了");
      expect(await state(), line).toEqual(before);
    }
  });

  it("deletes a case: kept with who and why, out of the list, the quarter's roll and 附件4; no more changes", async () => {
    const deleted = await reply("/案例 删除 2 原因=「重复登记（同第 1 号）」", CADRE);
    expect(deleted.text).toContain(
      "第 2 号案例已删除（消防站，2023-08-06，某商场）。原因：重复登记（同第 1 号）",
    );
    expect(deleted.text).toContain("消防站 2023年第三季度已没有案例");
    expect(await caseRow(2)).toMatchObject({ deletedBy: CADRE, deleteReason: "重复登记（同第 1 号）" });
    expect((await caseRow(2)).deletedAt).toBe(clock);
    const audit = (await caseAudit()).at(-1)!;
    expect([audit.action, audit.subjectId, audit.actor]).toEqual(["case.delete", "2", CADRE]);
    expect(JSON.parse(audit.before!)).toMatchObject({ id: 2, description: "消防通道堵塞被处罚" });
    expect(JSON.parse(audit.after!)).toMatchObject({ reason: "重复登记（同第 1 号）" });

    const listed = await reply("/案例 列表 本季");
    expect(listed.text).toContain("共 1 起");
    expect(listed.text).not.toContain("某商场");
    expect(listed.text).toMatch(/本季度还没有案例的单位[^\n]*消防站/);
    clock = at("2023-09-02T10:00:00");
    const table = await reply("/调度表 2023-08");
    expect(table.text).toContain("公布典型执法案例（个），其中危险作业罪案例（个） | 1，1");

    const before = await state();
    const again = await reply("/案例 删除 2 原因=再删", CADRE);
    expect(again.text).toContain("第 2 号案例已经删除了（原因：重复登记（同第 1 号）），不能再删除");
    const edit = await reply("/案例 修改 2 描述=乙");
    expect(edit.text).toContain("不能再修改");
    expect(await state()).toEqual(before);

    const kept = await reply("/案例 删除 1 原因=录错", ADMIN);
    expect(kept.text).toContain("应急办 2023年第三季度已没有案例");

    // What was deleted stays findable: who deleted each, when and why, the latest first.
    const gone = await reply("/案例 列表 已删除");
    expect(gone.title).toBe("已删除的典型执法案例");
    expect(gone.text).toContain("已删除 2 起");
    expect(gone.text.indexOf("录错")).toBeLessThan(gone.text.indexOf("重复登记（同第 1 号）"));
    expect(gone.text).toContain("2023-08-10 10:00");
    expect(gone.text).toContain("2023-09-02 10:00");
    const theirs = await reply("/案例 列表 已删除 单位=消防站");
    expect(theirs.text).toContain("消防站　已删除 1 起");
    expect(theirs.text).toContain("某商场");
    expect(theirs.text).not.toContain("录错");
    const bad = await reply("/案例 列表 删掉的");
    expect(bad.text).toContain("「删掉的」看不懂：只能写 本季 或 已删除");
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
