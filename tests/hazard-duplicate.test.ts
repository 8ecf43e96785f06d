// The duplicate check through the real doors: a new hazard for the same enterprise with the same description as
// an open one logged in the last 7 days is held and answered with both and 仍要登记, which only its author may
// press (the draft is kept by the bot, not in the button); the press logs it once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hazards, pendingHazards } from "../db/schema";
import { ADMIN, type Harness } from "./support/harness";
import {
  addEnterprise,
  ask,
  askCard,
  bind,
  buttonsOf,
  cardText,
  hazardRow,
  ledger,
  NOW,
  newHazardLine,
  startLedger,
  titleOf,
} from "./support/ledger";

const CADRE = "ou_cadre0000000000000000000000001";
const OTHER_CADRE = "ou_cadre0000000000000000000000002";

let h: Harness;

beforeEach(async () => {
  h = await startLedger();
  await addEnterprise(h, "东风加油站", "应急办", 5);
  await bind(h, CADRE, "干部", { name: "李干部", unit: "应急办" });
  await bind(h, OTHER_CADRE, "干部", { name: "周干部", unit: "应急办" });
  await ask(h, newHazardLine(), { sender: CADRE }); // YH-2023-0001: 东风加油站, 储罐区未设防雷设施
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

function cardData(answer: { body: Record<string, unknown> }) {
  return (answer.body.card as { data: Parameters<typeof cardText>[0] }).data;
}

describe("a hazard that repeats an open one", () => {
  it("is held, shown beside the one it repeats, and logged once when its author presses 仍要登记", async () => {
    const before = await ledger(h);
    // The same enterprise (name folded: width and spaces) and the same description (punctuation folded).
    const line = newHazardLine({ enterprise: "「东风 加油站」", description: "储罐区，未设防雷设施。" });
    const card = await askCard(h, line, { sender: CADRE });
    expect(titleOf(card)).toBe("可能重复登记");
    const text = cardText(card);
    expect(text).toContain("YH-2023-0001");
    expect(text).toContain("储罐区，未设防雷设施。");
    expect(await ledger(h)).toEqual(before);

    const [press] = buttonsOf(card);
    expect(press?.label).toBe("仍要登记");
    // The button carries the held draft's id only, never the fields.
    expect(Object.keys(press!.value).sort()).toEqual(["action", "pending"]);
    const held = await h.bot.deps.db.select().from(pendingHazards);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ openId: CADRE, id: press!.value.pending });

    // Someone else may not press it: nothing is logged.
    const other = await h.click(press!.value, { operator: OTHER_CADRE });
    expect(other.body.toast).toEqual({ type: "warning", content: "只有登记这条隐患的人能点「仍要登记」。" });
    expect(await ledger(h)).toEqual(before);

    const mine = await h.click(press!.value, { operator: CADRE });
    expect(mine.body.toast).toEqual({ type: "success", content: "已登记 YH-2023-0002" });
    expect(cardText(cardData(mine))).toContain("重大隐患描述：储罐区，未设防雷设施。");
    expect(await hazardRow(h, "YH-2023-0002")).toMatchObject({
      enterpriseName: "东风加油站",
      description: "储罐区，未设防雷设施。",
      reportedBy: CADRE,
      status: "待整改",
      createdAt: NOW,
    });
    // A second press logs nothing more.
    const again = await h.click(press!.value, { operator: CADRE });
    expect(again.body.toast).toEqual({ type: "success", content: "已登记为 YH-2023-0002，没有重复登记。" });
    expect(await h.bot.deps.db.select().from(hazards)).toHaveLength(2);
  });

  it("is not held when the open one is closed, withdrawn, or older than 7 days, or the description differs", async () => {
    const other = await askCard(h, newHazardLine({ description: "储罐区未设静电接地" }), { sender: CADRE });
    expect(titleOf(other)).toBe("隐患 YH-2023-0002");
    await ask(h, "/隐患 撤销 YH-2023-0001 原因=重复", { sender: ADMIN });
    const again = await askCard(h, newHazardLine(), { sender: CADRE });
    expect(titleOf(again)).toBe("隐患 YH-2023-0003");
    // 0003 logged 8 days ago: no longer a duplicate.
    const { id } = await hazardRow(h, "YH-2023-0003");
    const { eq } = await import("drizzle-orm");
    await h.bot.deps.db
      .update(hazards)
      .set({ createdAt: NOW - 8 * 24 * 60 * 60 * 1000 })
      .where(eq(hazards.id, id));
    expect(titleOf(await askCard(h, newHazardLine(), { sender: CADRE }))).toBe("隐患 YH-2023-0004");
  });

  it("follows an edited description: the new one is repeated, the old one no longer", async () => {
    await ask(h, "/隐患 修改 YH-2023-0001 描述=「储罐区防雷设施损坏」 原因=现场复核", { sender: ADMIN });
    const old = await askCard(h, newHazardLine(), { sender: CADRE });
    expect(titleOf(old)).toBe("隐患 YH-2023-0002");
    const edited = await askCard(h, newHazardLine({ description: "储罐区 防雷设施损坏。" }), {
      sender: CADRE,
    });
    expect(titleOf(edited)).toBe("可能重复登记");
    expect(cardText(edited)).toContain("YH-2023-0001");
  });

  it("still finds a hazard logged before descriptions had their folded key", async () => {
    const { eq } = await import("drizzle-orm");
    const { id } = await hazardRow(h, "YH-2023-0001");
    await h.bot.deps.db.update(hazards).set({ descriptionKey: null }).where(eq(hazards.id, id));
    const card = await askCard(h, newHazardLine({ description: "储罐区，未设防雷设施" }), { sender: CADRE });
    expect(titleOf(card)).toBe("可能重复登记");
    expect(cardText(card)).toContain("YH-2023-0001");
  });

  it("on the entry form too: the submit answers with both and the button", async () => {
    const form = await askCard(h, "/隐患 新增", { sender: CADRE });
    expect(titleOf(form)).toBe("登记重大事故隐患");
    const before = await ledger(h);
    const answer = await h.click(
      { action: "hazard.create" },
      {
        operator: CADRE,
        formValue: {
          unit: "应急办",
          enterprise: "东风加油站",
          sector: "危险化学品",
          description: "储罐区未设防雷设施",
          measures: "加装",
          deadline: "2023-07-31",
        },
      },
    );
    expect(titleOf(cardData(answer))).toBe("可能重复登记");
    expect(await ledger(h)).toEqual(before);
  });
});
