// The township government (高兴镇人民政府) owns no hazards, through the real door: refused as 单位 on a typed line,
// on the form, by /隐患 修改 and on 仍要登记 (known by its seed key, so a rename changes nothing); never taken
// from an enterprise whose 责任单位 it is, nor offered on the form; what is already logged under it is listed
// to admins only, to be handed over with /隐患 修改. Every refusal leaves the ledger as it was.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card, CardElement } from "../cards/types";
import { hazards, pendingHazards } from "../db/schema";
import { GROUP_CHAT } from "./support/events";
import { ADMIN, type Harness } from "./support/harness";
import {
  addEnterprise,
  askCard,
  bind,
  cardText,
  hazardRow,
  ledger,
  NOW,
  newHazardLine,
  refusal,
  startLedger,
  titleOf,
  unitIdOf,
} from "./support/ledger";

const LEADER = "ou_leader00000000000000000000001";
const TOWN_CADRE = "ou_cadre0000000000000000000000001";
const GOVERNMENT = "高兴镇人民政府";
const WHY =
  "是镇政府本身，不作为隐患的单位：请写发现或负责整改这条隐患的村（居）委会或镇直（驻镇）单位，例如 单位=应急办。";

let h: Harness;

beforeEach(async () => {
  h = await startLedger();
  await bind(h, LEADER, "领导", { name: "张镇长" });
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

function unitField(card: Card): CardElement | undefined {
  const form = card.body.elements.find((e) => e.tag === "form");
  return ((form?.elements as CardElement[]) ?? []).find((f) => f.name === "unit");
}

/** A line answered with the form instead of a hazard: its text, after checking the ledger did not change. */
async function formInstead(text: string, sender = ADMIN) {
  const before = await ledger(h);
  const card = await askCard(h, text, { sender });
  expect(await ledger(h)).toEqual(before);
  expect(titleOf(card)).toBe("登记重大事故隐患");
  return { card, text: cardText(card) };
}

describe("logging a hazard under the government is refused", () => {
  it("a typed line, by its name or a short form: the form comes back with 单位 blank and the reason", async () => {
    for (const name of [GOVERNMENT, "镇政府"]) {
      const r = await formInstead(newHazardLine({ unit: name }));
      expect(r.text).toContain(`单位：「${GOVERNMENT}」${WHY}`);
      expect(JSON.stringify(unitField(r.card))).not.toContain('"initial_option"');
    }
  });

  it("still refused after admins rename it: it is known by its seed key", async () => {
    await askCard(h, `/单位 修改 ${GOVERNMENT} 名称=高兴镇机关`);
    const r = await formInstead(newHazardLine({ unit: "高兴镇机关" }));
    expect(r.text).toContain(`单位：「高兴镇机关」${WHY}`);
  });

  it("a 干部 bound to it, whose unit a line would take, is told the same", async () => {
    await bind(h, TOWN_CADRE, "干部", { name: "镇干部", unit: GOVERNMENT });
    const line = "/隐患 新增 企业=东风加油站 领域=危险化学品 描述=储罐区未设防雷 措施=加装防雷 期限=7月31日";
    const r = await formInstead(line, TOWN_CADRE);
    expect(r.text).toContain(`单位：「${GOVERNMENT}」${WHY}`);
  });

  it("the form never offers it, and a submit naming it is refused with a toast", async () => {
    const form = await formInstead("/隐患 新增");
    const offered = JSON.stringify(unitField(form.card));
    expect(offered).toContain("应急办");
    expect(offered).not.toContain(GOVERNMENT);
    const before = await ledger(h);
    const answer = await h.click(
      { action: "hazard.create" },
      {
        messageId: "om_form_1",
        operator: ADMIN,
        formValue: {
          unit: GOVERNMENT,
          enterprise: "东风加油站",
          sector: "危险化学品",
          description: "储罐区未设防雷设施",
          measures: "加装防雷接地",
          deadline: "2023-07-31 +0800",
        },
      },
    );
    expect(answer.body.toast).toEqual({ type: "warning", content: `单位：「${GOVERNMENT}」${WHY}` });
    expect(await ledger(h)).toEqual(before);
  });

  it("仍要登记 on an entry held with it as 单位 writes nothing", async () => {
    const [held] = await h.bot.deps.db
      .insert(pendingHazards)
      .values({
        openId: ADMIN,
        chatId: GROUP_CHAT,
        createdAt: NOW,
        draft: JSON.stringify({
          unitId: await unitIdOf(h, GOVERNMENT),
          enterpriseId: null,
          enterpriseName: "东风加油站",
          sectorId: 5,
          description: "储罐区未设防雷设施",
          measures: "加装防雷接地",
          deadline: "2023-07-31",
          source: "部门检查",
          level: "重大",
          foundOn: "2023-07-01",
        }),
      })
      .returning();
    const before = await ledger(h);
    const answer = await h.click({ action: "hazard.create_anyway", pending: held!.id });
    expect(answer.body.toast).toEqual({
      type: "warning",
      content: `没有登记：「${GOVERNMENT}」${WHY}请重新发送 /隐患 新增。`,
    });
    expect(await ledger(h)).toEqual(before);
  });

  it("/隐患 修改 单位= naming it is refused; the hazard keeps its unit", async () => {
    await askCard(h, newHazardLine());
    const r = await refusal(h, `/隐患 修改 YH-2023-0001 单位=${GOVERNMENT}`, ADMIN);
    expect(r.title).toBe("填写有误");
    expect(r.text).toContain(`「${GOVERNMENT}」${WHY}`);
    expect((await hazardRow(h, "YH-2023-0001")).unitId).toBe(await unitIdOf(h, "应急办"));
  });
});

describe("an enterprise whose 责任单位 is the government", () => {
  it("lends its 领域 but not its 单位: the form asks for the unit and says why", async () => {
    await addEnterprise(h, "某某烟花店", GOVERNMENT, 10);
    const line = "/隐患 新增 企业=某某烟花店 描述=仓库超量储存 措施=清理 期限=7月31日";
    const r = await formInstead(line);
    expect(r.text).toContain("还缺：单位。");
    expect(r.text).toContain(
      `企业「某某烟花店」的责任单位是${GOVERNMENT}，镇政府不作为隐患的单位，所以没有按企业填写单位`,
    );
    expect(r.text).toContain("领域「烟花爆竹」按已登记的企业「某某烟花店」填写。");
    const card = await askCard(h, `${line} 单位=应急办`);
    expect(titleOf(card)).toBe("隐患 YH-2023-0001");
    expect(await hazardRow(h, "YH-2023-0001")).toMatchObject({
      unitId: await unitIdOf(h, "应急办"),
      sectorId: 10,
    });
  });

  it("on the form, a submit without 单位 is told why the unit was not taken", async () => {
    await addEnterprise(h, "某某烟花店", GOVERNMENT, 10);
    const before = await ledger(h);
    const answer = await h.click(
      { action: "hazard.create" },
      {
        messageId: "om_form_2",
        operator: ADMIN,
        formValue: {
          enterprise: "某某烟花店",
          description: "仓库超量储存",
          measures: "清理",
          deadline: "2023-07-31 +0800",
        },
      },
    );
    const toast = answer.body.toast as { type: string; content: string };
    expect(toast.type).toBe("warning");
    expect(toast.content).toContain("请填写：单位。");
    expect(toast.content).toContain(`企业「某某烟花店」的责任单位是${GOVERNMENT}`);
    expect(await ledger(h)).toEqual(before);
  });
});

describe("hazards already logged under it", () => {
  beforeEach(async () => {
    await askCard(h, newHazardLine());
    // logged before this rule: moved under the government straight in the table
    await h.bot.deps.db
      .update(hazards)
      .set({ unitId: await unitIdOf(h, GOVERNMENT) })
      .where(eq(hazards.number, "YH-2023-0001"));
  });

  it("are listed to an admin, who hands them to the right unit with /隐患 修改", async () => {
    const list = cardText(await askCard(h, `/隐患 列表 单位=${GOVERNMENT}`));
    expect(list).toContain("共 1 条");
    expect(list).toContain("YH-2023-0001");
    expect(list).toContain("镇政府不作为隐患单位：用 /隐患 修改 编号 单位=… 移交");
    // the ranking lists it only while a hazard under it counts, so its lines add up to the township's total
    expect(cardText(await askCard(h, "/排名 2023Q3"))).toContain(GOVERNMENT);
    await askCard(h, "/隐患 修改 YH-2023-0001 单位=应急办");
    expect(cardText(await askCard(h, "/排名 2023Q3"))).not.toContain(GOVERNMENT);
    expect((await hazardRow(h, "YH-2023-0001")).unitId).toBe(await unitIdOf(h, "应急办"));
    expect(cardText(await askCard(h, "/隐患 列表 单位=镇政府"))).toContain("共 0 条");
  });

  it("anyone else is told they are for admins, typed or by a page button", async () => {
    const r = await refusal(h, "/隐患 列表 单位=镇政府", LEADER);
    expect(r.title).toBe("没有权限");
    expect(r.text).toContain(`登记在「${GOVERNMENT}」名下的隐患只列给管理员`);
    const before = await ledger(h);
    const answer = await h.click(
      {
        action: "hazard.list.page",
        page: 0,
        filter: { unitId: await unitIdOf(h, GOVERNMENT), labels: [] },
      },
      { operator: LEADER },
    );
    expect(answer.body.card).toBeUndefined();
    expect((answer.body.toast as { content: string }).content).toContain("只列给管理员");
    expect(await ledger(h)).toEqual(before);
  });
});
