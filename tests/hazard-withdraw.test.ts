// `/隐患 撤销` and `/隐患 恢复` through the real doors: a withdrawn hazard leaves the lists (but for 状态=已撤销) and
// the counts, stays readable, keeps its number for good, and comes back in the status it had; who may do it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { ADMIN, type Harness } from "./support/harness";
import {
  addEnterprise,
  ask,
  askCard,
  bind,
  buttonLabels,
  cardText,
  eventsOf,
  hazardButton,
  hazardRow,
  ledger,
  NOW,
  newHazardLine,
  refusal,
  startLedger,
  titleOf,
} from "./support/ledger";

const CADRE = "ou_cadre0000000000000000000000001";
const OTHER_CADRE = "ou_cadre0000000000000000000000002";
const LEADER = "ou_leader000000000000000000000001";
const HEAD = "ou_head00000000000000000000000001";

let h: Harness;

beforeEach(async () => {
  h = await startLedger();
  const east = await addEnterprise(h, "东风加油站", "应急办", 5);
  await bind(h, CADRE, "干部", { name: "李干部", unit: "应急办" });
  await bind(h, OTHER_CADRE, "干部", { name: "周干部", unit: "应急办" });
  await bind(h, LEADER, "领导", { name: "张镇长" });
  await bind(h, HEAD, "企业负责人", { enterpriseId: east });
  await ask(h, newHazardLine(), { sender: CADRE }); // YH-2023-0001
  await ask(h, newHazardLine({ description: "加油机接地线断开" }), { sender: CADRE }); // YH-2023-0002
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

describe("withdrawing a mistaken entry", () => {
  it("takes it out of lists and counts, keeps it readable, never reuses its number, and restores it", async () => {
    await ask(h, "/隐患 进展 YH-2023-0002 已断电检修", { sender: CADRE }); // 0002: 整改中
    const card = await askCard(h, "/隐患 撤销 YH-2023-0002 原因=「与 YH-2023-0001 重复」", { sender: ADMIN });
    expect(card.header?.template).toBe("grey");
    expect(cardText(card)).toContain("已撤销隐患 YH-2023-0002（原为「整改中」）。原因：与 YH-2023-0001 重复");
    expect(cardText(card)).toContain("状态：已撤销");
    expect(buttonLabels(card)).toEqual([]);
    expect(await hazardRow(h, "YH-2023-0002")).toMatchObject({ status: "已撤销", updatedAt: NOW });
    expect((await eventsOf(h, "YH-2023-0002")).at(-1)).toMatchObject({
      kind: "withdrawn",
      actor: ADMIN,
      fromStatus: "整改中",
      toStatus: "已撤销",
      note: "与 YH-2023-0001 重复",
    });

    const list = cardText(await askCard(h, "/隐患 列表", { sender: LEADER }));
    expect(list).toContain("共 1 条");
    expect(list).toContain("YH-2023-0001");
    expect(list).not.toContain("YH-2023-0002");
    for (const filter of ["状态=未销号", "超期", "单位=应急办", "企业=东风加油站"]) {
      expect(cardText(await askCard(h, `/隐患 列表 ${filter}`, { sender: LEADER }))).not.toContain(
        "YH-2023-0002",
      );
    }
    const withdrawn = cardText(await askCard(h, "/隐患 列表 状态=已撤销", { sender: LEADER }));
    expect(withdrawn).toContain("共 1 条");
    expect(withdrawn).toContain("YH-2023-0002");

    // Still readable, without buttons, and no move reaches it.
    const viewed = await askCard(h, "/隐患 查看 YH-2023-0002", { sender: CADRE });
    expect(cardText(viewed)).toContain("撤销：与 YH-2023-0001 重复");
    expect(buttonLabels(viewed)).toEqual([]);
    const before = await ledger(h);
    const moved = await askCard(h, "/隐患 进展 YH-2023-0002 继续", { sender: CADRE });
    expect(cardText(moved)).toContain("已撤销，不能再办理");
    expect(await ledger(h)).toEqual(before);

    // Its number is never given out again.
    const next = await askCard(h, newHazardLine({ description: "配电箱无防护" }), { sender: CADRE });
    expect(titleOf(next)).toBe("隐患 YH-2023-0003");

    const restored = await askCard(h, "/隐患 恢复 YH-2023-0002", { sender: ADMIN });
    expect(cardText(restored)).toContain("已恢复隐患 YH-2023-0002，状态回到「整改中」。");
    expect(await hazardRow(h, "YH-2023-0002")).toMatchObject({ status: "整改中" });
    expect((await eventsOf(h, "YH-2023-0002")).at(-1)).toMatchObject({
      kind: "restored",
      fromStatus: "已撤销",
      toStatus: "整改中",
    });
    expect(cardText(await askCard(h, "/隐患 列表", { sender: LEADER }))).toContain("共 3 条");
  });

  it("lets the 干部 who logged it withdraw it while it is still 待整改", async () => {
    const card = await askCard(h, "/隐患 撤销 YH-2023-0001 原因=登记错了", { sender: CADRE });
    expect(cardText(card)).toContain("已撤销隐患 YH-2023-0001");
    expect((await hazardRow(h, "YH-2023-0001")).status).toBe("已撤销");
  });
});

describe("refusals change nothing", () => {
  const refused = (text: string, sender: string) => refusal(h, text, sender);

  it.each([
    [
      "a 干部 who did not log it",
      "/隐患 撤销 YH-2023-0001 原因=重复",
      OTHER_CADRE,
      "没有权限",
      "不是你登记的",
    ],
    ["a 领导", "/隐患 撤销 YH-2023-0001 原因=重复", LEADER, "没有权限", "不能办理「/隐患 撤销」"],
    ["an 企业负责人", "/隐患 撤销 YH-2023-0001 原因=重复", HEAD, "没有权限", "不能办理「/隐患 撤销」"],
    ["no 原因", "/隐患 撤销 YH-2023-0001", ADMIN, "填写有误", "撤销要写明原因"],
    ["恢复 by a 干部", "/隐患 恢复 YH-2023-0001", CADRE, "没有权限", "不能办理「/隐患 恢复」"],
    ["恢复 of one not withdrawn", "/隐患 恢复 YH-2023-0001", ADMIN, "现在不能这样办", "没有撤销"],
  ])("%s", async (_, line, sender, title, words) => {
    const r = await refused(line, sender);
    expect(r.title).toBe(title);
    expect(r.text).toContain(words);
  });

  it("the 干部 who logged it, once someone acted on it", async () => {
    await ask(h, "/隐患 进展 YH-2023-0001 已开始", { sender: CADRE });
    const r = await refused("/隐患 撤销 YH-2023-0001 原因=重复", CADRE);
    expect(r.text).toContain("已是「整改中」");
  });

  it("a second 撤销, and a 修改 of a withdrawn hazard", async () => {
    await ask(h, "/隐患 撤销 YH-2023-0001 原因=重复", { sender: ADMIN });
    expect((await refused("/隐患 撤销 YH-2023-0001 原因=重复", ADMIN)).text).toContain("已经撤销了");
    expect((await refused("/隐患 修改 YH-2023-0001 等级=一般", ADMIN)).text).toContain("已撤销，不能修改");
  });
});

describe("撤销 by the hazard card's button", () => {
  const N = "YH-2023-0001";
  const press = async (sender: string, reason: string | undefined, value?: Record<string, unknown>) =>
    h.click(value ?? (await hazardButton(h, "hazard.withdraw", N)), {
      operator: sender,
      ...(reason === undefined ? {} : { formValue: { withdraw_reason: reason } }),
    });
  const toastOf = (answer: { body: Record<string, unknown> }) => answer.body.toast as { content: string };

  it("is shown to whoever may withdraw: an admin, and the 干部 who logged it while 待整改", async () => {
    expect(buttonLabels(await askCard(h, `/隐患 查看 ${N}`, { sender: ADMIN }))).toContain("撤销登记");
    expect(buttonLabels(await askCard(h, `/隐患 查看 ${N}`, { sender: CADRE }))).toContain("撤销登记");
    for (const other of [OTHER_CADRE, LEADER, HEAD])
      expect(buttonLabels(await askCard(h, `/隐患 查看 ${N}`, { sender: other }))).not.toContain("撤销登记");
    await ask(h, `/隐患 进展 ${N} 已断电检修`, { sender: CADRE });
    expect(buttonLabels(await askCard(h, `/隐患 查看 ${N}`, { sender: CADRE }))).not.toContain("撤销登记");
    expect(buttonLabels(await askCard(h, `/隐患 查看 ${N}`, { sender: ADMIN }))).toContain("撤销登记");
  });

  it("withdraws with the reason written in the form, answering with the grey card; once", async () => {
    const stale = await hazardButton(h, "hazard.withdraw", N);
    const answer = await press(ADMIN, "与 YH-2023-0002 重复");
    expect(toastOf(answer)).toMatchObject({ type: "success", content: "已撤销" });
    const shown = cardText((answer.body.card as { data: Card }).data);
    expect(shown).toContain("已撤销隐患 YH-2023-0001（原为「待整改」）。原因：与 YH-2023-0002 重复");
    expect(buttonLabels((answer.body.card as { data: Card }).data)).toEqual([]);
    expect(await hazardRow(h, N)).toMatchObject({ status: "已撤销" });
    expect((await eventsOf(h, N)).at(-1)).toMatchObject({
      kind: "withdrawn",
      actor: ADMIN,
      note: "与 YH-2023-0002 重复",
    });
    // The same (now outdated) card pressed again writes nothing.
    const before = await ledger(h);
    const again = await press(ADMIN, "再撤一次", stale);
    expect(toastOf(again)).toMatchObject({ type: "info", content: "卡片已更新，没有重复办理" });
    expect(await ledger(h)).toEqual(before);
  });

  it("refuses an empty reason, someone else's hazard, and one already acted on; nothing written", async () => {
    const cases: [string, string | undefined, string][] = [
      [ADMIN, undefined, "撤销要写明原因"],
      [ADMIN, "   ", "撤销要写明原因"],
      [OTHER_CADRE, "重复", "不是你登记的"],
      [LEADER, "重复", "你的角色（领导）不能做这个操作"],
      [HEAD, "重复", "你的角色（企业负责人）不能做这个操作"],
    ];
    for (const [sender, reason, words] of cases) {
      const before = await ledger(h);
      const answer = await press(sender, reason);
      expect(toastOf(answer)).toMatchObject({ type: "warning" });
      expect(toastOf(answer).content).toContain(words);
      expect(await ledger(h)).toEqual(before);
    }
    await ask(h, `/隐患 进展 ${N} 已断电检修`, { sender: CADRE });
    const before = await ledger(h);
    const late = await press(CADRE, "重复");
    expect(toastOf(late).content).toContain("已是「整改中」，已有人办理过");
    expect(await ledger(h)).toEqual(before);
  });

  it("the 干部 who logged it withdraws it with the button while it is 待整改", async () => {
    const answer = await press(CADRE, "登记错了");
    expect(toastOf(answer)).toMatchObject({ type: "success", content: "已撤销" });
    expect(await hazardRow(h, N)).toMatchObject({ status: "已撤销" });
  });
});
