// Who hears of a new hazard: the sector's bound 责任干部 are @mentioned on its card, and a registered
// enterprise's bound head gets the card in private chat, with the buttons they may use.
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Card } from "../cards/types";
import type { Harness } from "./support/harness";
import {
  addEnterprise,
  ask,
  bind,
  bindSectorCadre,
  buttonLabels,
  cardText,
  newHazardLine,
  startLedger,
  titleOf,
} from "./support/ledger";

const SECTOR_CADRE = "ou_sector000000000000000000000001";
const SECTOR_CADRE_2 = "ou_sector000000000000000000000002";
const HEAD = "ou_head00000000000000000000000001";

let h: Harness;

beforeEach(async () => {
  h = await startLedger();
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

it("the sector's bound 责任干部 are @mentioned on the new hazard's card; other sectors' are not", async () => {
  await bindSectorCadre(h, 5, SECTOR_CADRE);
  await bindSectorCadre(h, 5, SECTOR_CADRE_2);
  await bindSectorCadre(h, 2, "ou_firecadre00000000000000000001");
  const [reply] = await ask(h, newHazardLine({ sector: "危险化学品" }));
  const markdown = (reply!.content as Card).body.elements.map((e) => String(e.content ?? "")).join("\n");
  expect(markdown).toContain(`请责任干部关注：<at id=${SECTOR_CADRE}></at> <at id=${SECTOR_CADRE_2}></at>`);
  expect(markdown).not.toContain("ou_firecadre");
});

it("no bound 责任干部, no mention line", async () => {
  const [reply] = await ask(h, newHazardLine());
  expect(cardText(reply!.content as Card)).not.toContain("请责任干部关注");
});

it("a registered enterprise's bound head is told in private chat, with the card and their buttons", async () => {
  const id = await addEnterprise(h, "东风加油站", "应急办", 5);
  await bind(h, HEAD, "企业负责人", { name: "王加油", enterpriseId: id });
  const messages = await ask(h, newHazardLine({ enterprise: "东风加油站" }));
  expect(messages.map((m) => [m.kind, m.receive_id_type ?? null, m.receive_id ?? null])).toEqual([
    ["reply", null, null],
    ["create", "open_id", HEAD],
  ]);
  const card = messages[1]!.content as Card;
  expect(titleOf(card)).toBe("隐患 YH-2023-0001");
  expect(cardText(card)).toContain("你的企业「东风加油站」有一条新登记的隐患");
  expect(buttonLabels(card)).toEqual(["报进展", "整改完成"]);
});

it("an unregistered project is logged with a hint of the closest registered enterprise, and nobody is told", async () => {
  await addEnterprise(h, "东风加油站", "应急办", 5);
  const messages = await ask(h, newHazardLine({ enterprise: "东风加油" }));
  expect(messages).toHaveLength(1);
  expect(cardText(messages[0]!.content as Card)).toContain(
    "「东风加油」不是已登记的企业，已按项目/场所记录。最接近的已登记企业：东风加油站；若是其中之一，请写全称。",
  );
});
