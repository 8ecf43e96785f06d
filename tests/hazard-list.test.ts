// `/隐患 列表`: every status within what the asker may see, open first by deadline, 10 a page with 共 N 条, each
// filter and their combination, and 上一页/下一页 buttons that carry the filters.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Card, CardElement } from "../cards/types";
import { ADMIN, type Harness } from "./support/harness";
import {
  addEnterprise,
  ask,
  askCard,
  bind,
  buttonsOf,
  cardText,
  newHazardLine,
  startLedger,
  titleOf,
} from "./support/ledger";

const WATER_CADRE = "ou_cadre0000000000000000000000002";
const HEAD = "ou_head00000000000000000000000001";

let h: Harness;

const line = (o: {
  unit: string;
  sector: string;
  enterprise: string;
  deadline: string;
  description: string;
}) => newHazardLine(o).replace("期限=7月31日", `期限=${o.deadline}`);

// The ledger, 23 hazards: 0001–0012 应急办/危化/东风加油站 due 7-10…7-21; 0013–0018 水务站/消防/河堤工地 (not
// registered) due 8-01…8-06; 0019–0023 应急办/消防/东风加油站 overdue (6-20…6-24). Then 0001 and 0002 are
// closed and 0003 is in progress.
beforeAll(async () => {
  h = await startLedger();
  const east = await addEnterprise(h, "东风加油站", "应急办", 5);
  await bind(h, WATER_CADRE, "干部", { unit: "水务站" });
  await bind(h, HEAD, "企业负责人", { enterpriseId: east });
  const add = (o: Parameters<typeof line>[0], i: number) => ask(h, line(o), { chatId: `oc_list_${i}` });
  let i = 0;
  for (let d = 10; d <= 21; d++)
    await add(
      {
        unit: "应急办",
        sector: "危化",
        enterprise: "东风加油站",
        deadline: `2023-07-${d}`,
        description: `危化${d}`,
      },
      i++,
    );
  for (let d = 1; d <= 6; d++)
    await add(
      {
        unit: "水务站",
        sector: "消防",
        enterprise: "河堤工地",
        deadline: `2023-08-0${d}`,
        description: `河堤${d}`,
      },
      i++,
    );
  for (let d = 20; d <= 24; d++)
    await add(
      {
        unit: "应急办",
        sector: "消防",
        enterprise: "东风加油站",
        deadline: `2023-06-${d}`,
        description: `超期${d}`,
      },
      i++,
    );
  for (const n of ["0001", "0002"]) {
    await ask(h, `/隐患 整改完成 YH-2023-${n}`, { chatId: `oc_list_${i++}` });
    await ask(h, `/隐患 销号 YH-2023-${n}`, { chatId: `oc_list_${i++}` });
  }
  await ask(h, "/隐患 进展 YH-2023-0003 开始整改", { chatId: `oc_list_${i++}` });
}, 60_000);

afterAll(async () => {
  await h.close();
});

afterEach(() => {
  expect(h.fake.refused).toEqual([]);
});

function table(card: Card): Record<string, string>[] {
  const t = card.body.elements.find((e: CardElement) => e.tag === "table");
  return (t?.rows as Record<string, string>[]) ?? [];
}

const numbers = (card: Card) => table(card).map((r) => r.number);
const n = (k: number) => `YH-2023-${String(k).padStart(4, "0")}`;

async function list(text: string, sender = ADMIN) {
  return askCard(h, text, { sender, chatId: `oc_ask_${Math.random()}` });
}

describe("the whole ledger", () => {
  it("states the total, shows 10 open hazards first by deadline, and offers the next page", async () => {
    const card = await list("/隐患 列表");
    expect(titleOf(card)).toBe("隐患台账");
    expect(cardText(card)).toContain("共 23 条　第 1/3 页");
    expect(numbers(card)).toEqual([n(19), n(20), n(21), n(22), n(23), n(3), n(4), n(5), n(6), n(7)]);
    expect(table(card)[0]).toEqual({
      number: n(19),
      unit: "应急办",
      enterprise: "东风加油站",
      sector: "消防",
      description: "超期20",
      status: "待整改（超期）",
      deadline: "2023-06-20（已超期 11 天）",
      supervision: "",
    });
    expect(table(card)[5]).toMatchObject({
      number: n(3),
      status: "整改中",
      deadline: "2023-07-12（剩 11 天）",
    });
    expect(buttonsOf(card)).toEqual([
      { label: "下一页", value: { action: "hazard.list.page", page: 1, filter: { labels: [] } } },
    ]);
  });

  it("pages on with the buttons, closed hazards last", async () => {
    const second = await h.click({ action: "hazard.list.page", page: 1, filter: { labels: [] } });
    const card2 = (second.body.card as { data: Card }).data;
    expect(numbers(card2)).toEqual([n(8), n(9), n(10), n(11), n(12), n(13), n(14), n(15), n(16), n(17)]);
    expect(buttonsOf(card2).map((b) => b.label)).toEqual(["上一页", "下一页"]);
    const third = await h.click({ action: "hazard.list.page", page: 2, filter: { labels: [] } });
    const card3 = (third.body.card as { data: Card }).data;
    expect(numbers(card3)).toEqual([n(18), n(1), n(2)]);
    expect(table(card3)[1]).toMatchObject({ status: "已销号", deadline: "2023-07-10" });
    expect(cardText(card3)).toContain("共 23 条　第 3/3 页");
    expect(buttonsOf(card3).map((b) => b.label)).toEqual(["上一页"]);
  });
});

describe("filters", () => {
  const cases: [string, number, string[]][] = [
    ["/隐患 列表 单位=水务站", 6, [n(13), n(14), n(15), n(16), n(17), n(18)]],
    ["/隐患 列表 领域=消防", 11, [n(19), n(20), n(21), n(22), n(23), n(13), n(14), n(15), n(16), n(17)]],
    ["/隐患 列表 状态=已销号", 2, [n(1), n(2)]],
    ["/隐患 列表 状态=整改中", 1, [n(3)]],
    ["/隐患 列表 状态=未销号", 21, [n(19), n(20), n(21), n(22), n(23), n(3), n(4), n(5), n(6), n(7)]],
    ["/隐患 列表 企业=东风加油站", 17, [n(19), n(20), n(21), n(22), n(23), n(3), n(4), n(5), n(6), n(7)]],
    ["/隐患 列表 企业=河堤工地", 6, [n(13), n(14), n(15), n(16), n(17), n(18)]],
    ["/隐患 列表 超期", 5, [n(19), n(20), n(21), n(22), n(23)]],
    ["/隐患 列表 单位=应急办 领域=消防 超期", 5, [n(19), n(20), n(21), n(22), n(23)]],
    [
      "/隐患 列表 单位=应急办 状态=待整改 领域=危化",
      9,
      [n(4), n(5), n(6), n(7), n(8), n(9), n(10), n(11), n(12)],
    ],
    ["/隐患 列表 单位=水务站 超期", 0, []],
  ];
  for (const [text, total, expected] of cases) {
    it(text, async () => {
      const card = await list(text);
      expect(cardText(card)).toContain(`共 ${total} 条`);
      expect(numbers(card)).toEqual(expected);
    });
  }

  it("an empty result says so", async () => {
    const card = await list("/隐患 列表 单位=水务站 超期");
    expect(cardText(card)).toContain("没有符合条件的隐患。");
    expect(buttonsOf(card)).toEqual([]);
  });

  it("the buttons carry the filters, and the labels name them", async () => {
    const card = await list("/隐患 列表 领域=消防");
    expect(cardText(card)).toContain("筛选：领域=消防");
    const [next] = buttonsOf(card);
    expect(next!.value).toEqual({
      action: "hazard.list.page",
      page: 1,
      filter: { sectorId: 2, labels: ["领域=消防"] },
    });
    const answer = await h.click(next!.value, {});
    const page2 = (answer.body.card as { data: Card }).data;
    expect(numbers(page2)).toEqual([n(18)]);
    expect(cardText(page2)).toContain("共 11 条　第 2/2 页");
  });
});

describe("what each person sees", () => {
  it("a 干部 sees their unit's hazards only", async () => {
    const card = await list("/隐患 列表", WATER_CADRE);
    expect(cardText(card)).toContain("共 6 条");
    expect(numbers(card)).toEqual([n(13), n(14), n(15), n(16), n(17), n(18)]);
  });

  it("an 企业负责人 sees their enterprise's hazards only, also when paging", async () => {
    const card = await list("/隐患 列表", HEAD);
    expect(cardText(card)).toContain("共 17 条");
    const answer = await h.click(
      { action: "hazard.list.page", page: 1, filter: { labels: [] } },
      { operator: HEAD },
    );
    const page2 = (answer.body.card as { data: Card }).data;
    expect(numbers(page2)).toEqual([n(8), n(9), n(10), n(11), n(12), n(1), n(2)]);
  });

  it("a page click by someone else shows that person's own scope, whatever the card carried", async () => {
    const answer = await h.click(
      { action: "hazard.list.page", page: 0, filter: { labels: [] } },
      { operator: WATER_CADRE },
    );
    expect(cardText((answer.body.card as { data: Card }).data)).toContain("共 6 条");
  });
});
