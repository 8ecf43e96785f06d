// 发现日期 on entry (typed and on the form: a looking-back date, never in the future, a warning before 专项开始)
// and the ledger filters every count by period is reproduced with: 发现=月/季度/年, 等级=, 来源=.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { ADMIN, type Harness } from "./support/harness";
import {
  ask,
  askCard,
  buttonsOf,
  cardText,
  hazardRow,
  ledger,
  newHazardLine,
  refusal,
  startLedger,
  titleOf,
} from "./support/ledger";

let h: Harness;

beforeEach(async () => {
  h = await startLedger();
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

const refused = async (text: string) => (await refusal(h, text, ADMIN)).text;

describe("发现日期 typed on entry", () => {
  it("defaults to the logging day and is on the card", async () => {
    const card = await askCard(h, newHazardLine());
    expect(cardText(card)).toContain("发现日期：2023-07-01");
    expect((await hazardRow(h, "YH-2023-0001")).foundOn).toBe("2023-07-01");
  });

  it("takes a date written with or without its year; without one, the latest on or before today", async () => {
    const card = await askCard(h, `${newHazardLine({ description: "甲" })} 发现日期=6月20日`);
    expect(cardText(card)).toContain("发现日期：2023-06-20");
    await ask(h, `${newHazardLine({ description: "乙" })} 发现=12月20日`);
    await ask(h, `${newHazardLine({ description: "丙" })} 发现日期=2023/7/1`);
    expect((await hazardRow(h, "YH-2023-0001")).foundOn).toBe("2023-06-20");
    expect((await hazardRow(h, "YH-2023-0002")).foundOn).toBe("2022-12-20");
    expect((await hazardRow(h, "YH-2023-0003")).foundOn).toBe("2023-07-01");
  });

  it("refuses a day after today and an unreadable one, writing nothing", async () => {
    expect(await refused(`${newHazardLine()} 发现日期=2023-07-02`)).toContain(
      "发现日期：2023-07-02 在今天（2023-07-01）之后：发现日期不能是将来的日子",
    );
    expect(await refused(`${newHazardLine()} 发现日期=上周`)).toContain("发现日期：看不懂日期「上周」");
    expect(await refused(`${newHazardLine()} 发现日期=2023-02-30`)).toContain("2023年2月只有28天");
  });

  it("warns, and still logs, before 专项开始", async () => {
    const card = await askCard(h, `${newHazardLine()} 发现日期=2023-04-20`);
    expect(titleOf(card)).toBe("隐患 YH-2023-0001");
    expect(cardText(card)).toContain("发现日期 2023-04-20 在专项开始（2023-05-01）之前，请核对。");
    await ask(h, "/设置 专项开始=2023-04-01");
    const later = await askCard(h, `${newHazardLine({ description: "丁" })} 发现日期=2023-04-20`);
    expect(cardText(later)).not.toContain("专项开始");
    expect((await hazardRow(h, "YH-2023-0002")).foundOn).toBe("2023-04-20");
  });
});

describe("发现日期 on the entry form", () => {
  const FULL = {
    unit: "应急办",
    enterprise: "东风加油站",
    sector: "危险化学品",
    description: "储罐区未设防雷设施",
    measures: "加装防雷接地",
    deadline: "2023-07-31 +0800",
    source: "企业自查",
    level: "一般",
  };
  const submit = (formValue: Record<string, unknown>, messageId: string) =>
    h.click({ action: "hazard.create" }, { messageId, operator: ADMIN, formValue });

  it("is offered, pre-filled when typed, and taken from the date picker", async () => {
    const form = await askCard(h, "/隐患 新增 单位=应急办 发现日期=6月3日");
    const elements = (form.body.elements.find((e) => e.tag === "form")?.elements ??
      []) as Card["body"]["elements"];
    expect(elements.find((e) => e.name === "found")).toMatchObject({
      tag: "date_picker",
      initial_date: "2023-06-03",
    });
    const answer = await submit({ ...FULL, found: "2023-06-15 +0800" }, "om_found_1");
    expect(answer.body.toast).toEqual({ type: "success", content: "已登记 YH-2023-0001" });
    expect((await hazardRow(h, "YH-2023-0001")).foundOn).toBe("2023-06-15");
    await submit({ ...FULL, description: "加油机接地线断开" }, "om_found_2");
    expect((await hazardRow(h, "YH-2023-0002")).foundOn).toBe("2023-07-01");
  });

  it("refuses a future 发现日期 with a toast, writing nothing", async () => {
    const before = await ledger(h);
    const answer = await submit({ ...FULL, found: "2023-08-01 +0800" }, "om_found_3");
    expect(answer.body.toast).toMatchObject({ type: "warning" });
    expect(String((answer.body.toast as { content: string }).content)).toContain("发现日期不能是将来的日子");
    expect(await ledger(h)).toEqual(before);
  });
});

describe("the ledger filtered by 发现, 等级 and 来源", () => {
  beforeEach(async () => {
    await ask(h, `${newHazardLine({ description: "五月甲" })} 发现日期=2023-05-10 来源=企业自查`);
    await ask(h, `${newHazardLine({ description: "六月甲" })} 发现日期=2023-06-30 等级=一般`);
    await ask(h, `${newHazardLine({ description: "七月甲" })} 来源=上级检查`);
    await ask(h, `${newHazardLine({ description: "去年甲" })} 发现日期=2022-11-02 来源=举报`);
  });

  const numbersIn = (card: Card) => [...cardText(card).matchAll(/YH-2023-\d{4}/g)].map((m) => m[0]);
  const list = async (filters: string) => {
    const card = await askCard(h, `/隐患 列表 ${filters}`);
    return { text: cardText(card), numbers: numbersIn(card), card };
  };

  it("by month, quarter and year of 发现日期", async () => {
    expect((await list("发现=2023-06")).numbers).toEqual(["YH-2023-0002"]);
    expect((await list("发现=2023年5月")).numbers).toEqual(["YH-2023-0001"]);
    const q2 = await list("发现=2023q2");
    expect(q2.numbers.sort()).toEqual(["YH-2023-0001", "YH-2023-0002"]);
    expect(q2.text).toContain("筛选：发现=2023Q2");
    expect(q2.text).toContain("共 2 条");
    expect((await list("发现=2023Q3")).numbers).toEqual(["YH-2023-0003"]);
    expect((await list("发现=2023")).numbers.sort()).toEqual([
      "YH-2023-0001",
      "YH-2023-0002",
      "YH-2023-0003",
    ]);
    expect((await list("发现=2022")).numbers).toEqual(["YH-2023-0004"]);
  });

  it("by 等级 and 来源, together with the others", async () => {
    expect((await list("等级=一般")).numbers).toEqual(["YH-2023-0002"]);
    expect((await list("来源=企业自查")).numbers).toEqual(["YH-2023-0001"]);
    expect((await list("来源=上级检查")).numbers).toEqual(["YH-2023-0003"]);
    expect((await list("来源=举报 发现=2022")).numbers).toEqual(["YH-2023-0004"]);
    expect((await list("来源=举报 发现=2023")).numbers).toEqual([]);
    expect((await list("等级=重大 发现=2023Q2")).numbers).toEqual(["YH-2023-0001"]);
  });

  it("keeps the filters on the page buttons", async () => {
    for (let i = 0; i < 10; i++) await ask(h, `${newHazardLine({ description: `批${i}` })} 来源=企业自查`);
    const first = await list("来源=企业自查 发现=2023Q3");
    expect(first.text).toContain("共 10 条");
    const more = await list("来源=企业自查");
    expect(more.text).toContain("共 11 条");
    const next = buttonsOf(more.card).find((b) => b.label === "下一页");
    const answer = await h.click(next!.value as Record<string, unknown>, { operator: ADMIN });
    const page2 = (answer.body.card as { data: Card }).data;
    expect(cardText(page2)).toContain("筛选：来源=企业自查");
    expect(numbersIn(page2)).toHaveLength(1);
  });

  it("refuses a period, 等级 or 来源 it cannot read, saying the right form", async () => {
    expect(await refused("/隐患 列表 发现=2023-13")).toContain(
      "发现「2023-13」不是一个时期：写作 2023-06（月）、2023Q3（季度）或 2023（年）。",
    );
    expect(await refused("/隐患 列表 发现=上个月")).toContain("不是一个时期");
    expect(await refused("/隐患 列表 等级=较大")).toContain("等级「较大」不对：只能是 重大、一般。");
    expect(await refused("/隐患 列表 来源=巡查")).toContain(
      "来源「巡查」不对：只能是 企业自查、部门检查、上级检查、举报。",
    );
    expect(await refused("/隐患 列表 年份=2023")).toContain("不认识参数「年份」");
  });
});
