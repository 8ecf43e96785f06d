// 附件3 through the real door: `/台账` as a card and `/台账 导出` as the form's workbook, read back cell by cell
// (title, the nine columns in order, rows by unit then 发现日期, the 督办 cell with every posting highest first,
// 整改进展, an extended deadline, the footer, widths, wrapping, the repeated header row, A4 landscape); a month's
// ledger as it stood at the month's end; withdrawn hazards and postings never shown; refusals write nothing.
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { asOfDay } from "../commands/ledger/scope";
import { FORM3_COLUMNS, FORM3_TITLE, statusOn } from "../src/domain/form3";
import { FORM3_WIDTHS } from "../src/exports/form3-workbook";
import { ledgerCounts, ledgerHazards } from "../src/store/ledger-form";
import { ADMIN, type Harness } from "./support/harness";
import { bind, cardText, ledger, refusal, startLedger, titleOf } from "./support/ledger";

const at = (iso: string) => Date.parse(`${iso}+08:00`);
let clock = at("2023-06-01T09:00:00");
let h: Harness;

/** A message at the clock's moment (the bot's clock reads the same), waiting for the work behind it. */
async function say(text: string, sender = ADMIN) {
  const before = h.fake.messages.length;
  await h.ask(text, { sender, createTime: clock });
  return h.fake.messages.slice(before);
}

async function onDay(iso: string, ...lines: string[]) {
  clock = at(iso);
  for (const line of lines) await say(line);
}

async function workbookOf(text: string, sender = ADMIN): Promise<ExcelJS.Workbook> {
  const uploads = h.fake.uploads.length;
  const sent = await say(text, sender);
  const file = sent.find((m) => m.msg_type === "file");
  if (!file) throw new Error(`no file for ${text}: ${JSON.stringify(sent)}`);
  const upload = h.fake.uploads[uploads]!;
  expect(file.content).toEqual({ file_key: upload.fileKey });
  expect(upload.fileType).toBe("xls");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(upload.bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

const text = (sheet: ExcelJS.Worksheet, ref: string) => String(sheet.getCell(ref).value ?? "");
const rowTexts = (sheet: ExcelJS.Worksheet, n: number) =>
  Array.from({ length: 9 }, (_, i) => String(sheet.getRow(n).getCell(i + 1).value ?? ""));

const add = (o: { unit: string; found: string; level?: string; description: string; deadline?: string }) =>
  `/隐患 新增 单位=${o.unit} 企业=东风加油站 领域=危险化学品 描述=「${o.description}」 措施=「加装防雷接地」 期限=${o.deadline ?? "2023-07-31"} 发现日期=${o.found}${o.level ? ` 等级=${o.level}` : ""}`;

beforeEach(async () => {
  clock = at("2023-06-01T09:00:00");
  h = await startLedger({ now: () => clock });
  h.fake.addUser(ADMIN, "安委办李明");
  await bind(h, "ou_rectifier_cadre_0000000000001", "干部", { name: "整改员", unit: "应急办" });
  // 0001: 应急办, found 6月10日, posted 镇级 then 县级, progress, extended, rectified in June, closed in July.
  await onDay(
    "2023-06-10T10:00:00",
    add({ unit: "应急办", found: "2023-06-10", description: "储罐区未设防雷设施" }),
    "/隐患 督办 YH-2023-0001 层级=镇级 文号=高安委〔2023〕3号 日期=2023-06-10",
  );
  await onDay(
    "2023-06-15T10:00:00",
    "/隐患 督办 YH-2023-0001 层级=县级 文号=兴安委办〔2023〕12号 日期=2023-06-15",
    "/隐患 修改 YH-2023-0001 期限=2023-08-31 原因=设备到货晚",
  );
  // 0002: 消防站, found earlier (5月20日): after 应急办's rows all the same, units go in the registry's order.
  // 0003: 应急办, found 6月5日: before 0001 in the form (by 发现日期 within the unit).
  // 0004: withdrawn: never shown. 0005: 一般: the second sheet.
  await onDay(
    "2023-06-16T10:00:00",
    add({ unit: "消防站", found: "2023-05-20", description: "消防通道堵塞" }),
    add({ unit: "应急办", found: "2023-06-05", description: "配电箱无漏电保护" }),
    add({ unit: "应急办", found: "2023-06-06", description: "录错的一条" }),
    "/隐患 撤销 YH-2023-0004 原因=录入错误",
    add({ unit: "应急办", found: "2023-06-07", level: "一般", description: "灭火器过期" }),
    // a posting made by mistake and withdrawn: never in the 督办 cell
    "/隐患 督办 YH-2023-0003 层级=市级 文号=错发〔2023〕1号 日期=2023-06-16",
    "/隐患 撤销督办 YH-2023-0003 文号=错发〔2023〕1号 原因=发错了",
  );
  clock = at("2023-06-20T10:00:00");
  await say("/隐患 进展 YH-2023-0001 已拆除违规线路");
  await say("/隐患 整改完成 YH-2023-0001 防雷设施已安装", "ou_rectifier_cadre_0000000000001");
  // July: 0001 is closed; 0006 is found (not in June's ledger).
  await onDay(
    "2023-07-01T10:00:00",
    "/隐患 销号 YH-2023-0001 验收合格",
    add({ unit: "应急办", found: "2023-07-01", description: "七月发现的隐患" }),
  );
});

afterEach(async () => {
  await h.close();
});

describe("/台账 导出", () => {
  it("lays the ledger out like 附件3, cell for cell", async () => {
    const workbook = await workbookOf("/台账 导出");
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["重大隐患", "一般隐患"]);
    const sheet = workbook.getWorksheet("重大隐患")!;
    expect(text(sheet, "A1")).toBe(FORM3_TITLE);
    expect(rowTexts(sheet, 2)).toEqual([...FORM3_COLUMNS]);
    // 应急办 (by 发现日期: 0003, 0001, 0006), then 消防站; the withdrawn 0004 and the 一般 0005 are not here.
    expect(rowTexts(sheet, 3)).toEqual([
      "1",
      "应急办",
      "东风加油站",
      "危险化学品",
      "配电箱无漏电保护",
      "加装防雷接地",
      "",
      "2023-07-31",
      "待整改",
    ]);
    expect(rowTexts(sheet, 4)).toEqual([
      "2",
      "应急办",
      "东风加油站",
      "危险化学品",
      "储罐区未设防雷设施",
      "加装防雷接地",
      "县级：兴安委办〔2023〕12号；镇级：高安委〔2023〕3号",
      "2023-08-31（原期限 2023-07-31，已延期）",
      "已销号（2023-07-01，安委办李明）",
    ]);
    expect(rowTexts(sheet, 5).slice(0, 5)).toEqual([
      "3",
      "应急办",
      "东风加油站",
      "危险化学品",
      "七月发现的隐患",
    ]);
    expect(rowTexts(sheet, 6).slice(0, 5)).toEqual([
      "4",
      "消防站",
      "东风加油站",
      "危险化学品",
      "消防通道堵塞",
    ]);
    // the footer, one row below the last hazard
    expect(rowTexts(sheet, 7)).toEqual(["", "", "", "", "", "", "", "", ""]);
    expect(text(sheet, "A8")).toBe("填报单位（盖章）：高兴镇安委办");
    expect(text(sheet, "E8")).toBe("填报人：安委办李明");
    expect(text(sheet, "G8")).toBe("联系电话：");
    const merges = (sheet as unknown as { model: { merges: string[] } }).model.merges;
    expect(merges).toEqual(expect.arrayContaining(["A1:I1", "A8:D8", "E8:F8", "G8:I8"]));
    // the styles that matter on paper
    expect(sheet.columns.map((c) => c.width)).toEqual([...FORM3_WIDTHS]);
    expect(sheet.getCell("E4").alignment?.wrapText).toBe(true);
    expect(sheet.getCell("B2").font?.bold).toBe(true);
    expect(sheet.getCell("I4").border?.bottom?.style).toBe("thin");
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      printTitlesRow: "2:2",
      fitToWidth: 1,
    });

    const minor = workbook.getWorksheet("一般隐患")!;
    expect(text(minor, "A1")).toBe("高兴镇安全生产一般事故隐患排查整治台账");
    expect(rowTexts(minor, 2)).toEqual([...FORM3_COLUMNS]);
    expect(rowTexts(minor, 3).slice(0, 5)).toEqual(["1", "应急办", "东风加油站", "危险化学品", "灭火器过期"]);
    expect(minor.pageSetup.orientation).toBe("landscape");
  });

  it("with 月份=, shows the hazards found by the month's end as they stood that day", async () => {
    const workbook = await workbookOf("/台账 导出 单位=应急办 月份=2023-06");
    const sheet = workbook.getWorksheet("重大隐患")!;
    expect(text(sheet, "A1")).toBe(`${FORM3_TITLE}\n（2023年6月底）`);
    expect(rowTexts(sheet, 3)[4]).toBe("配电箱无漏电保护");
    // On 30 June 0001 awaited its check: 待验收 with the 整改完成 note; 0006 (found in July) is not there.
    expect(rowTexts(sheet, 4).slice(4)).toEqual([
      "储罐区未设防雷设施",
      "加装防雷接地",
      "县级：兴安委办〔2023〕12号；镇级：高安委〔2023〕3号",
      "2023-08-31（原期限 2023-07-31，已延期）",
      "待验收：报整改完成：防雷设施已安装（2023-06-20）",
    ]);
    expect(text(sheet, "A6")).toBe("填报单位（盖章）：应急办");
    expect(sheet.rowCount).toBe(6);
  });

  it("writes a zero report for a unit with no hazard, its 干部 as 填报人 with their phone", async () => {
    const cadre = "ou_water_cadre00000000000000001";
    await bind(h, cadre, "干部", { name: "水务站刘洋", unit: "水务站" });
    await say("/我 电话=13800000002", cadre);
    const workbook = await workbookOf("/台账 导出", cadre);
    const sheet = workbook.getWorksheet("重大隐患")!;
    expect(text(sheet, "A3")).toBe("本期无");
    expect(text(sheet, "A5")).toBe("填报单位（盖章）：水务站");
    expect(text(sheet, "E5")).toBe("填报人：水务站刘洋");
    expect(text(sheet, "G5")).toBe("联系电话：13800000002");
  });
});

describe("an Open API outage", () => {
  it("delays the workbook and loses nothing: it goes out once Feishu answers", async () => {
    const end = h.fake.outage({ status: 503, msg: "service unavailable" });
    await say("/台账 导出 单位=应急办");
    expect(h.fake.uploads).toEqual([]);
    end();
    await h.bot.deps.messenger.drain();
    await h.settle();
    expect(h.fake.uploads).toHaveLength(1);
    const files = h.fake.messages.filter((m) => m.msg_type === "file");
    expect(files).toEqual([
      expect.objectContaining({ kind: "reply", content: { file_key: h.fake.uploads[0]!.fileKey } }),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(h.fake.uploads[0]!.bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(text(workbook.getWorksheet("重大隐患")!, "A1")).toBe(FORM3_TITLE);
  });
});

describe("/台账", () => {
  it("shows the counts and the newest rows as a card", async () => {
    const sent = await say("/台账 单位=应急办");
    const card = sent.find((m) => m.kind === "reply")!.content as Parameters<typeof titleOf>[0];
    expect(titleOf(card)).toBe("附件3 重大事故隐患排查整治台账");
    const shown = cardText(card);
    expect(shown).toContain("重大隐患 共 3 条（待整改 2，已销号 1）　一般隐患 1 条");
    // newest found first
    expect(shown.indexOf("七月发现的隐患")).toBeLessThan(shown.indexOf("储罐区未设防雷设施"));
    expect(shown.indexOf("储罐区未设防雷设施")).toBeLessThan(shown.indexOf("配电箱无漏电保护"));
    expect(shown).not.toContain("录错的一条");
    expect(shown).toContain("/台账 导出 单位=应急办");
  });

  it("with 月份=, counts and shows each hazard as it stood at the month's end", async () => {
    const sent = await say("/台账 单位=应急办 月份=2023-06");
    const shown = cardText(sent.find((m) => m.kind === "reply")!.content as Parameters<typeof titleOf>[0]);
    // 0001 rectified on 6月20日 and closed only in July; 0003 untouched; 0006 found in July: not yet there
    expect(shown).toContain("重大隐患 共 2 条（待整改 1，待验收 1）　一般隐患 1 条");
    expect(shown).toContain("待验收");
    expect(shown).not.toContain("七月发现的隐患");
    expect(shown).not.toContain("已销号（");
  });
});

describe("the card's counts in SQL", () => {
  it("agree with the domain's statusOn over the history, day by day", async () => {
    const db = h.bot.deps.db;
    for (const day of ["2023-06-09", "2023-06-10", "2023-06-16", "2023-06-20", "2023-06-30", "2023-07-01"]) {
      const asOf = asOfDay(day, "Asia/Shanghai");
      const counted = await ledgerCounts(db, { foundBy: day }, asOf.endMs);
      const expected = new Map<string, number>();
      let minor = 0;
      for (const hz of await ledgerHazards(db, { foundBy: day })) {
        if (hz.level !== "重大") {
          minor++;
          continue;
        }
        const status = statusOn(hz, asOf);
        expected.set(status, (expected.get(status) ?? 0) + 1);
      }
      expect(Object.fromEntries(counted.major), day).toEqual(Object.fromEntries(expected));
      expect(counted.minor, day).toBe(minor);
    }
    // the day 0001 was 待验收: rectified on 6月20日, closed only in July
    const june = await ledgerCounts(
      db,
      { foundBy: "2023-06-30" },
      asOfDay("2023-06-30", "Asia/Shanghai").endMs,
    );
    expect(Object.fromEntries(june.major)).toEqual({ 待整改: 2, 待验收: 1 });
  });
});

describe("refusals write nothing", () => {
  it("a 干部 asking for another unit's ledger, a bad month, a month not begun, an enterprise head's export", async () => {
    const cadre = "ou_ledger_cadre00000000000000001";
    await bind(h, cadre, "干部", { unit: "应急办" });
    const other = await refusal(h, "/台账 导出 单位=消防站", cadre);
    expect(other.title).toBe("没有权限");
    expect(other.text).toContain("你只能看本单位的台账");
    const month = await refusal(h, "/台账 导出 月份=2023-13", ADMIN);
    expect(month.title).toBe("填写有误");
    expect(month.text).toContain("月份「2023-13」应写成 2023-06 这样的年-月");
    const later = await refusal(h, "/台账 月份=2023-08", ADMIN);
    expect(later.text).toContain("2023-08 还没到");
    const unknown = await refusal(h, "/台账 单位=不存在的村", ADMIN);
    expect(unknown.title).toBe("填写有误");
    const uploads = h.fake.uploads.length;
    const before = await ledger(h);
    const head = "ou_ledger_head000000000000000001";
    await bind(h, head, "企业负责人", { enterpriseId: 1 });
    const forbidden = await refusal(h, "/台账 导出", head);
    expect(forbidden.title).toBe("没有权限");
    expect(h.fake.uploads).toHaveLength(uploads);
    expect(await ledger(h)).toEqual(before);
  });
});
