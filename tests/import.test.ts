// Bulk import of the enterprise roster through the real door: /企业 导入, then a file message whose bytes the
// fake Open API serves; a workbook shaped like 附件2 (made here, with made-up phone numbers) imports as it is.

import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog, enterprises, pendingUploads } from "../db/schema";
import { parseCsv } from "../src/imports/csv";
import { encryptedDelivery, GROUP_CHAT, type MessageOptions, messageEnvelope } from "./support/events";
import { bindAs, replyOf, textOf, titleOf, unitId } from "./support/exchange";
import type { DeliveredMessage } from "./support/fake-open-api";
import { ADMIN, type Harness, startHarness } from "./support/harness";

let h: Harness;

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

const STEMS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未".split("");
const pad = (n: number) => String(n).padStart(2, "0");

interface ShopRow {
  name: string;
  unit: string;
  head: string;
  headPhone: string;
  liaison: string;
  liaisonPhone: string;
  cadre: string;
  cadrePhone: string;
}

/** 18 invented fireworks shops, shaped like 附件2: one head "曾 勇", one 责任干部 "驻村干部" with no phone. */
function shops(): ShopRow[] {
  return STEMS.map((stem, i) => ({
    name: `${stem}记烟花爆竹零售店`,
    unit: "高兴镇人民政府",
    head: i === 1 ? "曾 勇" : `店主${stem}`,
    headPhone: `138000000${pad(i + 1)}`,
    liaison: i % 2 === 0 ? "陈中" : "刘威宏",
    liaisonPhone: i % 2 === 0 ? "13700000001" : "13700000002",
    cadre: i === 6 ? "驻村干部" : `干部${stem}`,
    cadrePhone: i === 6 ? "" : `136000000${pad(i + 1)}`,
  }));
}

/** A workbook like 附件2: a merged title row, then 序号 | 公司/企业名称 | 责任单位 | 企业主要负责人 | 联系电话 | … */
async function annex2(rows: ShopRow[] = shops(), mergeUnit = false): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("附件2");
  sheet.addRow(["附件2 高兴镇烟花爆竹零售店安全生产责任公示牌"]);
  sheet.mergeCells("A1:I1");
  sheet.addRow([
    "序号",
    "公司/企业名称",
    "责任单位",
    "企业主要负责人",
    "联系电话",
    "挂点领导",
    "联系电话",
    "责任干部",
    "联系电话",
  ]);
  rows.forEach((r, i) => {
    const phone = (p: string) => (/^\d+$/.test(p) ? Number(p) : p); // as typed in Excel: numbers
    sheet.addRow([
      i + 1,
      r.name,
      mergeUnit && i > 0 ? null : r.unit,
      r.head,
      phone(r.headPhone),
      r.liaison,
      phone(r.liaisonPhone),
      r.cadre,
      phone(r.cadrePhone),
    ]);
  });
  if (mergeUnit) sheet.mergeCells(`C3:C${rows.length + 2}`);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let fileSerial = 0;

/** A file message as Feishu delivers it (no mention: it cannot carry one), its bytes served by the fake. */
async function sendFile(
  fileName: string,
  bytes: Buffer,
  o: MessageOptions = {},
): Promise<DeliveredMessage[]> {
  fileSerial += 1;
  const messageId = `om_file_${Date.now().toString(16)}_${fileSerial}`;
  const fileKey = `file_v3_upload_${fileSerial}`;
  h.fake.addResource(messageId, fileKey, bytes);
  const before = h.fake.messages.length;
  const payload = messageEnvelope({
    o: { sender: ADMIN, ...o, messageId },
    createTime: Date.now(),
    messageType: "file",
    content: JSON.stringify({ file_key: fileKey, file_name: fileName }),
    mentions: [],
    chatType: o.chatType ?? "group",
  });
  expect((await h.deliver(encryptedDelivery(payload))).status).toBe(200);
  await h.settle();
  return h.fake.messages.slice(before);
}

const db = () => h.bot.deps.db;
const rows = () => db().select().from(enterprises).orderBy(enterprises.id);
const audits = () => db().select().from(auditLog);

describe("a workbook shaped like 附件2", () => {
  it("imports as it is: the sector from the command, names with inner spaces kept, a 责任干部 with no phone", async () => {
    h = await startHarness();
    const prompt = await replyOf(h, "/企业 导入 领域=烟花爆竹");
    expect(prompt.text).toContain(
      "请在 10 分钟内把 .xlsx 或 .csv 文件发到这里（群里需要应用开通「获取群组中所有消息」权限；也可以私聊安督发送）",
    );
    expect(prompt.text).toContain("领域：烟花爆竹");
    expect(await db().select().from(pendingUploads)).toEqual([
      expect.objectContaining({ openId: ADMIN, chatId: GROUP_CHAT, purpose: "enterprise-import" }),
    ]);

    const [reply] = await sendFile("附件2 烟花爆竹零售店公示牌.xlsx", await annex2());
    expect(titleOf(reply)).toBe("企业导入完成");
    expect(textOf(reply)).toContain("新增 18 家，更新 0 家，未变 0 家。");
    const stored = await rows();
    expect(stored).toHaveLength(18);
    const government = await unitId(h, "高兴镇人民政府");
    for (const row of stored)
      expect(row).toMatchObject({ unitId: government, sectorId: 10, highRisk: false });
    expect(stored[0]).toMatchObject({
      name: "甲记烟花爆竹零售店",
      headName: "店主甲",
      headPhone: "13800000001",
      liaisonLeader: "陈中",
      liaisonLeaderPhone: "13700000001",
      cadreName: "干部甲",
      cadrePhone: "13600000001",
    });
    expect(stored[1]).toMatchObject({ name: "乙记烟花爆竹零售店", headName: "曾 勇" });
    expect(stored[6]).toMatchObject({ name: "庚记烟花爆竹零售店", cadreName: "驻村干部", cadrePhone: null });
    expect(await db().select().from(pendingUploads)).toEqual([]);
    const imported = (await audits()).filter((a) => a.action === "enterprise.import");
    expect(imported.map((a) => a.subjectId)).toEqual(stored.map((r) => String(r.id)));
  });

  it("importing the same file twice changes nothing the second time; a changed row is an update", async () => {
    h = await startHarness();
    const file = await annex2();
    await replyOf(h, "/企业 导入 领域=烟花");
    await sendFile("附件2.xlsx", file);
    const first = await rows();
    const auditsAfterFirst = (await audits()).length;

    await replyOf(h, "/企业 导入 领域=烟花");
    const [again] = await sendFile("附件2.xlsx", file);
    expect(textOf(again)).toContain("新增 0 家，更新 0 家，未变 18 家。");
    expect(await rows()).toEqual(first);
    expect((await audits()).length).toBe(auditsAfterFirst);

    const changed = shops();
    changed[2] = { ...changed[2]!, headPhone: "0797-7654321", head: "店主 丙" };
    changed[3] = { ...changed[3]!, head: "店 主丁" }; // the same name, spaced differently: unchanged
    await replyOf(h, "/企业 导入 领域=烟花");
    const [update] = await sendFile("附件2.xlsx", await annex2(changed));
    expect(textOf(update)).toContain("新增 0 家，更新 1 家，未变 17 家。");
    expect(textOf(update)).toContain("更新：丙记烟花爆竹零售店");
    const after = await rows();
    expect(after[2]).toMatchObject({ headName: "店主 丙", headPhone: "0797-7654321" });
    expect(after[3]).toEqual(first[3]);
    const [audit] = (await audits()).filter((a) => a.action === "enterprise.update");
    expect(audit).toMatchObject({ subjectId: String(first[2]!.id), actor: ADMIN });
    expect(JSON.parse(audit!.before!)).toMatchObject({ headPhone: "13800000003" });
  });

  it("a 责任单位 merged down the column fills every row", async () => {
    h = await startHarness();
    await replyOf(h, "/企业 导入 领域=烟花爆竹 高危=是");
    const [reply] = await sendFile("附件2.xlsx", await annex2(shops(), true));
    expect(textOf(reply)).toContain("新增 18 家");
    const stored = await rows();
    const government = await unitId(h, "高兴镇人民政府");
    expect(stored.every((r) => r.unitId === government && r.highRisk)).toBe(true);
  });
});

describe("a file with bad rows", () => {
  it("writes nothing, reports every problem by row and column, and waits for the corrected file", async () => {
    h = await startHarness();
    const bad = shops();
    bad[2] = { ...bad[2]!, headPhone: "1380000" }; // sheet row 5
    bad[3] = { ...bad[3]!, unit: "高兴镇政俯" }; // sheet row 6
    bad[5] = { ...bad[5]!, name: "甲记 烟花爆竹零售店" }; // sheet row 8: the same as row 3
    bad[8] = { ...bad[8]!, liaisonPhone: "0797-12" }; // sheet row 11
    bad[9] = { ...bad[9]!, head: "" }; // sheet row 12
    await replyOf(h, "/企业 导入 领域=烟花爆竹");
    const [reply] = await sendFile("附件2.xlsx", await annex2(bad));
    expect(titleOf(reply)).toBe("企业导入失败");
    const text = textOf(reply);
    expect(text).toContain("发现 5 处问题，什么也没有写入。");
    expect(text).toContain(
      "第 5 行「联系电话」：主要负责人电话「1380000」不是有效的电话号码：手机写 11 位（如 13800000001），座机带区号（如 0797-1234567）",
    );
    expect(text).toContain(
      "第 6 行「责任单位」：没有名为「高兴镇政俯」的单位，你是不是要找：高兴镇人民政府、",
    );
    expect(text).toContain("第 8 行「公司/企业名称」：「甲记 烟花爆竹零售店」与第 3 行是同一家企业");
    expect(text).toContain("第 11 行「联系电话」：挂点领导电话「0797-12」不是有效的电话号码");
    expect(text).toContain("第 12 行「企业主要负责人」：缺少企业主要负责人");
    expect(await rows()).toEqual([]);
    expect(await audits()).toEqual([]);

    // The wait is kept: the corrected file follows without the command.
    const [fixed] = await sendFile("附件2.xlsx", await annex2());
    expect(textOf(fixed)).toContain("新增 18 家");
  });

  it("without the download scope says the app lacks a permission, writes nothing, and keeps waiting for the file", async () => {
    h = await startHarness();
    await replyOf(h, "/企业 导入 领域=烟花爆竹");
    h.fake.setScopes(["im:message:send_as_bot", "im:resource", "contact:contact.base:readonly"]);
    const [reply] = await sendFile("附件2.xlsx", await annex2());
    expect(textOf(reply)).toContain(
      "没能从飞书取到这个文件，什么也没有写入：飞书应用缺少所需的权限。请管理员运行 npm run doctor，按提示在开发者后台补上权限。",
    );
    expect(await rows()).toEqual([]);
    expect(h.logs.filter((l) => l.includes("lacks a scope"))).toHaveLength(1);
    // Once the admin adds the scope (a new version approved), the same file goes through without the command.
    h.fake.setScopes(null);
    const [again] = await sendFile("附件2.xlsx", await annex2());
    expect(titleOf(again)).toBe("企业导入完成");
  });

  it("refuses a file with no 领域 when the command names none", async () => {
    h = await startHarness();
    await replyOf(h, "/企业 导入");
    const [reply] = await sendFile("附件2.xlsx", await annex2());
    expect(textOf(reply)).toContain("文件里没有「领域」列，命令里也没有写 领域=…");
    expect(await rows()).toEqual([]);
  });

  it("refuses a sheet without a header row, an .xls, and a CSV that is not UTF-8", async () => {
    h = await startHarness();
    await replyOf(h, "/企业 导入 领域=烟花爆竹");
    const headerless = new ExcelJS.Workbook();
    headerless.addWorksheet("s").addRow(["某店", "某人"]);
    const [noHeader] = await sendFile("名单.xlsx", Buffer.from(await headerless.xlsx.writeBuffer()));
    expect(textOf(noHeader)).toContain("找不到表头");
    const [xls] = await sendFile("名单.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    expect(textOf(xls)).toContain("「名单.xls」是旧版表格格式，请在 Excel/WPS 里另存为 .xlsx 后再发。");
    // "企业名称,责任单位" in GBK: not UTF-8.
    const gbk = Buffer.from([0xc6, 0xf3, 0xd2, 0xb5, 0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xd4, 0xf0, 0xc8, 0xce]);
    const [notUtf8] = await sendFile("名单.csv", gbk);
    expect(textOf(notUtf8)).toContain("CSV 文件须是 UTF-8 编码");
    expect(await rows()).toEqual([]);
  });

  it("refuses the command's own bad arguments at once", async () => {
    h = await startHarness();
    expect((await replyOf(h, "/企业 导入 领域=烟火")).text).toContain("没有名为「烟火」的行业领域");
    expect((await replyOf(h, "/企业 导入 高危=大概")).text).toContain("高危应写 是 或 否，「大概」不行");
    expect(await db().select().from(pendingUploads)).toEqual([]);
  });
});

describe("CSV files", () => {
  it("imports a UTF-8 CSV with a BOM, CRLF, quoted fields, and 领域 and 高危 columns that override the command", async () => {
    h = await startHarness();
    const csv =
      "\ufeff企业名称,责任单位,主要负责人,电话,领域,高危\r\n" +
      '"某某加油站,二号站",派出所,"王 五",13800000001,危化,是\r\n' +
      '某某液化气站,镇政府,"赵""六""",0797-1234567,,\r\n' +
      ",,,,,\r\n";
    await replyOf(h, "/企业 导入 领域=城镇燃气 高危=否");
    const [reply] = await sendFile("名单.csv", Buffer.from(csv, "utf8"));
    expect(textOf(reply)).toContain("新增 2 家，更新 0 家，未变 0 家。");
    const stored = await rows();
    expect(stored.map((r) => [r.name, r.unitId, r.sectorId, r.headName, r.headPhone, r.highRisk])).toEqual([
      ["某某加油站,二号站", await unitId(h, "高兴派出所"), 5, "王 五", "13800000001", true],
      ["某某液化气站", await unitId(h, "高兴镇人民政府"), 7, '赵"六"', "0797-1234567", false],
    ]);
  });

  it("never matches a retired (注销) enterprise: the same name imports as a new record", async () => {
    h = await startHarness();
    const csv = "企业名称,责任单位,主要负责人,电话\r\n某某加油站,派出所,王五,13800000001\r\n";
    await replyOf(h, "/企业 导入 领域=危化");
    await sendFile("名单.csv", Buffer.from(csv, "utf8"));
    await replyOf(h, "/企业 注销 某某加油站 原因=已关停");
    await replyOf(h, "/企业 导入 领域=危化");
    const [reply] = await sendFile("名单.csv", Buffer.from(csv, "utf8"));
    expect(textOf(reply)).toContain("新增 1 家，更新 0 家，未变 0 家。");
    const stored = await rows();
    expect(stored.map((r) => [r.name, r.retiredReason, r.retiredAt === null])).toEqual([
      ["某某加油站", "已关停", false],
      ["某某加油站", null, true],
    ]);
  });

  it("reads RFC 4180: quotes, doubled quotes, line breaks inside quotes, LF or CRLF", () => {
    expect(parseCsv(Buffer.from('a,"b,c","d""e"\n"f\r\ng",h\r\n'))).toEqual({
      ok: true,
      rows: [
        { number: 1, cells: ["a", "b,c", 'd"e'] },
        { number: 2, cells: ["f\r\ng", "h"] },
      ],
    });
    expect(parseCsv(Buffer.from("x,y"))).toEqual({ ok: true, rows: [{ number: 1, cells: ["x", "y"] }] });
    expect(parseCsv(Buffer.from('a\n"b,c\n'))).toEqual({
      ok: false,
      error: "CSV 第 2 行有一个引号没有闭合。",
    });
  });
});

describe("who may send the file, and where", () => {
  it("an admin's file with no import waiting gets a hint; anyone else's is not an import", async () => {
    h = await startHarness();
    const p2p = { chatType: "p2p" as const, chatId: "oc_p2p_files" };
    const [hint] = await sendFile("附件2.xlsx", await annex2(), p2p);
    expect(textOf(hint)).toBe(
      "要导入企业名录，先发送「/企业 导入 [领域=…] [高危=是/否]」（例如 /企业 导入 领域=烟花爆竹），再在 10 分钟内发文件。",
    );
    // In a group a file cannot @mention the bot: one nobody is waiting for is not meant for it, so no answer.
    expect(await sendFile("附件2.xlsx", await annex2())).toEqual([]);
    const cadre = "ou_cadre000000000000000000000001";
    await bindAs(h, cadre, "干部", { unit: "应急办" });
    const [other] = await sendFile("附件2.xlsx", await annex2(), { ...p2p, sender: cadre });
    expect(textOf(other)).toBe("我只听命令：@安督 后以 / 开头，例如 /帮助。");
    expect((await replyOf(h, "/企业 导入 领域=烟花爆竹", { sender: cadre })).title).toBe("没有权限");
    expect(await rows()).toEqual([]);
  });

  it("the file may follow privately after the command in the group", async () => {
    h = await startHarness();
    await replyOf(h, "/企业 导入 领域=烟花爆竹");
    const [reply] = await sendFile("附件2.xlsx", await annex2(), { chatType: "p2p", chatId: "oc_p2p_admin" });
    expect(reply).toMatchObject({ kind: "reply" });
    expect(textOf(reply)).toContain("新增 18 家");
  });

  it("a wait expires after 10 minutes", async () => {
    let clock = Date.parse("2023-06-01T02:00:00Z");
    h = await startHarness({ now: () => clock });
    await replyOf(h, "/企业 导入 领域=烟花爆竹");
    clock += 10 * 60_000 + 1;
    const [reply] = await sendFile("附件2.xlsx", await annex2(), { chatType: "p2p", chatId: "oc_p2p_late" });
    expect(textOf(reply)).toContain("要导入企业名录，先发送");
    expect(await rows()).toEqual([]);
    expect(await db().select().from(pendingUploads).where(eq(pendingUploads.openId, ADMIN))).toEqual([]);
  });
});
