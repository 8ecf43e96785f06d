// A hazard's whole life through the real doors: logged by a 干部, progress, 整改完成, 退回 by a 领导, 整改完成 on
// the card by the enterprise head, 销号 by an admin; 督办 and its clock; every step in history and audit.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { putSetting } from "../src/store/settings";
import { ADMIN, type Harness } from "./support/harness";
import {
  addEnterprise,
  ask,
  askCard,
  auditOf,
  bind,
  bindSectorLeader,
  buttonLabels,
  cardText,
  eventsOf,
  hazardButton,
  hazardRow,
  NOW,
  newHazardLine,
  postingsOf,
  startLedger,
  titleOf,
} from "./support/ledger";

const CADRE = "ou_cadre0000000000000000000000001";
const LEADER = "ou_leader000000000000000000000001";
const HEAD = "ou_head00000000000000000000000001";

let h: Harness;
let enterpriseId: number;

beforeEach(async () => {
  h = await startLedger();
  enterpriseId = await addEnterprise(h, "东风加油站", "应急办", 5, "王加油");
  await bind(h, CADRE, "干部", { name: "李干部", unit: "应急办" });
  await bind(h, LEADER, "领导", { name: "张镇长" });
  await bindSectorLeader(h, 5, LEADER);
  await bind(h, HEAD, "企业负责人", { name: "王加油", enterpriseId });
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

describe("from first report to 销号", () => {
  it("logs, follows, returns, closes, and keeps who did what and when", async () => {
    const created = await askCard(h, newHazardLine(), { sender: CADRE });
    expect(titleOf(created)).toBe("隐患 YH-2023-0001");
    const text = cardText(created);
    expect(text).toContain("已登记隐患 YH-2023-0001。");
    expect(text).toContain("状态：待整改");
    expect(text).toContain("部门/村居：应急办");
    expect(text).toContain("企业（项目）：东风加油站\n");
    expect(text).toContain("所属行业领域：危险化学品");
    expect(text).toContain("重大隐患描述：储罐区未设防雷设施");
    expect(text).toContain("整改措施：加装防雷接地并检测");
    expect(text).toContain("整改期限：2023-07-31（剩 30 天）");
    expect(text).toContain("整改责任：应急办（单位干部）、王加油（企业主要负责人）");
    expect(text).toContain("登记人：李干部");
    expect(buttonLabels(created)).toEqual(["报进展", "整改完成", "修改", "撤销登记"]);

    const row = await hazardRow(h, "YH-2023-0001");
    expect(row).toMatchObject({
      status: "待整改",
      unitId: expect.any(Number),
      enterpriseId,
      enterpriseName: "东风加油站",
      sectorId: 5,
      source: "部门检查",
      level: "重大",
      deadline: "2023-07-31",
      foundOn: "2023-07-01",
      reportedBy: CADRE,
      checkedBy: null,
      createdAt: NOW,
    });
    // The card the bot replied with is remembered, so an image replying to it reaches the hazard.
    const reply = h.fake.messages.find((m) => m.kind === "reply" && m.reply_to !== undefined);
    expect(row.cardMessageId).toBe(reply!.message_id);

    const progress = await askCard(h, "/隐患 进展 YH-2023-0001 已采购 防雷设施 型号=ABC-1 “下周”安装", {
      sender: CADRE,
    });
    expect(cardText(progress)).toContain("状态：整改中");
    expect(cardText(progress)).toContain("已记录整改进展。（李干部）");

    const rectified = await askCard(h, "/隐患 整改完成 YH-2023-0001", { sender: HEAD });
    expect(cardText(rectified)).toContain("状态：待验收");
    // The head may not check their own work: no 销号/退回 for them.
    expect(buttonLabels(rectified)).toEqual(["报进展"]);

    const leaderView = await askCard(h, "/隐患 查看 YH-2023-0001", { sender: LEADER });
    expect(buttonLabels(leaderView)).toEqual(["验收销号", "退回整改", "挂牌督办", "修改"]);

    const returned = await askCard(h, "/隐患 退回 YH-2023-0001 接地电阻不达标，重新整改", { sender: LEADER });
    expect(cardText(returned)).toContain("状态：整改中");
    expect(cardText(returned)).toContain("验收人：张镇长");

    const answer = await h.click(await hazardButton(h, "hazard.rectified"), {
      operator: HEAD,
      formValue: { note: "已重新接地，检测合格" },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.toast).toEqual({ type: "success", content: "已报整改完成，等待验收。" });
    const answered = (answer.body.card as { type: string; data: Parameters<typeof cardText>[0] }).data;
    expect((answer.body.card as { type: string }).type).toBe("raw");
    expect(cardText(answered)).toContain("状态：待验收");

    const closed = await askCard(h, "/隐患 销号 YH-2023-0001 现场核查整改到位", { sender: ADMIN });
    expect(closed.header?.template).toBe("green");
    expect(cardText(closed)).toContain("状态：已销号");
    expect(cardText(closed)).toContain("销号时间：2023-07-01 10:00");
    expect(buttonLabels(closed)).toEqual([]);

    const final = await hazardRow(h, "YH-2023-0001");
    expect(final).toMatchObject({ status: "已销号", checkedBy: ADMIN, closedAt: NOW });
    const events = await eventsOf(h, "YH-2023-0001");
    expect(events.map((e) => [e.kind, e.actor, e.fromStatus, e.toStatus, e.note])).toEqual([
      ["created", CADRE, null, "待整改", null],
      ["progress", CADRE, "待整改", "整改中", "已采购 防雷设施 型号=ABC-1 “下周”安装"],
      ["rectified", HEAD, "整改中", "待验收", null],
      ["returned", LEADER, "待验收", "整改中", "接地电阻不达标，重新整改"],
      ["rectified", HEAD, "整改中", "待验收", "已重新接地，检测合格"],
      ["closed", ADMIN, "待验收", "已销号", "现场核查整改到位"],
    ]);
    expect(events.every((e) => e.at === NOW)).toBe(true);
    const audit = await auditOf(h, "YH-2023-0001");
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ["hazard.create", CADRE],
      ["hazard.progress", CADRE],
      ["hazard.rectified", HEAD],
      ["hazard.return", LEADER],
      ["hazard.rectified", HEAD],
      ["hazard.close", ADMIN],
    ]);
    expect(JSON.parse(audit[5]!.before!)).toEqual({ status: "待验收" });
    expect(JSON.parse(audit[5]!.after!)).toMatchObject({ status: "已销号", checkedBy: ADMIN, closedAt: NOW });

    // History on the card: every record, newest last, with who.
    const view = cardText(await askCard(h, "/隐患 查看 YH-2023-0001", { sender: ADMIN }));
    expect(view).toContain("记录（共 6 条记录）");
    expect(view).toContain("2023-07-01 10:00　张镇长　验收退回：接地电阻不达标，重新整改");
  });

  it("runs the same way from the card's buttons, each answered with the updated card", async () => {
    await ask(h, newHazardLine(), { sender: CADRE });
    const press = async (action: string, operator: string, note: string) => {
      const answer = await h.click(await hazardButton(h, action), { operator, formValue: { note } });
      const card = (answer.body.card as { data: Parameters<typeof cardText>[0] }).data;
      return { toast: answer.body.toast, text: cardText(card), buttons: buttonLabels(card) };
    };
    expect(await press("hazard.progress", CADRE, "已停用储罐")).toMatchObject({
      toast: { type: "success", content: "已记录整改进展。" },
      buttons: ["报进展", "整改完成", "修改"],
    });
    expect((await press("hazard.rectified", CADRE, "")).text).toContain("状态：待验收");
    const returned = await press("hazard.return", LEADER, "未检测");
    expect(returned.text).toContain("状态：整改中");
    expect(returned.buttons).toEqual(["挂牌督办", "修改"]);
    await press("hazard.rectified", HEAD, "已检测");
    const closed = await press("hazard.close", LEADER, "");
    expect(closed).toMatchObject({ toast: { type: "success", content: "已验收销号。" }, buttons: [] });
    expect(await hazardRow(h, "YH-2023-0001")).toMatchObject({
      status: "已销号",
      checkedBy: LEADER,
      closedAt: NOW,
    });
    expect((await eventsOf(h, "YH-2023-0001")).map((e) => [e.kind, e.actor, e.note])).toEqual([
      ["created", CADRE, null],
      ["progress", CADRE, "已停用储罐"],
      ["rectified", CADRE, null],
      ["returned", LEADER, "未检测"],
      ["rectified", HEAD, "已检测"],
      ["closed", LEADER, null],
    ]);
  });

  it("整改完成 may come straight from 待整改", async () => {
    await ask(h, newHazardLine(), { sender: CADRE });
    const card = await askCard(h, "/隐患 整改完成 YH-2023-0001 当场整改", { sender: CADRE });
    expect(cardText(card)).toContain("状态：待验收");
    expect((await eventsOf(h, "YH-2023-0001")).map((e) => e.kind)).toEqual(["created", "rectified"]);
  });

  it("a card shows at most the latest 10 records and says how many there are", async () => {
    await ask(h, newHazardLine(), { sender: CADRE });
    for (let i = 1; i <= 12; i++) await ask(h, `/隐患 进展 YH-2023-0001 第${i}次进展`, { sender: CADRE });
    const text = cardText(await askCard(h, "/隐患 查看 YH-2023-0001", { sender: CADRE }));
    expect(text).toContain("记录（共 13 条记录，显示最近 10 条）");
    expect(text).toContain("第12次进展");
    expect(text).toContain("第3次进展");
    expect(text).not.toContain("第2次进展");
  });
});

describe("督办 and its clock", () => {
  beforeEach(async () => {
    await ask(h, newHazardLine(), { sender: CADRE });
  });

  it("county supervision gives 30 days from its date, shown on the card", async () => {
    const card = await askCard(
      h,
      "/隐患 督办 YH-2023-0001 层级=县级 文号=「兴安委办〔2023〕12号」 日期=2023-06-25",
      { sender: LEADER },
    );
    expect((await hazardRow(h, "YH-2023-0001")).status).toBe("待整改");
    expect(await postingsOf(h, "YH-2023-0001")).toMatchObject([
      {
        level: "县级",
        doc: "兴安委办〔2023〕12号",
        postedOn: "2023-06-25",
        dueOn: "2023-07-25",
        postedBy: LEADER,
        postedAt: NOW,
        withdrawnAt: null,
      },
    ]);
    expect(cardText(card)).toContain(
      "督办：县级挂牌督办（兴安委办〔2023〕12号，2023-06-25），实质进展期限 2023-07-25：剩 24 天取得实质性进展",
    );
    const [, supervised] = await eventsOf(h, "YH-2023-0001");
    expect(supervised).toMatchObject({
      kind: "supervised",
      actor: LEADER,
      fromStatus: "待整改",
      toStatus: "待整改",
    });
    expect((await auditOf(h, "YH-2023-0001")).map((a) => a.action)).toEqual([
      "hazard.create",
      "hazard.supervise",
    ]);
  });

  it("city supervision gives 60 days; the date defaults to today", async () => {
    await ask(h, "/隐患 督办 YH-2023-0001 层级=市级 文号=赣市安办〔2023〕3号", { sender: ADMIN });
    expect(await postingsOf(h, "YH-2023-0001")).toMatchObject([
      { level: "市级", postedOn: "2023-07-01", dueOn: "2023-08-30" },
    ]);
  });

  it("township supervision follows the 镇级督办天数 setting, 15 by default", async () => {
    await ask(h, "/隐患 督办 YH-2023-0001 层级=镇级 文号=高安委〔2023〕1号", { sender: ADMIN });
    await putSetting(h.bot.deps.db, "镇级督办天数", "10", ADMIN);
    await ask(h, "/隐患 督办 YH-2023-0001 层级=镇级 文号=高安委〔2023〕2号", { sender: ADMIN });
    expect((await postingsOf(h, "YH-2023-0001")).map((p) => p.dueOn)).toEqual(["2023-07-16", "2023-07-11"]);
  });

  it("the card's 挂牌督办 form supervises too, its date from the date picker", async () => {
    const answer = await h.click(await hazardButton(h, "hazard.supervise"), {
      operator: LEADER,
      formValue: { sup_level: "市级", sup_doc: "赣市安办〔2023〕9号", sup_date: "2023-07-05 +0800" },
    });
    expect(answer.body.toast).toEqual({ type: "success", content: "已挂牌督办" });
    expect(await postingsOf(h, "YH-2023-0001")).toMatchObject([
      { level: "市级", postedOn: "2023-07-05", dueOn: "2023-09-03", postedBy: LEADER },
    ]);
  });

  it("the first 整改完成 after the posting meets the clock, late here", async () => {
    await ask(h, "/隐患 督办 YH-2023-0001 层级=县级 文号=X号 日期=2023-05-01", { sender: ADMIN });
    const before = cardText(await askCard(h, "/隐患 查看 YH-2023-0001", { sender: ADMIN }));
    expect(before).toContain("实质进展期限 2023-05-31：逾期 31 天未取得实质性进展");
    await ask(h, "/隐患 整改完成 YH-2023-0001", { sender: CADRE });
    const after = cardText(await askCard(h, "/隐患 查看 YH-2023-0001", { sender: ADMIN }));
    expect(after).toContain("实质进展期限 2023-05-31：已于 2023-07-01 取得实质性进展（逾期 31 天）");
    expect((await hazardRow(h, "YH-2023-0001")).progressMetOn).toBe("2023-07-01");
  });
});

describe("deadlines", () => {
  it("a deadline in the past is accepted with a warning and the hazard is overdue at once", async () => {
    const card = await askCard(h, newHazardLine().replace("期限=7月31日", "期限=2023-06-28"), {
      sender: CADRE,
    });
    const text = cardText(card);
    expect(text).toContain("期限 2023-06-28 已经过去，登记后即为超期。");
    expect(text).toContain("状态：待整改（超期）");
    expect(text).toContain("整改期限：2023-06-28（已超期 3 天）");
    expect(card.header?.template).toBe("red");
    expect((await hazardRow(h, "YH-2023-0001")).deadline).toBe("2023-06-28");
  });

  it("a deadline today says so", async () => {
    const card = await askCard(h, newHazardLine().replace("期限=7月31日", "期限=2023/7/1"), {
      sender: CADRE,
    });
    expect(cardText(card)).toContain("整改期限：2023-07-01（今天到期）");
  });
});
