// When a newer card of a hazard is posted, the older one loses its buttons: they would act on a state gone by.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import type { Harness } from "./support/harness";
import { ask, cardText, hazardRow, newHazardLine, startLedger, titleOf } from "./support/ledger";

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
    // The newest card is the hazard's card now, and it was a reply, not a patch.
    const reply = sent.find((m) => m.kind === "reply");
    expect((await hazardRow(h, "YH-2023-0001")).cardMessageId).toBe(reply?.message_id);
  });

  it("is left alone when the hazard had no card before", async () => {
    const sent = await ask(h, newHazardLine({ enterprise: "另一个加油站" }));
    expect(sent.filter((m) => m.kind === "patch")).toEqual([]);
  });
});
