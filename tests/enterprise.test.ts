// /企业 新增 / 列表 / 查看 / 公示牌 through the real door, and the phone rule every 公示牌 field obeys.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, enterprises } from "../db/schema";
import { normalisePhone } from "../src/domain/phone";
import { addEnterprise, bindAs, cardOf, replyOf, unitId } from "./support/exchange";
import type { Harness } from "./support/harness";
import { startHarness } from "./support/harness";

const fullWidth = (digits: string) =>
  [...digits].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join("");

describe("phone numbers", () => {
  it.each([
    ["13800000001", "13800000001"],
    ["138 0000 0001", "13800000001"],
    ["138-0000-0001", "13800000001"],
    ["+86 13800000001", "13800000001"],
    [fullWidth("13800000002"), "13800000002"],
    ["0797-1234567", "0797-1234567"],
    ["0797 1234567", "0797-1234567"],
    ["07971234567", "0797-1234567"],
    ["(0797)12345678", "0797-12345678"],
    ["010-12345678", "010-12345678"],
    ["02012345678", "020-12345678"],
  ])("accepts %s as %s", (input, stored) => {
    expect(normalisePhone(input)).toEqual({ ok: true, phone: stored });
  });

  it.each([
    "1380000000",
    "138000000011",
    "12800000001",
    "1234567",
    "0797-123456",
    "079-1234",
    "电话",
    "0797-123456789",
  ])("refuses %s", (input) => {
    const result = normalisePhone(input);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toBe(
        `「${input}」不是有效的电话号码：手机写 11 位（如 13800000001），座机带区号（如 0797-1234567）`,
      );
  });
});

let h: Harness;
const HEAD = "ou_head0000000000000000000000001";
const CADRE = "ou_cadre000000000000000000000002";

beforeEach(async () => {
  h = await startHarness();
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

const rows = () => h.bot.deps.db.select().from(enterprises);
const audits = async () => (await h.bot.deps.db.select().from(auditLog)).length;

const FULL =
  "/企业 新增 名称=某某烟花爆竹零售店 单位=镇政府 领域=烟花 负责人=「曾 勇」 电话=138-0000-0001 挂点领导=刘威宏 挂点领导电话=「0797 1234567」 责任干部=驻村干部 高危=是";

describe("/企业 新增", () => {
  it("registers an enterprise with its 公示牌 fields, phones normalised, short forms resolved, audited", async () => {
    const r = await replyOf(h, FULL);
    expect(r.title).toBe("已登记企业");
    expect(r.text).toContain("公司/企业名称：某某烟花爆竹零售店");
    expect(r.text).toContain("责任单位：高兴镇人民政府");
    expect(r.text).toContain("行业领域：烟花爆竹");
    expect(r.text).toContain("企业主要负责人：曾 勇　13800000001");
    expect(r.text).toContain("挂点领导：刘威宏　0797-1234567");
    expect(r.text).toContain("责任干部：驻村干部");
    expect(await rows()).toEqual([
      expect.objectContaining({
        name: "某某烟花爆竹零售店",
        unitId: await unitId(h, "高兴镇人民政府"),
        sectorId: 10,
        headName: "曾 勇",
        headPhone: "13800000001",
        liaisonLeader: "刘威宏",
        liaisonLeaderPhone: "0797-1234567",
        cadreName: "驻村干部",
        cadrePhone: null,
        highRisk: true,
      }),
    ]);
    const [audit] = await h.bot.deps.db.select().from(auditLog);
    const [row] = await rows();
    expect(audit).toMatchObject({
      action: "enterprise.create",
      subjectType: "enterprise",
      subjectId: String(row!.id),
    });
  });

  it.each([
    [
      `${FULL.replace("电话=138-0000-0001", "电话=1380000")}`,
      "填写有误",
      "主要负责人电话「1380000」不是有效的电话号码",
    ],
    [
      `${FULL.replace("挂点领导电话=「0797 1234567」", "挂点领导电话=12345")}`,
      "填写有误",
      "挂点领导电话「12345」不是有效的电话号码",
    ],
    ["/企业 新增 名称=某店", "填写有误", "缺少企业主要负责人\n缺少责任单位（单位=…）\n缺少领域（领域=…）"],
    [`${FULL.replace("单位=镇政府", "单位=镇长办")}`, "填写有误", "没有名为「镇长办」的单位"],
    [
      `${FULL.replace("领域=烟花", "领域=危险化学")}`,
      "填写有误",
      "没有名为「危险化学」的行业领域。你是不是要找：危险化学品？",
    ],
    [`${FULL.replace("高危=是", "高危=也许")}`, "填写有误", "高危应写 是 或 否，「也许」不行"],
    [FULL.replace("/企业 新增 ", "/企业 新增 地址=某路 "), "没看懂这条命令", "不认识参数「地址」"],
    [FULL.replace("/企业 新增 ", "/企业 新增 某路 "), "没看懂这条命令", "「某路」要写成 名称=值"],
    // a word that is no key of this command, after the last value, is part of it: refused as that value
    [`${FULL} 地址=某路`, "填写有误", "高危应写 是 或 否，「是 地址=某路」不行"],
  ])("refuses a bad line, naming what is wrong, and writes nothing: %#", async (line, title, reason) => {
    const r = await replyOf(h, line);
    expect(r.title).toBe(title);
    expect(r.text).toContain(reason);
    expect(r.text).toContain("/企业 新增 名称=… 单位=… 领域=… 负责人=…");
    expect(await rows()).toEqual([]);
    expect(await audits()).toBe(0);
  });

  it("refuses a duplicate name, even written with a space or full-width letters", async () => {
    await replyOf(h, FULL);
    const r = await replyOf(h, FULL.replace("名称=某某烟花爆竹零售店", "名称=「某某 烟花爆竹零售店」"));
    expect(r.title).toBe("现在不能这样办");
    expect(r.text).toContain("已有名为「某某烟花爆竹零售店」的企业，没有重复登记");
    expect(await rows()).toHaveLength(1);
  });

  it("is for admins only", async () => {
    await bindAs(h, CADRE, "干部", { unit: "应急办" });
    const r = await replyOf(h, FULL, { sender: CADRE });
    expect(r.title).toBe("没有权限");
    expect(await rows()).toEqual([]);
  });
});

describe("/企业 列表, 查看, 公示牌", () => {
  it("lists the registry as a table, filtered by sector or unit", async () => {
    await addEnterprise(h, "甲烟花店");
    await addEnterprise(h, "乙烟花店", "应急办");
    const all = await replyOf(h, "/企业 列表");
    expect(all.title).toBe("企业名录");
    expect(all.text).toContain("共 2 家");
    const table = cardOf(all.message).body.elements.find((e) => e.tag === "table")!;
    expect(table.rows).toEqual([
      {
        name: "甲烟花店",
        unit: "高兴镇人民政府",
        sector: "烟花爆竹",
        head: "负责人甲",
        phone: "13800000009",
        risk: "",
      },
      {
        name: "乙烟花店",
        unit: "应急办",
        sector: "烟花爆竹",
        head: "负责人甲",
        phone: "13800000009",
        risk: "",
      },
    ]);
    const byUnit = await replyOf(h, "/企业 列表 单位=安委办");
    expect(byUnit.text).toContain("共 1 家（单位：应急办）");
    const bySector = await replyOf(h, "/企业 列表 领域=危化");
    expect(bySector.text).toContain("共 0 家（领域：危险化学品）");
  });

  it("shows one enterprise, found by its name typed with spaces", async () => {
    await replyOf(h, FULL);
    const r = await replyOf(h, "/企业 查看 某某 烟花爆竹零售店");
    expect(r.title).toBe("企业");
    expect(r.text).toContain("高危：是");
    const missing = await replyOf(h, "/企业 查看 某某烟花店");
    expect(missing.title).toBe("没有找到");
    expect(missing.text).toContain("没有登记名为「某某烟花店」的企业。你是不是要找：某某烟花爆竹零售店？");
  });

  it("shows the 公示牌 as the board: blue, the board's rows in order", async () => {
    await replyOf(h, FULL);
    const r = await replyOf(h, "/企业 公示牌 某某烟花爆竹零售店");
    const card = cardOf(r.message);
    expect(card.header).toEqual({
      title: { tag: "plain_text", content: "安全生产责任公示牌" },
      subtitle: { tag: "plain_text", content: "某某烟花爆竹零售店" },
      template: "blue",
    });
    expect(r.text.split("\n")).toEqual([
      "【安全生产责任公示牌】 某某烟花爆竹零售店",
      "公司/企业名称：某某烟花爆竹零售店",
      "责任单位：高兴镇人民政府",
      "企业主要负责人",
      "曾 勇",
      "联系电话",
      "13800000001",
      "挂点领导",
      "刘威宏",
      "联系电话",
      "0797-1234567",
      "责任干部",
      "驻村干部",
      "联系电话",
      "—",
      "行业领域：烟花爆竹　高危",
    ]);
  });

  it("an enterprise head sees only their own enterprise", async () => {
    const mine = await addEnterprise(h, "甲烟花店");
    await addEnterprise(h, "乙烟花店");
    await bindAs(h, HEAD, "企业负责人", { enterpriseId: mine.id });
    const list = await replyOf(h, "/企业 列表", { sender: HEAD });
    expect(list.text).toContain("共 1 家");
    expect(list.text).toContain("甲烟花店");
    expect(list.text).not.toContain("乙烟花店");
    expect((await replyOf(h, "/企业 公示牌 甲烟花店", { sender: HEAD })).title).toBe("安全生产责任公示牌");
    const other = await replyOf(h, "/企业 查看 乙烟花店", { sender: HEAD });
    expect(other.title).toBe("没有权限");
    expect(other.text).toContain("企业负责人只能查看本企业");
  });

  it("a person bound to nothing is told how to get bound", async () => {
    const r = await replyOf(h, "/企业 列表", { sender: "ou_stranger00000000000000000001" });
    expect(r.title).toBe("请先绑定身份");
  });
});
