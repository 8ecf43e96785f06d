// Correcting the registry through the real doors: /单位 修改, 停用 (refused, with the list, while anything still
// points at the unit), 删除 (only a unit with no records), /企业 修改 and 注销; names unique among active records
// only; and seeded units keep their renames and deletions across a restart (seeded by key, not by name).
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, enterprises, members, referenceSeeds, units } from "../db/schema";
import { ADMIN, type Harness } from "./support/harness";
import {
  addEnterprise,
  ask,
  askCard,
  bind,
  cardText,
  eventsOf,
  hazardRow,
  newHazardLine,
  rectifyAndClose,
  startLedger,
  titleOf,
} from "./support/ledger";

const CADRE = "ou_cadre0000000000000000000000001";

let h: Harness;

beforeEach(async () => {
  h = await startLedger();
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

async function registry() {
  const db = h.bot.deps.db;
  return {
    units: await db.select().from(units).orderBy(asc(units.id)),
    enterprises: await db.select().from(enterprises).orderBy(asc(enterprises.id)),
    members: await db.select().from(members),
    audit: await db.select().from(auditLog).orderBy(asc(auditLog.id)),
  };
}

async function refused(text: string) {
  const before = await registry();
  const card = await askCard(h, text);
  expect(await registry()).toEqual(before);
  return { title: titleOf(card), text: cardText(card) };
}

async function unitNamed(name: string) {
  return h.bot.deps.db.select().from(units).where(eq(units.name, name));
}

async function lastAudit() {
  const rows = await h.bot.deps.db.select().from(auditLog).orderBy(asc(auditLog.id));
  return rows.at(-1)!;
}

describe("/单位 修改", () => {
  it("renames, re-types and replaces the short forms, audited; commands then know the new names only", async () => {
    await ask(h, "/单位 新增 名称=高兴材 类型=镇直 简称=高兴");
    const card = await askCard(h, "/单位 修改 高兴材 名称=高兴村 类型=村居 简称=高兴、高兴村委会");
    expect(cardText(card)).toContain("名称：高兴材 → 高兴村");
    expect(cardText(card)).toContain("类型：镇直 → 村居");
    const [row] = await unitNamed("高兴村");
    expect(row).toMatchObject({ kind: "村居", aliases: JSON.stringify(["高兴", "高兴村委会"]) });
    expect(await lastAudit()).toMatchObject({
      action: "unit.edit",
      actor: ADMIN,
      subjectId: String(row!.id),
    });
    expect(JSON.parse((await lastAudit()).before!)).toMatchObject({ name: "高兴材", kind: "镇直" });
    const list = cardText(await askCard(h, "/单位 列表"));
    expect(list).toContain("高兴村");
    expect(list).not.toContain("高兴材");
  });

  it.each([
    ["a name another unit has", "/单位 修改 交通办 名称=应急办", "已有单位「应急办」"],
    [
      "a short form another unit has",
      "/单位 修改 交通办 简称=派出所",
      "「派出所」已是单位「高兴派出所」的名称或简称",
    ],
    ["nothing to change", "/单位 修改 交通办", "没有写要改什么"],
    ["the same values", "/单位 修改 交通办 名称=交通办", "没有改动"],
    ["a bad 类型", "/单位 修改 交通办 类型=乡镇", "类型应是 村居 或 镇直"],
    ["an unknown unit", "/单位 修改 交通局 名称=交通所", "没有名为「交通局」的单位"],
  ])("refuses %s, changing nothing", async (_, line, words) => {
    expect((await refused(line)).text).toContain(words);
  });
});

describe("/单位 停用 and 删除", () => {
  it("refuses 停用 while 干部, open hazards or enterprises point at the unit, listing them", async () => {
    await addEnterprise(h, "东风加油站", "水务站", 5);
    await bind(h, CADRE, "干部", { name: "李干部", unit: "水务站" });
    await ask(h, newHazardLine({ unit: "水务站" }));
    const r = await refused("/单位 停用 水务站");
    expect(r.title).toBe("现在不能这样办");
    expect(r.text).toContain("绑定的干部（1）：李干部");
    expect(r.text).toContain("未销号的隐患（1）：YH-2023-0001");
    expect(r.text).toContain("登记的企业（1）：东风加油站");
  });

  it("retires a unit nothing points at: out of lists and forms, its name free for a new record", async () => {
    await ask(h, "/单位 新增 名称=老街村 类型=村居");
    const [old] = await unitNamed("老街村");
    await ask(h, newHazardLine({ unit: "老街村" }));
    await rectifyAndClose(h, "YH-2023-0001"); // a closed hazard does not hold it
    const answer = await ask(h, "/单位 停用 老街村");
    expect(JSON.stringify(answer)).toContain("已停用单位「老街村」");
    expect((await unitNamed("老街村"))[0]).toMatchObject({ retiredAt: expect.any(Number) });
    expect(await lastAudit()).toMatchObject({ action: "unit.retire", subjectId: String(old!.id) });

    expect(cardText(await askCard(h, "/单位 列表"))).not.toContain("老街村");
    const form = JSON.stringify(await askCard(h, "/隐患 新增"));
    expect(form).not.toContain("老街村");
    expect(cardText(await askCard(h, newHazardLine({ unit: "老街村" })))).toContain(
      "没有名为「老街村」的单位",
    );
    // Its hazard keeps its unit.
    expect(cardText(await askCard(h, "/隐患 查看 YH-2023-0001"))).toContain("部门/村居：老街村");
    expect((await refused("/单位 停用 老街村")).text).toContain("没有名为「老街村」的单位");

    // Registering the name again makes a new record; the retired one stays for history.
    await ask(h, "/单位 新增 名称=老街村 类型=村居");
    const both = await unitNamed("老街村");
    expect(both).toHaveLength(2);
    expect(both[1]!.id).not.toBe(old!.id);
    expect(both[1]!.retiredAt).toBeNull();
  });

  it("deletes a junk unit with no records, and refuses one with any", async () => {
    await ask(h, "/单位 新增 名称='; 类型=村居");
    expect(await unitNamed("';")).toHaveLength(1);
    const answer = await ask(h, "/单位 删除 ';");
    expect(JSON.stringify(answer)).toContain("已删除单位「';」");
    expect(await unitNamed("';")).toHaveLength(0);
    expect(await lastAudit()).toMatchObject({ action: "unit.delete", actor: ADMIN });

    await ask(h, "/单位 新增 名称=新村 类型=村居");
    await ask(h, newHazardLine({ unit: "新村" }));
    await ask(h, "/隐患 撤销 YH-2023-0001 原因=登错了");
    const r = await refused("/单位 删除 新村");
    expect(r.text).toContain("已有记录（隐患 1 条），不能删除");
  });
});

describe("seeded units are seeded by key", () => {
  it("stay renamed and deleted after the service restarts", async () => {
    await ask(h, "/单位 修改 电信所 名称=电信营业厅");
    await ask(h, "/单位 删除 交通办");
    await ask(h, "/单位 停用 卫生院");
    const before = await h.bot.deps.db.select().from(units).orderBy(asc(units.id));
    await h.restart();
    const after = await h.bot.deps.db.select().from(units).orderBy(asc(units.id));
    expect(after).toEqual(before);
    const list = cardText(await askCard(h, "/单位 列表"));
    expect(list).toContain("电信营业厅");
    expect(list).not.toContain("电信所");
    expect(list).not.toContain("交通办");
    expect(list).not.toContain("卫生院");
    expect(after.find((u) => u.name === "电信营业厅")?.seedKey).toBe("dianxinsuo");
  });
  it("claims the seeded units of a database from before the keys, by name, once", async () => {
    const db = h.bot.deps.db;
    // As a database seeded by name looked: no keys, nothing remembered as seeded.
    await db.update(units).set({ seedKey: null });
    await db.delete(referenceSeeds);
    const before = await db.select().from(units).orderBy(asc(units.id));
    await h.restart();
    const after = await h.bot.deps.db.select().from(units).orderBy(asc(units.id));
    expect(after.map((u) => [u.id, u.name])).toEqual(before.map((u) => [u.id, u.name]));
    expect(after.find((u) => u.name === "应急办")?.seedKey).toBe("yingjiban");
  });
});

describe("/企业 修改 and 注销", () => {
  beforeEach(async () => {
    await addEnterprise(h, "东风加油站", "应急办", 5, "王某");
    await addEnterprise(h, "西山石场", "水务站", 4);
  });

  it("corrects the 公示牌 fields, audited with before and after", async () => {
    const card = await askCard(h, "/企业 修改 东风加油站 负责人=李四 电话=13800000002 单位=水务站 高危=是");
    expect(titleOf(card)).toBe("已修改企业");
    expect(cardText(card)).toContain("李四");
    const row = (
      await h.bot.deps.db.select().from(enterprises).where(eq(enterprises.name, "东风加油站"))
    )[0]!;
    expect(row).toMatchObject({ headName: "李四", headPhone: "13800000002", highRisk: true });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "enterprise.edit", subjectId: String(row.id) });
    expect(JSON.parse(audit.before!)).toMatchObject({
      headName: "王某",
      headPhone: "13800000001",
      highRisk: false,
    });
    expect(JSON.parse(audit.after!)).toMatchObject({
      headName: "李四",
      headPhone: "13800000002",
      highRisk: true,
    });
  });

  it.each([
    ["a bad phone", "/企业 修改 东风加油站 电话=123", "主要负责人电话"],
    ["another enterprise's name", "/企业 修改 东风加油站 名称=西山石场", "已有名为「西山石场」的企业"],
    ["the same values", "/企业 修改 东风加油站 负责人=王某", "没有改动"],
    ["an unknown key", "/企业 修改 东风加油站 地址=某路", "不认识参数「地址」"],
    ["an unknown enterprise", "/企业 修改 南湖加油站 负责人=李四", "没有登记名为「南湖加油站」的企业"],
    ["注销 without 原因", "/企业 注销 东风加油站", "注销要写明原因"],
  ])("refuses %s, changing nothing", async (_, line, words) => {
    expect((await refused(line)).text).toContain(words);
  });

  it("注销 keeps it for history, out of lists and hazard matching; the name can be registered again", async () => {
    await ask(h, newHazardLine());
    const answer = await ask(h, "/企业 注销 东风加油站 原因=已关停");
    expect(JSON.stringify(answer)).toContain("已注销企业「东风加油站」（原因：已关停）");
    const [old] = await h.bot.deps.db.select().from(enterprises).where(eq(enterprises.name, "东风加油站"));
    expect(old).toMatchObject({ retiredAt: expect.any(Number), retiredReason: "已关停" });
    expect(await lastAudit()).toMatchObject({ action: "enterprise.retire", subjectId: String(old!.id) });

    expect(cardText(await askCard(h, "/企业 列表"))).not.toContain("东风加油站");
    expect(cardText(await askCard(h, "/企业 查看 东风加油站"))).toContain("没有登记名为「东风加油站」的企业");
    // Its hazard keeps its link; a new one names it as an unregistered place.
    expect((await hazardRow(h, "YH-2023-0001")).enterpriseId).toBe(old!.id);
    await ask(h, newHazardLine({ description: "加油机接地线断开" }));
    expect((await hazardRow(h, "YH-2023-0002")).enterpriseId).toBeNull();

    await ask(h, "/企业 新增 名称=东风加油站 单位=应急办 领域=危险化学品 负责人=赵六");
    const both = await h.bot.deps.db.select().from(enterprises).where(eq(enterprises.name, "东风加油站"));
    expect(both).toHaveLength(2);
    expect(both[1]).toMatchObject({ headName: "赵六", retiredAt: null });
  });
});

describe("/企业 注销 and the enterprise's bound 企业负责人", () => {
  const HEAD = "ou_head00000000000000000000000001";
  const OTHER_HEAD = "ou_head00000000000000000000000002";

  it("unbinds its heads in the same write, audited, and names them in the reply; their hazards stay", async () => {
    const station = await addEnterprise(h, "东风加油站", "应急办", 5, "王某");
    const quarry = await addEnterprise(h, "西山石场", "水务站", 4);
    await bind(h, HEAD, "企业负责人", { name: "王老板", enterpriseId: station });
    await bind(h, OTHER_HEAD, "企业负责人", { name: "李老板", enterpriseId: quarry });
    await ask(h, newHazardLine());
    await ask(h, "/隐患 进展 YH-2023-0001 内容=已清理杂物", { sender: HEAD });
    const history = await eventsOf(h, "YH-2023-0001");
    expect(history.some((e) => e.actor === HEAD)).toBe(true);

    const answer = JSON.stringify(await ask(h, "/企业 注销 东风加油站 原因=已关停"));
    expect(answer).toContain("已注销企业「东风加油站」（原因：已关停）");
    expect(answer).toContain("已同时解除 王老板 的企业负责人绑定");
    const left = await h.bot.deps.db.select().from(members);
    expect(left.map((m) => m.openId)).toEqual([OTHER_HEAD]);
    const unbind = (await registry()).audit.filter((a) => a.action === "member.unbind");
    expect(unbind).toEqual([expect.objectContaining({ actor: ADMIN, subjectId: HEAD })]);
    expect(JSON.parse(unbind[0]!.after!)).toEqual({ reason: "企业「东风加油站」已注销" });
    expect(await eventsOf(h, "YH-2023-0001")).toEqual(history);
    expect(JSON.stringify(await ask(h, "/隐患 列表", { sender: HEAD }))).toContain("请先绑定");

    // Retiring it again is refused, and changes nothing.
    const again = await refused("/企业 注销 东风加油站 原因=已关停");
    expect(again.text).toContain("没有登记名为「东风加油站」的企业");
  });

  it("an enterprise with no bound head is retired with the plain reply", async () => {
    await addEnterprise(h, "东风加油站", "应急办", 5);
    const answer = JSON.stringify(await ask(h, "/企业 注销 东风加油站 原因=已关停"));
    expect(answer).toContain("已注销企业「东风加油站」");
    expect(answer).not.toContain("解除");
  });
});

describe("/帮助", () => {
  it("shows every correction with an example, and that a retired name registers a new record", async () => {
    const hazard = cardText(await askCard(h, "/帮助 隐患"));
    for (const words of ["/隐患 修改 <编号> 字段=值", "/隐患 撤销 <编号> 原因=…", "/隐患 恢复 <编号>"]) {
      expect(hazard).toContain(words);
    }
    expect(hazard).toContain("/隐患 修改 YH-2023-0007 期限=8月31日");
    const unit = cardText(await askCard(h, "/帮助 单位"));
    for (const words of ["/单位 修改 高兴村 名称=高兴社区", "/单位 停用 电信所", "/单位 删除 高兴材"]) {
      expect(unit).toContain(words);
    }
    expect(unit).toContain("与停用单位同名时登记为新的单位");
    const enterprise = cardText(await askCard(h, "/帮助 企业"));
    expect(enterprise).toContain("/企业 修改 某某烟花爆竹零售店 负责人=李四");
    expect(enterprise).toContain("/企业 注销 某某烟花爆竹零售店 原因=已关停");
    expect(enterprise).toContain("与已注销企业同名时登记为新的企业");
  });
});
