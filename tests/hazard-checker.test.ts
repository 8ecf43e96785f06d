// Who checks is not who fixed: 销号 and 退回 by an admin or the sector's bound 责任领导, never by who reported the
// 整改完成 (the refusal names who can), unless 允许自验=是, and then marked 自验; /设置 warns of the one-admin trap.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { ADMIN, type Harness } from "./support/harness";
import {
  ask,
  askCard,
  bind,
  bindSectorLeader,
  buttonLabels,
  cardText,
  eventsOf,
  hazardRow,
  newHazardLine,
  refusal,
  startLedger,
} from "./support/ledger";

const CADRE = "ou_cadre0000000000000000000000001";
const LEADER = "ou_leader000000000000000000000001";
const OTHER_LEADER = "ou_leader000000000000000000000002";
const N = "YH-2023-0001";

let h: Harness;

beforeEach(async () => {
  h = await startLedger();
  await bind(h, CADRE, "干部", { name: "李干部", unit: "应急办" });
  await bind(h, LEADER, "领导", { name: "陈中" });
  await bind(h, OTHER_LEADER, "领导", { name: "廖芸茹" });
  await bindSectorLeader(h, 5, LEADER); // 危险化学品
  await bindSectorLeader(h, 6, OTHER_LEADER); // 工贸
  await ask(h, newHazardLine(), { sender: CADRE }); // 危险化学品
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

const view = (sender: string) => askCard(h, `/隐患 查看 ${N}`, { sender });

describe("销号 and 退回: an admin or the sector's bound 责任领导", () => {
  beforeEach(async () => {
    await ask(h, `/隐患 整改完成 ${N}`, { sender: CADRE });
  });

  it("refuses a 领导 who is not the sector's 责任领导, naming who can, and shows them no such buttons", async () => {
    for (const line of [`/隐患 销号 ${N}`, `/隐患 退回 ${N} 不行`]) {
      const r = await refusal(h, line, OTHER_LEADER);
      expect(r.title).toBe("没有权限");
      expect(r.text).toContain(
        "由管理员或「危险化学品」领域的责任领导（陈中）办理；你不是这个领域的责任领导。",
      );
    }
    expect(buttonLabels(await view(OTHER_LEADER))).toEqual(["挂牌督办", "修改"]);
    expect((await hazardRow(h, N)).status).toBe("待验收");
  });

  it("lets the sector's 责任领导 and an admin check", async () => {
    expect(buttonLabels(await view(LEADER))).toEqual(["验收销号", "退回整改", "挂牌督办", "修改"]);
    await ask(h, `/隐患 退回 ${N} 接地不达标`, { sender: LEADER });
    await ask(h, `/隐患 整改完成 ${N}`, { sender: CADRE });
    const closed = await askCard(h, `/隐患 销号 ${N}`, { sender: ADMIN });
    expect(cardText(closed)).toContain("状态：已销号");
    expect((await eventsOf(h, N)).map((e) => [e.kind, e.selfCheck])).toEqual([
      ["created", false],
      ["rectified", false],
      ["returned", false],
      ["rectified", false],
      ["closed", false],
    ]);
  });

  it("names the missing 责任领导 when the sector has none bound", async () => {
    await ask(h, newHazardLine({ sector: "消防", description: "消防通道堵塞" }), { sender: CADRE });
    await ask(h, "/隐患 整改完成 YH-2023-0002", { sender: CADRE });
    const r = await refusal(h, "/隐患 销号 YH-2023-0002", LEADER);
    expect(r.text).toContain(
      "由管理员或「消防」领域的责任领导（还没有绑定：管理员可 /绑定 @某人 角色=领导 领域=消防）办理",
    );
  });
});

describe("never by who reported the 整改完成", () => {
  it("refuses the rectifier, admin or 责任领导 alike, and shows them no such buttons", async () => {
    await ask(h, `/隐患 整改完成 ${N}`, { sender: ADMIN });
    const r = await refusal(h, `/隐患 销号 ${N}`, ADMIN);
    expect(r.text).toContain(
      "隐患 YH-2023-0001 的整改完成是你报的，不能自己销号（谁检查、谁签名、谁负责）：请管理员或「危险化学品」领域的责任领导（陈中）办理。",
    );
    expect(buttonLabels(await view(ADMIN))).toEqual(["报进展", "挂牌督办", "修改", "撤销登记"]);
    expect(buttonLabels(await view(LEADER))).toEqual(["验收销号", "退回整改", "挂牌督办", "修改"]);
    await ask(h, `/隐患 销号 ${N}`, { sender: LEADER });
    expect((await hazardRow(h, N)).checkedBy).toBe(LEADER);
  });

  it("with 允许自验=是, the rectifier may check, marked 自验 on the card and in the history", async () => {
    await ask(h, "/设置 允许自验=是");
    await ask(h, `/隐患 整改完成 ${N}`, { sender: ADMIN });
    const card: Card = await askCard(h, `/隐患 销号 ${N} 自查合格`, { sender: ADMIN });
    const text = cardText(card);
    expect(text).toContain("自验：报整改完成的人自己验收（允许自验=是）。");
    expect(text).toContain("验收人：ou_admin00000000000000000000000001（自验）");
    expect(text).toContain("验收销号（自验）：自查合格");
    expect((await eventsOf(h, N)).at(-1)).toMatchObject({ kind: "closed", actor: ADMIN, selfCheck: true });
  });
});

describe("/设置 and the one-admin trap", () => {
  const settingsText = async () => cardText(await askCard(h, "/设置"));
  const TRAP = "注意：现在只有 1 位管理员，也没有绑定任何领域的责任领导。";

  it("warns with one admin and no bound 责任领导, until one is bound or 允许自验=是", async () => {
    await h.close();
    h = await startLedger();
    expect(await settingsText()).toContain(TRAP);
    await ask(h, "/设置 允许自验=是");
    expect(await settingsText()).not.toContain(TRAP);
    await ask(h, "/设置 允许自验=否");
    expect(await settingsText()).toContain(TRAP);
    await bind(h, LEADER, "领导");
    await bindSectorLeader(h, 5, LEADER);
    expect(await settingsText()).not.toContain(TRAP);
  });

  it("refuses a 允许自验 that is neither 是 nor 否", async () => {
    const r = await refusal(h, "/设置 允许自验=也许", ADMIN);
    expect(r.text).toContain("允许自验只能写 是 或 否，「也许」不行");
  });
});
