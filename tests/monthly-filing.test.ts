// The monthly filing through the real door: 附件4 for a fixture month with its figures worked out by hand (cards
// and the workbook read back cell by cell), the filing form's checks (the field named, nothing written), the
// 20th as the deadline in APP_TIMEZONE, /台账 确认 (a zero report counts; 已变更 after a change), and the
// jobs: the reminder ahead of the 20th @mentions who has not filed, the 21st's roll-call posts once a month
// with the 全镇 workbooks.
import { asc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { auditLog, form4Filings, jobClaims, ledgerConfirmations } from "../db/schema";
import { ENTERED_FIELDS } from "../src/domain/form4";
import { officialCalendar } from "../src/domain/workdays";
import { monthlyReportReminder, monthlyRollCall } from "../src/jobs/monthly-filing";
import { tick } from "../src/jobs/tick";
import { GROUP_CHAT } from "./support/events";
import { ADMIN, type Harness } from "./support/harness";
import { bind, bindSectorCadre, cardText, ledger, refusal, startLedger, titleOf } from "./support/ledger";

const at = (iso: string) => Date.parse(`${iso}+08:00`);
let clock = at("2023-05-10T09:00:00");
let h: Harness;
const FIRE = 2; // 消防
const CADRE = "ou_fire_cadre000000000000000001";
const RECTIFIER = "ou_rectifier_cadre_0000000000001";

async function say(text: string, sender = ADMIN) {
  const before = h.fake.messages.length;
  await h.ask(text, { sender, createTime: clock });
  return h.fake.messages.slice(before);
}

async function onDay(iso: string, ...lines: [string, string?][]) {
  clock = at(iso);
  for (const [line, sender] of lines) await say(line, sender);
}

const add = (o: { sector: string; source: string; found: string; level?: string; d: string }) =>
  [
    `/隐患 新增 单位=应急办 企业=东风加油站 领域=${o.sector} 描述=「${o.d}」 措施=「整改」 期限=2023-12-31 发现日期=${o.found} 来源=${o.source}${o.level ? ` 等级=${o.level}` : ""}`,
  ] as [string];
const rectify = (n: string) => [`/隐患 整改完成 ${n} 已整改`, RECTIFIER] as [string, string];
const close = (n: string) => [`/隐患 销号 ${n} 合格`] as [string];

async function loadWorkbook(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

/** Every figure filled: the given ones, the rest 0. */
function formWith(values: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(
    ENTERED_FIELDS.map((f) => [f.key, String(values[f.key] ?? (f.key === "enterprises" ? "" : 0))]),
  );
}

const submit = (
  form: Record<string, string>,
  o: { month?: string; operator?: string; sectorId?: number } = {},
) =>
  h.click(
    { action: "form4.submit", sectorId: o.sectorId ?? FIRE, month: o.month ?? "2023-06" },
    { operator: o.operator ?? CADRE, formValue: form },
  );

const toastOf = (answer: { body: Record<string, unknown> }) =>
  (answer.body.toast as { content?: string } | undefined)?.content ?? "";

async function filings() {
  return h.bot.deps.db.select().from(form4Filings).orderBy(asc(form4Filings.sectorId));
}

beforeEach(async () => {
  clock = at("2023-05-10T09:00:00");
  h = await startLedger({ now: () => clock, env: { FEISHU_GROUP_CHAT_ID: GROUP_CHAT } });
  h.fake.addUser(ADMIN, "安委办李明");
  await bind(h, RECTIFIER, "干部", { name: "整改员", unit: "应急办" });
  await bind(h, CADRE, "干部", { name: "消防干部", unit: "消防站" });
  await bindSectorCadre(h, FIRE, CADRE);
  // 消防: 0001 企业自查 (May, closed in June); 0002 部门检查 posted 县级 in June; 0003 举报 found in June,
  // closed in July; 0004 上级检查 before 专项开始; 0005 withdrawn; 0006 部门检查 with a withdrawn 市级 posting;
  // 0007 一般; 危险化学品: 0008 部门检查, 镇级 posting, closed in June. 0009 消防, found in July.
  await onDay(
    "2023-05-10T09:00:00",
    add({ sector: "消防", source: "企业自查", found: "2023-05-10", d: "甲" }),
  );
  await onDay(
    "2023-06-05T09:00:00",
    add({ sector: "消防", source: "部门检查", found: "2023-06-05", d: "乙" }),
    ["/隐患 督办 YH-2023-0002 层级=县级 文号=兴安委办〔2023〕12号 日期=2023-06-05"],
  );
  await onDay(
    "2023-06-10T09:00:00",
    rectify("YH-2023-0001"),
    close("YH-2023-0001"),
    add({ sector: "消防", source: "举报", found: "2023-06-10", d: "丙" }),
    add({ sector: "消防", source: "上级检查", found: "2023-04-20", d: "丁" }),
    add({ sector: "消防", source: "部门检查", found: "2023-06-10", d: "戊" }),
    ["/隐患 撤销 YH-2023-0005 原因=重复"],
    add({ sector: "消防", source: "部门检查", found: "2023-06-10", d: "己" }),
    ["/隐患 督办 YH-2023-0006 层级=市级 文号=错发〔2023〕1号 日期=2023-06-10"],
    ["/隐患 撤销督办 YH-2023-0006 文号=错发〔2023〕1号 原因=发错了"],
    add({ sector: "消防", source: "部门检查", found: "2023-06-10", level: "一般", d: "庚" }),
    add({ sector: "危险化学品", source: "部门检查", found: "2023-06-10", d: "辛" }),
    ["/隐患 督办 YH-2023-0008 层级=镇级 文号=高安委〔2023〕3号 日期=2023-06-10"],
    rectify("YH-2023-0008"),
    close("YH-2023-0008"),
    rectify("YH-2023-0003"),
  );
  await onDay(
    "2023-07-03T09:00:00",
    close("YH-2023-0003"),
    add({ sector: "消防", source: "部门检查", found: "2023-07-03", d: "壬" }),
  );
});

afterEach(async () => {
  await h.close();
});

describe("附件4 from the ledger, June 2023 (figures by hand)", () => {
  it("a sector's card and workbook: found and closed by 30 June, postings by then, withdrawn never counted", async () => {
    clock = at("2023-07-05T10:00:00");
    const sent = await say("/调度表 2023-06 领域=消防");
    const card = sent.find((m) => m.msg_type === "interactive")!.content as Card;
    expect(titleOf(card)).toBe("高兴镇消防领域重大事故隐患专项排查整治进展情况调度表");
    const shown = cardText(card);
    // 企业自查 1 (0001, closed 6-10); 部门检查 3 (0002, 0003 closed only in July, 0006); 挂牌督办 1 (0002).
    expect(shown).toContain(
      "企业自查发现的重大事故隐患（个） | 1 | 企业自查发现重大事故隐患中已完成整治的（个） | 1",
    );
    expect(shown).toContain(
      "部门检查发现的重大事故隐患（个） | 3 | 部门检查发现重大事故隐患中已完成整治的（个） | 0",
    );
    expect(shown).toContain(
      "挂牌督办的重大事故隐患（个） | 1 | 挂牌督办的重大事故隐患中已完成整治的（个） | 0",
    );
    expect(shown).toContain("未填报");

    const upload = h.fake.uploads.at(-1)!;
    expect(upload.fileName).toBe("附件4-进展情况调度表-消防-2023-06.xlsx");
    const sheet = (await loadWorkbook(upload.bytes)).worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe("高兴镇消防领域重大事故隐患专项排查整治进展情况调度表");
    expect(sheet.getCell("D2").value).toBe("时间：2023年6月30日");
    expect([1, 2, 3, 4, 5].map((c) => sheet.getRow(3).getCell(c).value)).toEqual([
      "类别",
      "项目",
      "数",
      "项目",
      "数",
    ]);
    expect([1, 2, 3, 4, 5].map((c) => sheet.getRow(5).getCell(c).value)).toEqual([
      "总体情况",
      "企业自查发现的重大事故隐患（个）",
      "1",
      "企业自查发现重大事故隐患中已完成整治的（个）",
      "1",
    ]);
    expect(sheet.getCell("C6").value).toBe("3");
    expect(sheet.getCell("E6").value).toBe("0");
    expect(sheet.getCell("C7").value).toBe("1");
    expect(sheet.getCell("A8").value).toBe("对企业自查自改进行抽查检查情况");
    expect(sheet.getCell("A12").value).toBe("帮扶和精准执法情况");
    expect(sheet.getCell("A17").value).toBe("组织推动情况");
    const merges = (sheet as unknown as { model: { merges: string[] } }).model.merges;
    expect(merges).toEqual(expect.arrayContaining(["A1:E1", "A4:A7", "A8:A11", "A12:A16", "A17:A20"]));
    expect(String(sheet.getCell("A22").value)).toMatch(/^注：1\. 此表为各部门单位填报/);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, printTitlesRow: "3:3" });
  });

  it("the 全镇 table sums every sector", async () => {
    clock = at("2023-07-05T10:00:00");
    await say("/调度表 2023-06");
    const workbook = await loadWorkbook(h.fake.uploads.at(-1)!.bytes);
    expect(workbook.worksheets[0]!.name).toBe("全镇");
    expect(workbook.worksheets).toHaveLength(16);
    const town = workbook.worksheets[0]!;
    // 部门检查 3 + 1 (0008, closed in June); 挂牌督办 1 + 1 (0008 closed)
    expect([town.getCell("C5").value, town.getCell("E5").value]).toEqual(["1", "1"]);
    expect([town.getCell("C6").value, town.getCell("E6").value]).toEqual(["4", "1"]);
    expect([town.getCell("C7").value, town.getCell("E7").value]).toEqual(["2", "1"]);
  });
});

describe("/调度表 填报", () => {
  it("refuses bad figures with the field named and writes nothing; files good ones", async () => {
    clock = at("2023-07-10T10:00:00");
    const sent = await say("/调度表 填报 2023-06 领域=消防", CADRE);
    const form = sent.find((m) => m.kind === "reply")!.content as Card;
    expect(titleOf(form)).toBe("填报附件4：消防领域 2023年6月");
    const before = { ledger: await ledger(h), filings: await filings() };
    const bad: [Record<string, string | number>, string][] = [
      [{ checkedTotal: "2.5" }, "「抽查检查的企业总数（家）」应是不小于 0 的整数：「2.5」不对"],
      [{ checkedTotal: -1 }, "「抽查检查的企业总数（家）」应是不小于 0 的整数：「-1」不对"],
      [{ penaltyAmount: "1.234" }, "「行政处罚（万元）」应是不小于 0 的数，最多两位小数：「1.234」不对"],
      [
        { checkedTotal: 3, noLead: 4 },
        "「企业主要负责人未带队检查」4 家，不能多于「抽查检查的企业总数」3 家",
      ],
      [
        { reportReward: "0.5", anonymousReward: "0.6" },
        "「其中匿名举报查实奖励」0.6 万元，不能多于「举报奖励」0.5 万元",
      ],
    ];
    for (const [values, message] of bad) {
      const answer = await submit(formWith(values));
      expect(toastOf(answer)).toBe(message);
    }
    const empty = formWith({});
    empty.training = "";
    expect(toastOf(await submit(empty))).toBe("「执法人员专题培训（人次）」没有填：没有就填 0");
    expect({ ledger: await ledger(h), filings: await filings() }).toEqual(before);

    const good = await submit(formWith({ checkedTotal: 5, noLead: 2, penalties: 3, penaltyAmount: "1.5" }));
    expect(toastOf(good)).toBe("已填报 消防 2023年6月的调度表");
    const [filed] = await filings();
    expect(filed).toMatchObject({ sectorId: FIRE, month: "2023-06", filerUnit: "消防站", filedBy: CADRE });
    expect(JSON.parse(filed!.figures)).toMatchObject({
      checkedTotal: 5,
      noLead: 2,
      penaltyAmount: 1.5,
      enterprises: 0,
    });
    const shown = cardText((good.body.card as { data: Card }).data);
    expect(shown).toContain("行政处罚（次，万元） | 3，1.50");
  });

  it("only the sector's bound 责任干部 or an admin files it", async () => {
    // the day the support's refusal() sends its message on
    clock = at("2023-07-01T10:00:00");
    const other = "ou_other_cadre00000000000000001";
    await bind(h, other, "干部", { unit: "应急办" });
    const r = await refusal(h, "/调度表 填报 2023-06 领域=消防", other);
    expect(r.title).toBe("没有权限");
    expect(r.text).toContain("由它绑定的责任干部或管理员填报");
    const answer = await submit(formWith({}), { operator: other });
    expect(toastOf(answer)).toContain("由它绑定的责任干部或管理员填报");
    expect(await filings()).toEqual([]);
  });

  it("is editable until the 20th in APP_TIMEZONE, after it only by an admin (recorded)", async () => {
    clock = at("2023-07-20T23:59:00");
    expect(toastOf(await submit(formWith({ checkedTotal: 1 })))).toBe("已填报 消防 2023年6月的调度表");
    clock = at("2023-07-21T00:00:00");
    const late = await submit(formWith({ checkedTotal: 2 }));
    expect(toastOf(late)).toContain("2023-07-20 截止，过后只能由管理员修改");
    expect(JSON.parse((await filings())[0]!.figures).checkedTotal).toBe(1);
    expect(toastOf(await submit(formWith({ checkedTotal: 2 }), { operator: ADMIN }))).toBe(
      "已更新 消防 2023年6月的调度表",
    );
    const audit = await h.bot.deps.db.select().from(auditLog).where(eq(auditLog.subjectType, "form4"));
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ["form4.file", CADRE],
      ["form4.file_after_deadline", ADMIN],
    ]);
  });

  it("a cumulative figure lower than last month's needs 确认=是", async () => {
    clock = at("2023-06-10T10:00:00");
    expect(toastOf(await submit(formWith({ training: 10 }), { month: "2023-05" }))).toBe(
      "已填报 消防 2023年5月的调度表",
    );
    clock = at("2023-07-10T10:00:00");
    const fell = await submit(formWith({ training: 8 }));
    expect(toastOf(fell)).toBe(
      "「执法人员专题培训」比上月（10）少：累计数一般不会减少。确实如此请在「确认」里填「是」再提交。",
    );
    expect(await filings()).toHaveLength(1);
    expect(toastOf(await submit({ ...formWith({ training: 8 }), confirm: "是" }))).toBe(
      "已填报 消防 2023年6月的调度表",
    );
  });
});

/** The form card's figure inputs: what each holds (default_value) and shows greyed (placeholder). */
function inputsOf(card: Card): Map<string, { value?: string; hint: string }> {
  const form = card.body?.elements.find((e) => e.tag === "form") as
    | { elements: { tag: string; name: string; default_value?: string; placeholder?: { content: string } }[] }
    | undefined;
  if (!form) throw new Error("no form on the card");
  return new Map(
    form.elements
      .filter((e) => e.tag === "input" && e.name !== "confirm")
      .map((e) => [e.name, { value: e.default_value, hint: e.placeholder?.content ?? "" }]),
  );
}

async function formOf(line: string, sender = CADRE): Promise<Card> {
  const sent = await say(line, sender);
  const reply = sent.find((m) => m.kind === "reply");
  if (reply?.msg_type !== "interactive") throw new Error(`no card reply to ${line}`);
  return reply.content as Card;
}

describe("/调度表 填报: a month never filed starts blank", () => {
  it("the typed command gives a blank form (last month's figures as greyed hints only); a filed month pre-fills its figures", async () => {
    clock = at("2023-06-10T10:00:00");
    const may = await formOf("/调度表 填报 2023-05 领域=消防");
    const blank = inputsOf(may);
    expect(blank.size).toBe(ENTERED_FIELDS.length);
    expect([...blank.values()].filter((i) => i.value !== undefined)).toEqual([]);
    expect(blank.get("training")?.hint).toBe("必填，没有填 0");
    expect(cardText(may)).toContain("这个月还没有填报：表是空的");
    expect(toastOf(await submit(formWith({ training: 10, checkedTotal: 4 }), { month: "2023-05" }))).toBe(
      "已填报 消防 2023年5月的调度表",
    );

    // June, never filed: still blank, May's figures shown only as placeholders (never submitted).
    clock = at("2023-07-10T10:00:00");
    const june = inputsOf(await formOf("/调度表 填报 2023-06 领域=消防"));
    expect([...june.values()].filter((i) => i.value !== undefined)).toEqual([]);
    expect(june.get("training")?.hint).toBe("上月 10");
    expect(june.get("noLead")?.hint).toBe("上月 0");

    // May again: amending, its own filed figures in the inputs.
    const amend = await formOf("/调度表 填报 2023-05 领域=消防", ADMIN);
    const filed = inputsOf(amend);
    expect(filed.get("training")?.value).toBe("10");
    expect(filed.get("checkedTotal")?.value).toBe("4");
    expect(filed.get("noLead")?.value).toBe("0");
    expect(cardText(amend)).toContain("这个月已经填报过");
  });

  it("refuses a submit with blank figures, naming every blank one, and writes nothing; typed zeros are a report", async () => {
    clock = at("2023-07-10T10:00:00");
    const before = { ledger: await ledger(h), filings: await filings() };
    // The form as sent untouched: Feishu leaves empty inputs out of form_value, or sends them empty.
    const untouched = await submit({});
    const required = ENTERED_FIELDS.filter((f) => f.key !== "enterprises");
    expect(toastOf(untouched)).toBe(
      `有 ${required.length} 项没有填：${required.map((f) => `「${f.label}（${f.unit}）」`).join("、")}。每项都要填，没有就填 0`,
    );
    const two = formWith({});
    two.noLead = "";
    two.anonymousReward = " ";
    expect(toastOf(await submit(two))).toBe(
      "有 2 项没有填：「企业主要负责人未带队检查（家）」、「其中匿名举报查实奖励（万元）」。每项都要填，没有就填 0",
    );
    expect({ ledger: await ledger(h), filings: await filings() }).toEqual(before);

    // Every figure typed as 0 (full-width too) is a real report of zeros.
    const zeros = Object.fromEntries(
      ENTERED_FIELDS.map((f) => [f.key, f.key === "enterprises" ? "" : f.unit === "万元" ? "0.00" : "０"]),
    );
    expect(toastOf(await submit(zeros))).toBe("已填报 消防 2023年6月的调度表");
    const [row] = await filings();
    const figures = JSON.parse(row!.figures) as Record<string, number>;
    expect(required.map((f) => figures[f.key])).toEqual(required.map(() => 0));
  });

  it("the typed line takes no figures: a figure typed there is refused with where to enter it, nothing written", async () => {
    clock = at("2023-07-10T10:00:00");
    const before = { ledger: await ledger(h), filings: await filings() };
    const sent = await say("/调度表 填报 2023-06 领域=消防 抽查检查的企业总数=0", CADRE);
    const reply = sent.find((m) => m.kind === "reply")!.content as Card;
    expect(titleOf(reply)).not.toBe("填报附件4：消防领域 2023年6月");
    expect(cardText(reply)).toContain("「抽查检查的企业总数」这样的数字在表单卡片上填");
    expect(cardText(reply)).toContain("/调度表 填报 2023-06 领域=消防");
    expect({ ledger: await ledger(h), filings: await filings() }).toEqual(before);
  });
});

describe("/台账 确认", () => {
  it("is refused before the month ends; a zero report counts; a later change shows 已变更", async () => {
    clock = at("2023-06-30T18:00:00");
    const early = await refusal(h, "/台账 确认 2023-06", RECTIFIER);
    expect(early.text).toContain("2023年6月还没结束");
    clock = at("2023-07-03T10:00:00");
    const water = "ou_water_cadre00000000000000001";
    await bind(h, water, "干部", { unit: "水务站" });
    const zero = (await say("/台账 确认 2023-06", water)).find((m) => m.kind === "reply")!.content as Card;
    expect(cardText(zero)).toContain("水务站 2023年6月的附件3 台账已确认：重大隐患 0 条（零报告）");
    await say("/台账 确认 2023-06", RECTIFIER);
    const other = await refusal(h, "/台账 确认 2023-06 单位=水务站", RECTIFIER);
    expect(other.title).toBe("没有权限");
    const admin = await refusal(h, "/台账 确认 2023-06", ADMIN);
    expect(admin.text).toContain("管理员确认台账要写明哪个单位");
    const rows = await h.bot.deps.db.select().from(ledgerConfirmations);
    // 应急办's 重大 rows by 30 June: 0001–0004, 0006, 0008 (0005 withdrawn, 0007 一般)
    expect(rows.map((r) => r.rows).sort()).toEqual([0, 6]);
    // A June hazard logged afterwards: 应急办's June ledger has changed since it was confirmed.
    await say(add({ sector: "消防", source: "部门检查", found: "2023-06-28", d: "补录" })[0]);
    clock = at("2023-07-14T09:05:00");
    const outcome = await tick(h.bot.deps, [monthlyReportReminder], clock, officialCalendar());
    expect(outcome[0]).toMatchObject({
      job: "monthly-report-reminder",
      period: "2023-06#1",
      status: "posted",
    });
    const reminder = cardText(h.fake.messages.at(-1)!.content as Card);
    expect(reminder).toContain("应急办（确认后有变更，需重新确认）");
    expect(reminder).not.toContain("水务站");
  });
});

describe("the monthly jobs", () => {
  it("remind on the last workday on or before the 15th and the 19th, @mentioning who has not filed", async () => {
    await bind(h, "ou_dangzheng000000000000000001", "干部", { unit: "党政办" });
    // 15 July 2023 is a Saturday: the first reminder goes on Friday the 14th.
    expect((await tick(h.bot.deps, [monthlyReportReminder], at("2023-07-14T08:59:00")))[0]?.status).toBe(
      "not-due",
    );
    const [first] = await tick(h.bot.deps, [monthlyReportReminder], at("2023-07-14T09:00:00"));
    expect(first).toMatchObject({ period: "2023-06#1", status: "posted" });
    const card = h.fake.messages.at(-1)!;
    expect(card.receive_id).toBe(GROUP_CHAT);
    const shown = JSON.stringify(card.content);
    expect(shown).toContain("<at id=ou_dangzheng000000000000000001></at>");
    expect(shown).toContain(`<at id=${CADRE}></at>`);
    // 19 July is a Wednesday: the second reminder goes then, once.
    const [second] = await tick(h.bot.deps, [monthlyReportReminder], at("2023-07-19T09:00:00"));
    expect(second).toMatchObject({ period: "2023-06#2", status: "posted" });
    const [again] = await tick(h.bot.deps, [monthlyReportReminder], at("2023-07-19T10:00:00"));
    expect(again?.status).toBe("already-claimed");
  });

  it("posts the roll-call once a month on the 21st with the 全镇 附件3 and 附件4", async () => {
    clock = at("2023-07-10T10:00:00");
    await submit(formWith({ checkedTotal: 1 }));
    await say("/台账 确认 2023-06", RECTIFIER);
    const before = h.fake.messages.length;
    const [early] = await tick(h.bot.deps, [monthlyRollCall], at("2023-07-21T08:59:00"));
    expect(early?.status).toBe("not-due");
    const [posted] = await tick(h.bot.deps, [monthlyRollCall], at("2023-07-21T09:00:00"));
    expect(posted).toMatchObject({ period: "2023-06", status: "posted" });
    const sent = h.fake.messages.slice(before);
    expect(sent.map((m) => m.msg_type)).toEqual(["interactive", "file", "file"]);
    const shown = cardText(sent[0]!.content as Card);
    expect(shown).toContain("附件3 已确认 1/");
    expect(shown).toContain("附件4 已填报 1/15 个领域");
    expect(shown).toContain("已确认附件3：应急办");
    expect(shown).toContain("已填报附件4：消防");
    const uploads = h.fake.uploads.slice(-2);
    expect(uploads.map((u) => u.fileName)).toEqual([
      "附件3-高兴镇安全生产重大事故隐患排查整治台账-全镇-2023-06.xlsx",
      "附件4-进展情况调度表-全镇-2023-06.xlsx",
    ]);
    const form3 = (await loadWorkbook(uploads[0]!.bytes)).getWorksheet("重大隐患")!;
    expect(String(form3.getCell("A1").value)).toContain("（2023年6月底）");
    // a second tick, a restart: the month is claimed once
    await h.restart();
    const [again] = await tick(h.bot.deps, [monthlyRollCall], at("2023-07-24T09:00:00"));
    expect(again?.status).toBe("already-claimed");
    expect(h.fake.messages.length).toBe(before + 3);
    const claims = await h.bot.deps.db.select().from(jobClaims).where(eq(jobClaims.job, "monthly-roll-call"));
    expect(claims).toHaveLength(1);
  });

  it("post nothing for a month before 专项开始", async () => {
    const before = h.fake.messages.length;
    const [outcome] = await tick(h.bot.deps, [monthlyRollCall], at("2023-05-22T09:00:00"));
    expect(outcome?.status).toBe("posted");
    expect(h.fake.messages.slice(before)).toEqual([]);
  });
});
