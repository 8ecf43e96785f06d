// A hazard card's buttons carry the hazard's revision: twenty presses of one card's 报进展 (each its own
// event, as Feishu sends a press made twenty times) write once; a press on an outdated card answers with the
// current card and writes nothing; a press on the refreshed card is a new action and writes again.
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { ADMIN, type Harness } from "./support/harness";
import {
  ask,
  buttonsOf,
  cardText,
  eventsOf,
  hazardRow,
  ledger,
  newHazardLine,
  startLedger,
} from "./support/ledger";

let h: Harness;
const NUMBER = "YH-2023-0001";

beforeEach(async () => {
  h = await startLedger();
  await ask(h, newHazardLine());
});

afterEach(async () => {
  await h.close();
});

/** The 报进展 button of a card, as the card carries it. */
function progressButton(card: Card): Record<string, unknown> {
  const button = buttonsOf(card).find((b) => b.label === "报进展");
  if (!button) throw new Error(`no 报进展 on ${cardText(card)}`);
  return button.value as Record<string, unknown>;
}

async function currentCard(): Promise<Card> {
  const messages = await ask(h, `/隐患 查看 ${NUMBER}`);
  return messages.find((m) => m.kind === "reply")!.content as Card;
}

const progressRows = async () => (await eventsOf(h, NUMBER)).filter((e) => e.kind === "progress");

it("twenty presses of one card's 报进展, each a distinct event, record once", async () => {
  const value = progressButton(await currentCard());
  const presses = Array.from({ length: 20 }, () =>
    h.click(value, { operator: ADMIN, formValue: { note: "已停用储罐" } }),
  );
  const answers = await Promise.all(presses);
  expect(answers.every((a) => a.status === 200)).toBe(true);
  expect(await progressRows()).toHaveLength(1);
  expect((await hazardRow(h, NUMBER)).revision).toBe(1);
  expect(answers.filter((a) => (a.body.toast as { type: string }).type === "success")).toHaveLength(1);
});

it("a press on an outdated card answers with the current card and writes nothing; the refreshed card's press writes", async () => {
  const old = progressButton(await currentCard());
  await h.click(old, { operator: ADMIN, formValue: { note: "第一次" } });
  const before = await ledger(h);

  const again = await h.click(old, { operator: ADMIN, formValue: { note: "第二次" } });
  expect(again.body.toast).toEqual({ type: "info", content: "卡片已更新，没有重复办理" });
  const shown = (again.body.card as { data: Card }).data;
  expect(cardText(shown)).toContain("这张卡片不是最新的");
  expect(cardText(shown)).toContain("第一次");
  expect(await ledger(h)).toEqual(before);

  const fresh = await h.click(progressButton(shown), { operator: ADMIN, formValue: { note: "第二次" } });
  expect(fresh.body.toast).toMatchObject({ type: "success" });
  expect((await progressRows()).map((e) => e.note)).toEqual(["第一次", "第二次"]);
});

it("a typed move moves the revision on, so the card from before it is outdated", async () => {
  const old = progressButton(await currentCard());
  await ask(h, `/隐患 进展 ${NUMBER} 打字报的进展`);
  const before = await ledger(h);
  const answer = await h.click(old, { operator: ADMIN, formValue: { note: "卡片上的进展" } });
  expect(answer.body.toast).toEqual({ type: "info", content: "卡片已更新，没有重复办理" });
  expect(await ledger(h)).toEqual(before);
});

it("a button from a card made before revisions (no revision in its value) writes nothing", async () => {
  const before = await ledger(h);
  const answer = await h.click(
    { action: "hazard.progress", number: NUMBER },
    { operator: ADMIN, formValue: { note: "x" } },
  );
  expect(answer.body.toast).toEqual({ type: "info", content: "卡片已更新，没有重复办理" });
  expect(await ledger(h)).toEqual(before);
});
