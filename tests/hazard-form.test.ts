// The entry form: sent for `/隐患 新增` without arguments or with missing ones (pre-filled), its submit creating
// the hazard and replacing the form with the hazard's card, once per form, and refusing bad input with a toast.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card, CardElement } from "../cards/types";
import { members } from "../db/schema";
import { vectors } from "./support/events";
import { ADMIN, type Harness } from "./support/harness";
import {
  askCard,
  bind,
  bindSectorCadre,
  cardText,
  hazardRow,
  ledger,
  startLedger,
  titleOf,
} from "./support/ledger";

const CADRE = "ou_cadre0000000000000000000000001";
const SECTOR_CADRE = "ou_sector000000000000000000000001";

let h: Harness;

beforeEach(async () => {
  h = await startLedger();
  await bind(h, CADRE, "干部", { name: "李干部", unit: "应急办" });
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

function formFields(card: Card): Record<string, CardElement> {
  const form = card.body.elements.find((e) => e.tag === "form");
  const fields = (form?.elements as CardElement[]) ?? [];
  return Object.fromEntries(fields.map((f) => [String(f.name), f]));
}

const FULL = {
  unit: "应急办",
  enterprise: "东风加油站",
  sector: "危险化学品",
  description: "储罐区未设防雷设施",
  measures: "加装防雷接地",
  deadline: "2023-07-31 +0800",
  source: "企业自查",
  level: "一般",
};

async function submit(formValue: Record<string, unknown>, o: { messageId?: string; operator?: string } = {}) {
  return h.click(
    { action: "hazard.create" },
    { messageId: o.messageId ?? "om_form_1", operator: o.operator ?? ADMIN, formValue },
  );
}

describe("the form is sent", () => {
  it("for /隐患 新增 without arguments, and nothing is written", async () => {
    const before = await ledger(h);
    const card = await askCard(h, "/隐患 新增");
    expect(titleOf(card)).toBe("登记重大事故隐患");
    expect(Object.keys(formFields(card))).toEqual([
      "unit",
      "enterprise",
      "sector",
      "description",
      "measures",
      "deadline",
      "source",
      "level",
      "found",
      "submit",
    ]);
    expect(formFields(card).submit).toMatchObject({
      form_action_type: "submit",
      behaviors: [{ type: "callback", value: { action: "hazard.create" } }],
    });
    expect(formFields(card).source).toMatchObject({ initial_option: "部门检查" });
    expect(formFields(card).level).toMatchObject({ initial_option: "重大" });
    expect(await ledger(h)).toEqual(before);
  });

  it("pre-filled with what was given when required fields are missing", async () => {
    const card = await askCard(h, "/隐患 新增 单位=派出所 领域=消防 描述=「楼道堆放 杂物」 期限=8月1日");
    const f = formFields(card);
    expect(f.unit).toMatchObject({ initial_option: "高兴派出所" });
    expect(f.sector).toMatchObject({ initial_option: "消防" });
    expect(f.description).toMatchObject({ default_value: "楼道堆放 杂物" });
    expect(f.deadline).toMatchObject({ initial_date: "2023-08-01" });
    expect(f.enterprise!.default_value).toBeUndefined();
    expect(cardText(card)).toContain("还缺：企业、措施。请在下面的表单补全后点「登记隐患」。");
    expect((await ledger(h)).hazards).toEqual([]);
  });

  it("to a 干部 with only their own unit to choose, already chosen", async () => {
    const card = await askCard(h, "/隐患 新增", { sender: CADRE });
    const unit = formFields(card).unit!;
    expect(unit.options).toEqual([{ text: { tag: "plain_text", content: "应急办" }, value: "应急办" }]);
    expect(unit.initial_option).toBe("应急办");
  });
});

describe("submitting the form", () => {
  it("creates the hazard and answers with its card in place of the form", async () => {
    const answer = await submit(FULL);
    expect(answer.body.toast).toEqual({ type: "success", content: "已登记 YH-2023-0001" });
    const card = (answer.body.card as { type: string; data: Card }).data;
    expect((answer.body.card as { type: string }).type).toBe("raw");
    expect(titleOf(card)).toBe("隐患 YH-2023-0001");
    expect(cardText(card)).toContain("来源：企业自查");
    expect(cardText(card)).toContain("等级：一般");
    expect(await hazardRow(h, "YH-2023-0001")).toMatchObject({
      source: "企业自查",
      level: "一般",
      deadline: "2023-07-31",
      reportedBy: ADMIN,
      cardMessageId: "om_form_1",
    });
  });

  it("a second press of the same form creates nothing more and answers with the same hazard", async () => {
    await submit(FULL);
    const after = await ledger(h);
    const again = await submit(FULL);
    expect(again.body.toast).toEqual({
      type: "success",
      content: "这张表单已登记为 YH-2023-0001，没有重复登记。",
    });
    expect(titleOf((again.body.card as { data: Card }).data)).toBe("隐患 YH-2023-0001");
    expect(await ledger(h)).toEqual(after);
  });

  it("presses of the same form at once create one hazard", async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => submit(FULL)));
    const { hazards, counters, submissions } = await ledger(h);
    expect(hazards.map((r) => r.number)).toEqual(["YH-2023-0001"]);
    expect(counters).toEqual([{ year: 2023, last: 1 }]);
    expect(submissions).toHaveLength(1);
    for (const a of answers) expect(titleOf((a.body.card as { data: Card }).data)).toBe("隐患 YH-2023-0001");
  });

  it("another form is another hazard", async () => {
    await submit(FULL);
    // Another hazard of the same enterprise: the same description would be held as a likely duplicate.
    const answer = await submit({ ...FULL, description: "加油机接地线断开" }, { messageId: "om_form_2" });
    expect(answer.body.toast).toEqual({ type: "success", content: "已登记 YH-2023-0002" });
  });

  it("tells the sector's bound 责任干部 in the group with an @mention", async () => {
    await bind(h, SECTOR_CADRE, "干部", { name: "赵文华", unit: "应急办" });
    await bindSectorCadre(h, 5, SECTOR_CADRE);
    await submit(FULL);
    await h.settle();
    expect(h.fake.messages).toEqual([
      expect.objectContaining({ kind: "create", receive_id_type: "chat_id", msg_type: "interactive" }),
    ]);
    const notice = h.fake.messages[0]!.content as Card;
    expect(JSON.stringify(notice)).toContain(`<at id=${SECTOR_CADRE}></at>`);
    expect(cardText(notice)).toContain("新登记隐患 YH-2023-0001，请责任干部关注。");
  });
});

describe("bad input on the form answers with a toast and writes nothing", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      "missing fields",
      { unit: "应急办", description: "x", deadline: "2023-07-31 +0800" },
      "请填写：企业、领域、措施。",
    ],
    [
      "an impossible date",
      { ...FULL, deadline: "2023-02-30" },
      "期限：日期「2023-02-30」不存在：2023年2月只有28天。",
    ],
    ["over-long text", { ...FULL, measures: "很".repeat(1001) }, "措施太长：1001 个字，最多 1000 个字。"],
    [
      "a bad choice",
      { ...FULL, source: "听说" },
      "来源「听说」不对：只能是 企业自查、部门检查、上级检查、举报。",
    ],
    ["an unknown unit", { ...FULL, unit: "应急局" }, "没有名为「应急局」的单位。你是不是要找：应急办"],
    ["an unknown sector", { ...FULL, sector: "消房" }, "没有名为「消房」的行业领域。你是不是要找："],
  ];
  for (const [what, form, toast] of cases) {
    it(what, async () => {
      const before = await ledger(h);
      const answer = await submit(form);
      expect(answer.body.card).toBeUndefined();
      expect(answer.body.toast).toMatchObject({ type: "warning" });
      expect((answer.body.toast as { content: string }).content).toContain(toast);
      expect(await ledger(h)).toEqual(before);
    });
  }

  it("a 干部 logging another unit's hazard on the form", async () => {
    const before = await ledger(h);
    const answer = await submit({ ...FULL, unit: "水务站" }, { operator: CADRE });
    expect(answer.body.toast).toEqual({
      type: "warning",
      content: "你是本单位的干部，只能登记本单位的隐患；「水务站」的隐患请由该单位干部或镇安委办登记。",
    });
    expect(await ledger(h)).toEqual(before);
  });

  it("a person bound to nothing", async () => {
    const before = await ledger(h);
    const answer = await submit(FULL, { operator: "ou_stranger000000000000000000001" });
    expect(answer.body.toast).toEqual({ type: "warning", content: "请先绑定身份再操作" });
    expect(await ledger(h)).toEqual(before);
  });

  it("the shared vector's form submit (no 企业, 领域, 措施) names the missing fields", async () => {
    const v = vectors.vectors.find((x) => x.name === "card.action.trigger")!;
    // The vector was made on 2023-06-17: the clock reads that day, or it would be past the replay window.
    await h.close();
    h = await startLedger({ now: () => 1686967260000 + 60_000 });
    await h.bot.deps.db.insert(members).values({
      openId: "ou_7d8a6e6df7621556ce0d21922b676706",
      name: "向量",
      role: "管理员",
      boundBy: "test",
    });
    const before = await ledger(h);
    const response = await h.deliver(
      {
        headers: { "content-type": "application/json", ...v.headers } as Record<string, string>,
        body: v.body,
      },
      "/feishu/cards",
    );
    expect(await response.json()).toEqual({
      toast: { type: "warning", content: "请填写：企业、领域、措施。" },
    });
    expect(await ledger(h)).toEqual(before);
  });
});
