// Who hears of a new hazard: the sector's bound 责任干部 are @mentioned on its card (a 重大 one: its 责任领导 too),
// and a registered enterprise's bound head gets the card in private chat, with the buttons they may use.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { ADMIN, type Harness } from "./support/harness";
import {
  addEnterprise,
  ask,
  bind,
  bindSectorCadre,
  bindSectorLeader,
  buttonLabels,
  cardText,
  newHazardLine,
  startLedger,
  titleOf,
} from "./support/ledger";

const SECTOR_CADRE = "ou_sector000000000000000000000001";
const SECTOR_CADRE_2 = "ou_sector000000000000000000000002";
const HEAD = "ou_head00000000000000000000000001";
const SECTOR_LEADER = "ou_leader00000000000000000000001";
const FIRE_LEADER = "ou_leader00000000000000000000002";

const markdownOf = (card: Card) => card.body.elements.map((e) => String(e.content ?? "")).join("\n");

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

describe("a new 重大 hazard @mentions the sector's bound 责任领导 with its 责任干部", () => {
  beforeEach(async () => {
    await bind(h, SECTOR_LEADER, "领导", { name: "陈中" });
    await bind(h, FIRE_LEADER, "领导", { name: "刘载斌" });
    await bindSectorLeader(h, 5, SECTOR_LEADER);
    await bindSectorLeader(h, 2, FIRE_LEADER);
    await bindSectorCadre(h, 5, SECTOR_CADRE);
  });

  it("typed: the leaders' line above the cadres' on the card; other sectors' leaders are not", async () => {
    const [reply] = await ask(h, `${newHazardLine({ sector: "危险化学品" })} 等级=重大`);
    const markdown = markdownOf(reply!.content as Card);
    expect(markdown).toContain(
      `请责任领导关注：<at id=${SECTOR_LEADER}></at>\n请责任干部关注：<at id=${SECTOR_CADRE}></at>`,
    );
    expect(markdown).not.toContain(FIRE_LEADER);
  });

  it("typed 一般: the 责任干部 alone, as before", async () => {
    const [reply] = await ask(h, `${newHazardLine({ sector: "危险化学品" })} 等级=一般`);
    const markdown = markdownOf(reply!.content as Card);
    expect(markdown).toContain(`请责任干部关注：<at id=${SECTOR_CADRE}></at>`);
    expect(markdown).not.toContain("请责任领导关注");
    expect(markdown).not.toContain(SECTOR_LEADER);
  });

  it("a leader alone bound to the sector is still @mentioned", async () => {
    const [reply] = await ask(h, `${newHazardLine({ sector: "消防" })} 等级=重大`);
    const markdown = markdownOf(reply!.content as Card);
    expect(markdown).toContain(`请责任领导关注：<at id=${FIRE_LEADER}></at>`);
    expect(markdown).not.toContain("请责任干部关注");
  });

  it("on the form: the group notice @mentions the leader and the cadre", async () => {
    await h.click(
      { action: "hazard.create" },
      {
        messageId: "om_form_1",
        operator: ADMIN,
        formValue: {
          unit: "应急办",
          enterprise: "东风加油站",
          sector: "危险化学品",
          description: "储罐区未设防雷设施",
          measures: "加装防雷接地",
          deadline: "2023-07-31 +0800",
          source: "部门检查",
          level: "重大",
        },
      },
    );
    await h.settle();
    const notice = h.fake.messages.find((m) => m.kind === "create" && m.receive_id_type === "chat_id");
    const card = notice!.content as Card;
    expect(JSON.stringify(card)).toContain(`<at id=${SECTOR_LEADER}></at> <at id=${SECTOR_CADRE}></at>`);
    expect(cardText(card)).toContain("新登记重大隐患 YH-2023-0001，请责任领导、责任干部关注。");
  });
});
