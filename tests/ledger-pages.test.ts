// `/台账`'s 上一页/下一页 through the real door: the buttons carry the request (单位, 领域, 月份) and the page,
// none before the first page or after the last; a press is answered in the callback (well inside Feishu's
// 3 s) with that page, checked like the typed line (the presser's own scope, the role table); a page past
// the end is said plainly, typed or pressed; no press writes anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { ADMIN, type Harness } from "./support/harness";
import {
  addEnterprise,
  ask,
  askCard,
  bind,
  buttonsOf,
  cardText,
  ledger,
  newHazardLine,
  refusal,
  startLedger,
  unitIdOf,
} from "./support/ledger";

const CADRE = "ou_pages_cadre00000000000000001"; // 应急办
const FIRE_CADRE = "ou_pages_fire000000000000000001"; // 消防站
const LEADER = "ou_pages_leader0000000000000001";
const NOBODY = "ou_pages_nobody0000000000000001";

let h: Harness;
let emergency = 0;
let chat = 0;

const found = (day: string, unit: string, description: string) =>
  `${newHazardLine({ unit, description })} 发现日期=${day}`;

// 应急办: 23 重大 hazards found 6月1日–23日 (描述 台账1…台账23) and two found 7月1日; 消防站: two.
beforeAll(async () => {
  h = await startLedger();
  await addEnterprise(h, "东风加油站", "应急办", 5);
  await bind(h, CADRE, "干部", { unit: "应急办" });
  await bind(h, FIRE_CADRE, "干部", { unit: "消防站" });
  await bind(h, LEADER, "领导");
  emergency = await unitIdOf(h, "应急办");
  const say = (line: string) => ask(h, line, { chatId: `oc_pages_${chat++}` });
  for (let d = 1; d <= 23; d++)
    await say(found(`2023-06-${String(d).padStart(2, "0")}`, "应急办", `台账${d}`));
  await say(found("2023-07-01", "应急办", "七月甲"));
  await say(found("2023-07-01", "应急办", "七月乙"));
  await say(found("2023-06-15", "消防站", "消防甲"));
  await say(found("2023-06-16", "消防站", "消防乙"));
}, 120_000);

afterAll(async () => {
  await h.close();
});

const cardIn = (answer: { body: Record<string, unknown> }) => (answer.body.card as { data: Card }).data;
const toastOf = (answer: { body: Record<string, unknown> }) =>
  (answer.body.toast as { content?: string } | undefined)?.content ?? "";
/** The 描述 cells of the card's table, in order. */
const descriptions = (card: Card) => {
  const table = card.body.elements.find((e) => e.tag === "table") as
    | { rows: { description: string }[] }
    | undefined;
  return table?.rows.map((r) => r.description) ?? [];
};

/** Presses a button, timing the callback's answer. */
async function press(value: Record<string, unknown>, operator = ADMIN) {
  const started = performance.now();
  const answer = await h.click(value, { operator, chatId: `oc_pages_${chat++}` });
  return { ...answer, ms: performance.now() - started };
}

describe("上一页/下一页", () => {
  it("carry 单位 and 月份 and page through to the last page, each press answered with its page", async () => {
    const first = await askCard(h, "/台账 单位=应急办 月份=2023-06", { chatId: `oc_pages_${chat++}` });
    expect(cardText(first)).toContain("重大隐患 共 23 条");
    expect(descriptions(first)).toEqual(Array.from({ length: 10 }, (_, i) => `台账${23 - i}`));
    const value = { action: "ledger.page", unitId: emergency, month: "2023-06" };
    expect(buttonsOf(first)).toEqual([{ label: "下一页", value: { ...value, page: 1 } }]);

    const before = await ledger(h);
    const second = await press(buttonsOf(first)[0]!.value);
    expect(second.ms).toBeLessThan(3000);
    const card2 = cardIn(second);
    expect(cardText(card2)).toContain("第 2/3 页");
    expect(cardText(card2)).toContain("单位=应急办　2023年6月底");
    expect(descriptions(card2)).toEqual(Array.from({ length: 10 }, (_, i) => `台账${13 - i}`));
    expect(buttonsOf(card2)).toEqual([
      { label: "上一页", value: { ...value, page: 0 } },
      { label: "下一页", value: { ...value, page: 2 } },
    ]);

    const third = await press(buttonsOf(card2)[1]!.value);
    expect(third.ms).toBeLessThan(3000);
    const card3 = cardIn(third);
    expect(cardText(card3)).toContain("第 3/3 页");
    // the month carried: July's two are not in June's ledger
    expect(descriptions(card3)).toEqual(["台账3", "台账2", "台账1"]);
    expect(buttonsOf(card3)).toEqual([{ label: "上一页", value: { ...value, page: 1 } }]);

    const back = cardIn(await press(buttonsOf(card3)[0]!.value));
    expect(descriptions(back)).toEqual(descriptions(card2));
    expect(await ledger(h)).toEqual(before);
  });

  it("carry 领域; a ledger of one page has no buttons", async () => {
    const fire = await askCard(h, "/台账 单位=消防站", { chatId: `oc_pages_${chat++}` });
    expect(descriptions(fire)).toEqual(["消防乙", "消防甲"]);
    expect(buttonsOf(fire)).toEqual([]);
    const chemical = await askCard(h, "/台账 领域=危险化学品", { chatId: `oc_pages_${chat++}` });
    expect(cardText(chemical)).toContain("重大隐患 共 27 条");
    const next = buttonsOf(chemical).find((b) => b.label === "下一页")!;
    expect(next.value).toEqual({ action: "ledger.page", sectorId: 5, page: 1 });
    const last = cardIn(await press({ ...next.value, page: 2 }));
    expect(cardText(last)).toContain("领域=危险化学品");
    // 27 newest first: July's 2, 6月23日…17日, two each on the 16th and 15th, then 6月14日…1日
    expect(descriptions(last)).toEqual(Array.from({ length: 7 }, (_, i) => `台账${7 - i}`));
  });
});

describe("who may press", () => {
  it("is checked on the press as for the line: the presser's own scope, the role table", async () => {
    const before = await ledger(h);
    // The admin's card of 应急办, pressed by 消防站's 干部: refused as the line would be.
    const other = await press({ action: "ledger.page", unitId: emergency, page: 1 }, FIRE_CADRE);
    expect(toastOf(other)).toBe("你只能看本单位的台账，看不到「应急办」的。");
    expect(other.body.card).toBeUndefined();
    const typed = await refusal(h, "/台账 单位=应急办 页=2", FIRE_CADRE);
    expect(typed.text).toContain("你只能看本单位的台账，看不到「应急办」的。");
    // A card with no 单位 pressed by a 干部 shows their own unit's ledger.
    const own = cardIn(await press({ action: "ledger.page", page: 0 }, FIRE_CADRE));
    expect(cardText(own)).toContain("单位=消防站");
    expect(descriptions(own)).toEqual(["消防乙", "消防甲"]);
    const mine = cardIn(await press({ action: "ledger.page", page: 2 }, CADRE));
    expect(cardText(mine)).toContain("单位=应急办");
    expect(cardText(mine)).toContain("第 3/3 页");
    // A leader sees every unit; someone bound to nothing is told to bind first.
    expect(cardText(cardIn(await press({ action: "ledger.page", page: 1 }, LEADER)))).toContain("第 2/3 页");
    expect(toastOf(await press({ action: "ledger.page", page: 1 }, NOBODY))).toBe("请先绑定身份再操作");
    expect(await ledger(h)).toEqual(before);
  });
});

describe("a page past the end", () => {
  it("typed: says how many pages there are; pressed: says so and shows the last page", async () => {
    const typed = await refusal(h, "/台账 单位=应急办 页=9", ADMIN);
    expect(typed.title).toBe("填写有误");
    expect(typed.text).toContain("只有 3 页，没有第 9 页：写 页=1 到 页=3");
    const one = await refusal(h, "/台账 单位=消防站 页=2", ADMIN);
    expect(one.text).toContain("只有 1 页，没有第 2 页");
    const before = await ledger(h);
    const pressed = await press({ action: "ledger.page", unitId: emergency, page: 5 });
    expect(toastOf(pressed)).toBe("只有 3 页，没有第 6 页：写 页=1 到 页=3，已显示最后一页");
    expect(cardText(cardIn(pressed))).toContain("第 3/3 页");
    const broken = await press({ action: "ledger.page", unitId: 99_999, page: 1 });
    expect(toastOf(broken)).toBe("这张卡片的翻页信息不完整，请重新发送 /台账。");
    const future = await press({ action: "ledger.page", month: "2099-01", page: 1 });
    expect(toastOf(future)).toContain("2099-01 还没到");
    expect(await ledger(h)).toEqual(before);
  });
});
