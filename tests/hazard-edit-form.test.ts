// 修改 on the hazard card through the real doors (signed card callbacks over HTTP): the button shown to whoever may
// correct the hazard, the entry form in edit mode pre-filled with the hazard as it is, its submit applying the typed
// `/隐患 修改`'s rules (only what changed recorded; 发现日期, extensions, the government, closed hazards, who), a form
// older than the hazard refused whole, the same callback twice doing its work once, and every refusal leaving the
// ledger as it was.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card, CardElement } from "../cards/types";
import { hazards } from "../db/schema";
import { CADRE, HEAD, LEADER, startCorrections, WATER_CADRE } from "./support/corrections";
import { cardPayload, encryptedDelivery } from "./support/events";
import { ADMIN, type Harness } from "./support/harness";
import {
  ask,
  askCard,
  auditOf,
  buttonLabels,
  buttonsOf,
  cardText,
  eventsOf,
  hazardRow,
  ledger,
  NOW,
  newHazardLine,
  rectifyAndClose,
  titleOf,
  unitIdOf,
} from "./support/ledger";

const STRANGER = "ou_stranger000000000000000000001";
const N = "YH-2023-0001";

let h: Harness;

beforeEach(async () => {
  h = await startCorrections();
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

type Answer = { status: number; body: Record<string, unknown> };
const toastOf = (a: Answer) => a.body.toast as { type: string; content: string };
const cardOf = (a: Answer) => (a.body.card as { type: string; data: Card } | undefined)?.data;

/** The 修改 button of the hazard's card as this person is shown it. */
async function editButton(sender: string) {
  const card = await askCard(h, `/隐患 查看 ${N}`, { sender });
  const button = buttonsOf(card).find((b) => b.label === "修改");
  if (!button) throw new Error(`no 修改 for ${sender}: ${buttonLabels(card).join("、")}`);
  return button.value;
}

/** Presses 修改 on the person's current card: the form that replaces it. */
async function openForm(sender = ADMIN): Promise<Card> {
  const answer = await h.click(await editButton(sender), { operator: sender });
  const form = cardOf(answer);
  if (!form) throw new Error(`no form: ${JSON.stringify(answer.body)}`);
  return form;
}

function formFields(card: Card): Record<string, CardElement> {
  const form = card.body.elements.find((e) => e.tag === "form");
  return Object.fromEntries(((form?.elements as CardElement[]) ?? []).map((f) => [String(f.name), f]));
}

/** The form's submit as Feishu sends it: every field as the form shows it, with these over them. */
function submitOf(form: Card, changes: Record<string, string> = {}) {
  const save = buttonsOf(form).find((b) => b.label === "保存修改");
  if (!save) throw new Error("no 保存修改");
  return { value: save.value, formValue: { ...save.formDefaults, ...changes } };
}

async function submit(form: Card, changes: Record<string, string> = {}, sender = ADMIN): Promise<Answer> {
  const { value, formValue } = submitOf(form, changes);
  return h.click(value, { operator: sender, formValue });
}

/** A submit that must be refused: its toast, after checking it answered no card and changed nothing. */
async function refusedSubmit(form: Card, changes: Record<string, string>, sender = ADMIN) {
  const before = await ledger(h);
  const answer = await submit(form, changes, sender);
  expect(await ledger(h)).toEqual(before);
  expect(cardOf(answer)).toBeUndefined();
  expect(toastOf(answer).type).toBe("warning");
  return toastOf(answer).content;
}

describe("the 修改 button", () => {
  it("is shown to whoever may correct the hazard, as 撤销登记 is", async () => {
    for (const sender of [ADMIN, LEADER, CADRE])
      expect(buttonLabels(await askCard(h, `/隐患 查看 ${N}`, { sender }))).toContain("修改");
    expect(buttonLabels(await askCard(h, `/隐患 查看 ${N}`, { sender: HEAD }))).not.toContain("修改");
    // another unit's 干部 does not see the hazard at all
    expect(titleOf(await askCard(h, `/隐患 查看 ${N}`, { sender: WATER_CADRE }))).toBe("没有权限");
  });

  it("is gone once the hazard is 已销号 or 已撤销", async () => {
    await ask(h, newHazardLine({ description: "加油机接地线断开" }), { sender: CADRE }); // YH-2023-0002
    await rectifyAndClose(h, N);
    await ask(h, "/隐患 撤销 YH-2023-0002 原因=重复", { sender: ADMIN });
    for (const number of [N, "YH-2023-0002"])
      expect(buttonLabels(await askCard(h, `/隐患 查看 ${number}`, { sender: ADMIN }))).not.toContain("修改");
  });

  it("opens the entry form in the card's place, pre-filled with the hazard as it is; nothing written", async () => {
    const created = await askCard(h, "/隐患 新增");
    const button = await editButton(LEADER);
    const before = await ledger(h);
    const form = cardOf(await h.click(button, { operator: LEADER }))!;
    expect(await ledger(h)).toEqual(before);
    expect(titleOf(form)).toBe(`修改隐患 ${N}`);
    // The same fields as /隐患 新增's form, and a 原因 for an extension.
    const fields = formFields(form);
    expect(Object.keys(fields)).toEqual([
      ...Object.keys(formFields(created)).filter((f) => f !== "submit"),
      "reason",
      "submit",
    ]);
    expect(fields.unit).toMatchObject({ initial_option: "应急办" });
    expect(fields.enterprise).toMatchObject({ default_value: "东风加油站" });
    expect(fields.sector).toMatchObject({ initial_option: "危险化学品" });
    expect(fields.description).toMatchObject({ default_value: "储罐区未设防雷设施" });
    expect(fields.measures).toMatchObject({ default_value: "加装防雷接地并检测" });
    expect(fields.deadline).toMatchObject({ initial_date: "2023-07-31" });
    expect(fields.source).toMatchObject({ initial_option: "部门检查" });
    expect(fields.level).toMatchObject({ initial_option: "重大" });
    expect(fields.found).toMatchObject({ initial_date: "2023-07-01" });
    expect(fields.submit).toMatchObject({
      form_action_type: "submit",
      behaviors: [
        {
          type: "callback",
          value: { action: "hazard.edit", number: N, revision: (await hazardRow(h, N)).revision },
        },
      ],
    });
    expect(buttonLabels(form)).toEqual(["保存修改", "不改了，返回隐患卡片"]);
  });

  it("offers a 干部 every unit but the government: a new 单位 hands the hazard over, as typed", async () => {
    const units = (formFields(await openForm(CADRE)).unit!.options as { value: string }[]).map(
      (o) => o.value,
    );
    expect(units).toEqual(expect.arrayContaining(["应急办", "水务站"]));
    expect(units).not.toContain("高兴镇人民政府");
  });

  it("不改了 puts the hazard's card back and writes nothing", async () => {
    const form = await openForm();
    const before = await ledger(h);
    const back = buttonsOf(form).find((b) => b.label === "不改了，返回隐患卡片")!;
    const answer = await h.click(back.value, { operator: ADMIN });
    expect(toastOf(answer)).toEqual({ type: "info", content: "没有修改" });
    expect(titleOf(cardOf(answer)!)).toBe(`隐患 ${N}`);
    expect(buttonLabels(cardOf(answer)!)).toContain("修改");
    expect(await ledger(h)).toEqual(before);
  });
});

describe("saving the form", () => {
  it("changes and records only the fields that changed, and answers with the updated card within 3 s", async () => {
    const form = await openForm(LEADER);
    const started = Date.now();
    const answer = await submit(
      form,
      {
        description: "储罐区防雷设施损坏",
        deadline: "2023-08-31 +0800",
        level: "一般",
        reason: "设备到货推迟",
      },
      LEADER,
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(toastOf(answer)).toEqual({ type: "success", content: `已修改 ${N}` });
    const card = cardOf(answer)!;
    expect(titleOf(card)).toBe(`隐患 ${N}`);
    const note =
      "描述：储罐区未设防雷设施 → 储罐区防雷设施损坏；期限：2023-07-31 → 2023-08-31；等级：重大 → 一般（第 1 次延期，原期限 2023-07-31）。原因：设备到货推迟";
    expect(cardText(card)).toContain(`已修改隐患 ${N}：${note}`);
    expect(cardText(card)).toContain("整改期限：2023-08-31（剩 61 天），已延期 1 次，原期限 2023-07-31");
    expect(buttonLabels(card)).toContain("修改");

    expect(await hazardRow(h, N)).toMatchObject({
      description: "储罐区防雷设施损坏",
      deadline: "2023-08-31",
      level: "一般",
      deadlineExtensions: 1,
      originalDeadline: "2023-07-31",
      measures: "加装防雷接地并检测",
      source: "部门检查",
      foundOn: "2023-07-01",
      updatedAt: NOW,
    });
    const edits = (await eventsOf(h, N)).filter((e) => e.kind === "edited");
    expect(edits).toEqual([expect.objectContaining({ actor: LEADER, at: NOW, note })]);
    const audit = (await auditOf(h, N)).at(-1)!;
    expect(audit).toMatchObject({ action: "hazard.edit", actor: LEADER });
    expect(Object.keys(JSON.parse(audit.before!)).sort()).toEqual([
      "deadline",
      "description",
      "level",
      "status",
    ]);
    expect(JSON.parse(audit.after!)).toMatchObject({
      description: "储罐区防雷设施损坏",
      deadline: "2023-08-31",
      level: "一般",
      deadlineExtensions: 1,
      reason: "设备到货推迟",
    });
  });

  it("corrects 发现日期 to a past day, and an earlier 期限 needs no 原因", async () => {
    await submit(await openForm(CADRE), { found: "2023-06-20 +0800", deadline: "2023-07-20 +0800" }, CADRE);
    expect(await hazardRow(h, N)).toMatchObject({
      foundOn: "2023-06-20",
      deadline: "2023-07-20",
      deadlineExtensions: 0,
    });
    expect((await eventsOf(h, N)).at(-1)!.note).toBe(
      "期限：2023-07-31 → 2023-07-20；发现日期：2023-07-01 → 2023-06-20",
    );
  });

  it("hands the hazard to another 单位, whose 干部 are told", async () => {
    const before = h.fake.messages.length;
    const answer = await submit(await openForm(CADRE), { unit: "水务站" }, CADRE);
    expect(toastOf(answer).type).toBe("success");
    expect((await hazardRow(h, N)).unitId).toBe(await unitIdOf(h, "水务站"));
    await h.settle();
    const told = h.fake.messages.slice(before).map((m) => JSON.stringify(m.content));
    expect(told.find((m) => m.includes("移交本单位"))).toContain(`<at id=${WATER_CADRE}></at>`);
    // The card answered to the 干部 who handed it over: it is no longer theirs to act on.
    expect(buttonLabels(cardOf(answer)!)).toEqual([]);
  });

  it("a project that is not a registered enterprise, left as it is, is no change", async () => {
    await h.bot.deps.db
      .update(hazards)
      .set({ enterpriseId: null, enterpriseName: "东风加油站北侧工地" })
      .where(eq(hazards.number, N));
    await submit(await openForm(), { level: "一般" });
    expect((await eventsOf(h, N)).at(-1)!.note).toBe("等级：重大 → 一般");
    expect(await hazardRow(h, N)).toMatchObject({ enterpriseId: null, enterpriseName: "东风加油站北侧工地" });
  });

  it("with nothing changed says so and writes nothing", async () => {
    const form = await openForm();
    expect(await refusedSubmit(form, {})).toBe(`隐患 ${N} 的这些内容和现在一样，没有改动。`);
    // A select left unchosen and a cleared 发现日期 keep what the hazard has.
    expect(await refusedSubmit(form, { unit: "", sector: "", found: "" })).toContain("没有改动");
  });
});

describe("refusals answer with a toast and write nothing", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["a 发现日期 in the future", { found: "2023-07-02 +0800" }, "发现日期不能是将来的日子"],
    [
      "an extension without 原因",
      { deadline: "2023-08-31 +0800" },
      "期限从 2023-07-31 推迟到 2023-08-31 是延期，要写明原因",
    ],
    ["an emptied 描述", { description: "  " }, "描述不能改为空。"],
    ["a bad 等级", { level: "特大" }, "等级「特大」不对：只能是 重大、一般。"],
    ["an impossible 期限", { deadline: "2023-02-30" }, "期限：日期「2023-02-30」不存在"],
    ["an unknown 单位", { unit: "应急局" }, "没有名为「应急局」的单位"],
    ["the township government as 单位", { unit: "高兴镇人民政府" }, "是镇政府本身，不作为隐患的单位"],
    ["an over-long 措施", { measures: "很".repeat(1001) }, "措施太长：1001 个字，最多 1000 个字。"],
    [
      "an over-long 原因",
      { level: "一般", reason: "很".repeat(1001) },
      "原因太长：1001 个字，最多 1000 个字。",
    ],
  ];
  for (const [what, changes, words] of cases) {
    it(what, async () => {
      expect(await refusedSubmit(await openForm(), changes)).toContain(words);
    });
  }

  it("by someone who may not correct it", async () => {
    const form = await openForm();
    const who: [string, string][] = [
      [HEAD, "你的角色（企业负责人）不能做这个操作"],
      [STRANGER, "请先绑定身份再操作"],
      [WATER_CADRE, "你只能查看和办理本单位的隐患"],
    ];
    for (const [sender, words] of who) {
      expect(await refusedSubmit(form, { level: "一般" }, sender)).toContain(words);
      const before = await ledger(h);
      const opened = await h.click(
        { ...submitOf(form).value, action: "hazard.edit_form" },
        { operator: sender },
      );
      expect(await ledger(h)).toEqual(before);
      expect(toastOf(opened).content).toContain(words);
    }
  });

  it("once 已销号 or 已撤销, even from a form that is still current", async () => {
    await ask(h, newHazardLine({ description: "加油机接地线断开" }), { sender: CADRE }); // YH-2023-0002
    await rectifyAndClose(h, N);
    await ask(h, "/隐患 撤销 YH-2023-0002 原因=重复", { sender: ADMIN });
    for (const [number, words] of [
      [N, "已销号，闭环的记录不能再修改"],
      ["YH-2023-0002", "已撤销，不能修改"],
    ] as const) {
      const current = { number, revision: (await hazardRow(h, number)).revision };
      const before = await ledger(h);
      const opened = await h.click({ action: "hazard.edit_form", ...current });
      const saved = await h.click({ action: "hazard.edit", ...current }, { formValue: { level: "一般" } });
      expect(await ledger(h)).toEqual(before);
      expect(toastOf(opened).content).toContain(words);
      expect(toastOf(saved).content).toContain(words);
    }
  });
});

describe("a form older than the hazard, and the same callback twice", () => {
  it("refuses a form the hazard moved on from since it was sent, whole, with the current card", async () => {
    const form = await openForm();
    await ask(h, `/隐患 进展 ${N} 已采购防雷设施`, { sender: CADRE });
    const before = await ledger(h);
    const answer = await submit(form, { level: "一般" });
    expect(await ledger(h)).toEqual(before);
    expect(toastOf(answer)).toEqual({
      type: "warning",
      content: "隐患在表单发出后又有了办理，这次修改没有保存",
    });
    const card = cardOf(answer)!;
    expect(titleOf(card)).toBe(`隐患 ${N}`);
    expect(cardText(card)).toContain("这张修改表单发出后，隐患又有了新的办理");
    expect(cardText(card)).toContain("等级：重大");
  });

  it("a 修改 pressed on a card older than the hazard answers with the current card, not a form", async () => {
    const stale = await editButton(ADMIN);
    await ask(h, `/隐患 修改 ${N} 等级=一般`, { sender: ADMIN });
    const answer = await h.click(stale);
    expect(toastOf(answer)).toEqual({ type: "info", content: "卡片已更新为最新状态，请看清后再点「修改」" });
    expect(titleOf(cardOf(answer)!)).toBe(`隐患 ${N}`);
    expect(cardText(cardOf(answer)!)).toContain("等级：一般");
  });

  it("does its work once when Feishu delivers the same submit twice, or it is pressed twice", async () => {
    const { value, formValue } = submitOf(await openForm(), { level: "一般" });
    const delivery = encryptedDelivery(
      cardPayload(value, { operator: ADMIN, eventId: "ev_edit_once", formValue: formValue }),
    );
    const first = await h.deliver(delivery, "/feishu/cards");
    expect(((await first.json()) as { toast: unknown }).toast).toEqual({
      type: "success",
      content: `已修改 ${N}`,
    });
    const after = await ledger(h);
    const again = await h.deliver(delivery, "/feishu/cards");
    expect(again.status).toBe(200);
    expect(await ledger(h)).toEqual(after);
    // A second press of the same form (a new callback) finds the hazard moved on: nothing more is written.
    const pressed = await h.click(value, { formValue });
    expect(toastOf(pressed).type).toBe("warning");
    expect(await ledger(h)).toEqual(after);
    expect((await eventsOf(h, N)).filter((e) => e.kind === "edited")).toHaveLength(1);
  });

  it("presses of the same form at once write it once", async () => {
    const { value, formValue } = submitOf(await openForm(), { level: "一般" });
    const answers = await Promise.all(Array.from({ length: 4 }, () => h.click(value, { formValue })));
    expect(answers.filter((a) => toastOf(a).type === "success")).toHaveLength(1);
    expect((await eventsOf(h, N)).filter((e) => e.kind === "edited")).toHaveLength(1);
    expect((await hazardRow(h, N)).level).toBe("一般");
  });
});

describe("a hazard still logged under the township government", () => {
  it("is offered no government in the form, says why, and is handed over when a unit is chosen", async () => {
    const government = await unitIdOf(h, "高兴镇人民政府");
    await h.bot.deps.db.update(hazards).set({ unitId: government }).where(eq(hazards.number, N));
    const form = await openForm();
    expect(formFields(form).unit!.initial_option).toBeUndefined();
    expect(cardText(form)).toContain("「高兴镇人民政府」是镇政府本身，不作为隐患的单位");
    // Left unchosen, the unit stays; the other change is saved.
    await submit(form, { level: "一般" });
    expect(await hazardRow(h, N)).toMatchObject({ unitId: government, level: "一般" });
    await submit(await openForm(), { unit: "应急办" });
    expect((await hazardRow(h, N)).unitId).toBe(await unitIdOf(h, "应急办"));
    expect((await eventsOf(h, N)).at(-1)!.note).toBe("单位：高兴镇人民政府 → 应急办");
  });
});
