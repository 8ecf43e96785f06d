// A hazard's cards (issue 7 part 4): its home is the group it was logged in (or the dispatch group); only its
// card there is remembered, and when a newer one is posted there the older one keeps its content, greyed, with
// no buttons and a line pointing to the newer card. Viewing it anywhere else changes nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { GROUP_CHAT } from "./support/events";
import { ADMIN, type Harness } from "./support/harness";
import {
  ask,
  bind,
  cardText,
  hazardRow,
  ledger,
  newHazardLine,
  startLedger,
  titleOf,
} from "./support/ledger";

const OTHER_GROUP = "oc_other00000000000000000000001";
const PRIVATE = "oc_p2p_admin000000000000000001";
const DISPATCH = "oc_dispatch000000000000000001";
const CADRE = "ou_cadre0000000000000000000000001";

let h: Harness;

beforeEach(async () => {
  h = await startLedger();
  await ask(h, newHazardLine());
});

afterEach(async () => {
  await h.close();
});

describe("an older card of a hazard", () => {
  it("is patched to a card with no buttons that points to the newest, after the new one is out", async () => {
    const { cardMessageId: older } = await hazardRow(h, "YH-2023-0001");
    const sent = await ask(h, "/隐患 进展 YH-2023-0001 已采购防雷设备");
    const patch = sent.find((m) => m.kind === "patch");
    expect(patch?.message_id).toBe(older);
    const card = patch!.content as Card;
    expect(titleOf(card)).toBe("隐患 YH-2023-0001");
    expect(card.header?.template).toBe("grey");
    expect(cardText(card)).toContain("当前状态 整改中");
    expect(JSON.stringify(card)).not.toContain('"tag":"button"');
    expect(JSON.stringify(card)).not.toContain('"tag":"form"');
    // It keeps what it showed: the registration and the hazard's fields, as they were then.
    expect(cardText(card)).toContain("已登记隐患 YH-2023-0001。");
    expect(cardText(card)).toContain("储罐区未设防雷设施");
    expect(cardText(card)).toContain("待整改");
    // The newest card is the hazard's card now, and it was a reply, not a patch.
    const reply = sent.find((m) => m.kind === "reply");
    expect((await hazardRow(h, "YH-2023-0001")).cardMessageId).toBe(reply?.message_id);
  });

  it("is left alone when the hazard had no card before", async () => {
    const sent = await ask(h, newHazardLine({ enterprise: "另一个加油站" }));
    expect(sent.filter((m) => m.kind === "patch")).toEqual([]);
  });
});

describe("a hazard's home", () => {
  it("viewing it in a private chat or another group changes nothing, and no card is greyed", async () => {
    const before = await hazardRow(h, "YH-2023-0001");
    expect(before.chatId).toBe(GROUP_CHAT);
    for (const [chatId, chatType] of [
      [PRIVATE, "p2p"],
      [OTHER_GROUP, "group"],
    ] as const) {
      const state = await ledger(h);
      const sent = await ask(h, "/隐患 查看 YH-2023-0001", { chatId, chatType });
      expect(sent.filter((m) => m.kind === "patch")).toEqual([]);
      expect(sent.filter((m) => m.kind === "reply")).toHaveLength(1);
      expect(await ledger(h)).toEqual(state);
      expect(await hazardRow(h, "YH-2023-0001")).toMatchObject({
        chatId: GROUP_CHAT,
        cardMessageId: before.cardMessageId,
      });
    }
  });

  it("after a private 查看, 整改完成 goes to the checkers in the group and 退回 @mentions the 干部 there", async () => {
    await bind(h, CADRE, "干部", { unit: "应急办" });
    await ask(h, "/隐患 查看 YH-2023-0001", { chatId: PRIVATE, chatType: "p2p" });
    // the unit's 干部 reports it, so the admin may check it (who checks is never who reported 整改完成)
    const rectified = await ask(h, "/隐患 整改完成 YH-2023-0001 已加装", {
      chatId: PRIVATE,
      chatType: "p2p",
      sender: CADRE,
    });
    const notice = rectified.find((m) => m.kind === "create");
    expect(notice?.receive_id).toBe(GROUP_CHAT);
    expect(cardText(notice!.content as Card)).toContain("已整改完成，待验收");
    // The typed reply went privately, and it is not the hazard's card.
    expect((await hazardRow(h, "YH-2023-0001")).chatId).toBe(GROUP_CHAT);
    const returned = await ask(h, "/隐患 退回 YH-2023-0001 未检测", { chatId: PRIVATE, chatType: "p2p" });
    // The 退回 notice (a card that @mentions the unit's 干部) goes to the hazard's group, not the private chat.
    const mention = returned.find((m) => m.kind === "create" && JSON.stringify(m.content).includes(CADRE));
    expect(mention?.receive_id).toBe(GROUP_CHAT);
  });

  it("a typed move in the group supersedes the group's card; one typed privately does not", async () => {
    const { cardMessageId: groupCard } = await hazardRow(h, "YH-2023-0001");
    const privately = await ask(h, "/隐患 进展 YH-2023-0001 已采购", { chatId: PRIVATE, chatType: "p2p" });
    expect(privately.filter((m) => m.kind === "patch")).toEqual([]);
    expect((await hazardRow(h, "YH-2023-0001")).cardMessageId).toBe(groupCard);
    const inGroup = await ask(h, "/隐患 进展 YH-2023-0001 已安装");
    expect(inGroup.find((m) => m.kind === "patch")?.message_id).toBe(groupCard);
  });

  it("a hazard logged privately has the dispatch group as its home", async () => {
    await ask(h, `/设置 调度群=${DISPATCH}`, { sender: ADMIN });
    await ask(h, newHazardLine({ description: "私聊登记" }), { chatId: PRIVATE, chatType: "p2p" });
    expect(await hazardRow(h, "YH-2023-0002")).toMatchObject({ chatId: null, cardMessageId: null });
    await ask(h, "/隐患 查看 YH-2023-0002", { chatId: OTHER_GROUP });
    expect((await hazardRow(h, "YH-2023-0002")).cardMessageId).toBeNull();
    const shown = await ask(h, "/隐患 查看 YH-2023-0002", { chatId: DISPATCH });
    expect(await hazardRow(h, "YH-2023-0002")).toMatchObject({
      chatId: DISPATCH,
      cardMessageId: shown.find((m) => m.kind === "reply")?.message_id,
    });
  });
});
