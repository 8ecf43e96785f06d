// Who hears of a hazard's later moves: 整改完成 reaches the checkers in the dispatch group, 退回 and 督办 the unit's
// bound 干部 (@mentioned) and the enterprise's bound head (privately), 销号 the head; typed and pressed alike,
// nobody unbound or elsewhere, and a notice Feishu refuses never undoes or hides the move.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { hazards } from "../db/schema";
import { putSetting } from "../src/store/settings";
import { GROUP_CHAT } from "./support/events";
import type { DeliveredMessage } from "./support/fake-open-api";
import { ADMIN, type Harness } from "./support/harness";
import {
  addEnterprise,
  ask as askLedger,
  bind,
  bindSectorLeader,
  buttonLabels,
  cardText,
  hazardButton,
  hazardRow,
  newHazardLine,
  startLedger,
  titleOf,
} from "./support/ledger";

const CADRE = "ou_cadre0000000000000000000000001";
const CADRE_2 = "ou_cadre0000000000000000000000002";
const OTHER_CADRE = "ou_cadre0000000000000000000000009";
const LEADER = "ou_leader000000000000000000000001";
const HEAD = "ou_head00000000000000000000000001";
const OTHER_HEAD = "ou_head00000000000000000000000009";
const DISPATCH = "oc_dispatch_group_0001";
const HEAD_P2P = "oc_p2p_head_0001";
const NUMBER = "YH-2023-0001";
const SUPERVISE_LINE = `/隐患 督办 ${NUMBER} 层级=县级 文号=「兴安委办〔2023〕12号」 日期=2023-06-25`;
/** The unit's 干部 as a notice card @mentions them (rendered as text). */
const CADRE_MENTIONS = `@${CADRE} @${CADRE_2}`;
/** Only /messages (a new message): replies go to /messages/:id/reply and still succeed. */
const NEW_MESSAGES = /^\/open-apis\/im\/v1\/messages$/;

let h: Harness;

beforeEach(async () => {
  h = await startLedger();
  const enterpriseId = await addEnterprise(h, "东风加油站", "应急办", 5, "王加油");
  const otherId = await addEnterprise(h, "西岭石场", "消防站", 4, "钱石场");
  await bind(h, CADRE, "干部", { name: "李干部", unit: "应急办" });
  await bind(h, CADRE_2, "干部", { name: "赵干部", unit: "应急办" });
  await bind(h, OTHER_CADRE, "干部", { name: "孙干部", unit: "消防站" });
  await bind(h, LEADER, "领导", { name: "张镇长" });
  await bindSectorLeader(h, 5, LEADER);
  await bind(h, HEAD, "企业负责人", { name: "王加油", enterpriseId });
  await bind(h, OTHER_HEAD, "企业负责人", { name: "钱石场", enterpriseId: otherId });
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

/** Where each message went: [kind, receive_id_type, receive_id, msg_type]. */
/** What a typed command sent: new messages and replies (an older card losing its buttons is a patch, not news). */
async function ask(...args: Parameters<typeof askLedger>): Promise<DeliveredMessage[]> {
  return (await askLedger(...args)).filter((m) => m.kind !== "patch");
}

function routes(messages: DeliveredMessage[]) {
  return messages.map((m) => [m.kind, m.receive_id_type ?? null, m.receive_id ?? null, m.msg_type]);
}

/** A notice card's text: user text goes into cards only, never into a text message. */
function noticeOf(m: DeliveredMessage | undefined): string {
  return cardText(cardOf(m));
}

function cardOf(m: DeliveredMessage | undefined): Card {
  if (m?.msg_type !== "interactive") throw new Error(`not a card: ${JSON.stringify(m)}`);
  return m.content as Card;
}

/** A hazard logged by CADRE in the group, for 东风加油站 (or an unregistered project). */
async function logged(enterprise = "东风加油站"): Promise<void> {
  await ask(h, newHazardLine({ enterprise }), { sender: CADRE });
}

async function rectified(): Promise<void> {
  await ask(h, `/隐患 整改完成 ${NUMBER}`, { sender: CADRE });
}

/** A card press and everything sent after its answer. */
async function press(action: string, operator: string, formValue: Record<string, unknown>, chatId?: string) {
  const before = h.fake.messages.length;
  const answer = await h.click(await hazardButton(h, action, NUMBER), {
    operator,
    formValue,
    ...(chatId ? { chatId } : {}),
  });
  await h.settle();
  return { answer, messages: h.fake.messages.slice(before).filter((m) => m.kind !== "patch") };
}

describe("整改完成: the checkers hear that it awaits their check", () => {
  beforeEach(() => logged());

  it("posts the hazard's card, without buttons, to the dispatch group when typed elsewhere", async () => {
    await putSetting(h.bot.deps.db, "调度群", DISPATCH, ADMIN);
    const messages = await ask(h, `/隐患 整改完成 ${NUMBER} 已加装防雷接地 <b>`, { sender: HEAD });
    expect(routes(messages)).toEqual([
      ["reply", null, null, "interactive"],
      ["create", "chat_id", DISPATCH, "interactive"],
    ]);
    const card = cardOf(messages[1]);
    expect(titleOf(card)).toBe(`隐患 ${NUMBER}`);
    const text = cardText(card);
    expect(text).toContain(
      [
        `${NUMBER} 已整改完成，待验收（报告人 王加油）。`,
        "说明：已加装防雷接地 <b>",
        `请验收人现场核查后发送 /隐患 销号 ${NUMBER} [意见] 或 /隐患 退回 ${NUMBER} <意见>；/隐患 查看 ${NUMBER} 可取得带按钮的卡片。`,
      ].join("\n"),
    );
    expect(text).toContain("状态：待验收");
    expect(buttonLabels(card)).toEqual([]);
    // User text in card markdown is escaped: the raw markdown holds no live tag.
    expect(JSON.stringify(card)).not.toContain("<b>");
    // The group's post is not the hazard's card: a photo replying to the original still reaches the hazard.
    expect((await hazardRow(h, NUMBER)).cardMessageId).not.toBe(messages[1]!.message_id);
  });

  it("typed in the dispatch group itself, the reply is the notice: nothing more is posted", async () => {
    await putSetting(h.bot.deps.db, "调度群", DISPATCH, ADMIN);
    const messages = await ask(h, `/隐患 整改完成 ${NUMBER}`, { sender: HEAD, chatId: DISPATCH });
    expect(routes(messages)).toEqual([["reply", null, null, "interactive"]]);
    expect(cardText(cardOf(messages[0]))).toContain("状态：待验收");
  });

  it("with no dispatch group, goes to the hazard's chat, unless it was typed there", async () => {
    const there = await ask(h, `/隐患 整改完成 ${NUMBER}`, { sender: CADRE });
    expect(routes(there)).toEqual([["reply", null, null, "interactive"]]);

    await ask(h, `/隐患 退回 ${NUMBER} 未检测`, { sender: LEADER });
    const elsewhere = await ask(h, `/隐患 整改完成 ${NUMBER} 已检测`, {
      sender: HEAD,
      chatType: "p2p",
      chatId: HEAD_P2P,
    });
    expect(routes(elsewhere)).toEqual([
      ["reply", null, null, "interactive"],
      ["create", "chat_id", GROUP_CHAT, "interactive"],
    ]);
    expect(cardText(cardOf(elsewhere[1]))).toContain(
      `${NUMBER} 已整改完成，待验收（报告人 王加油）。\n说明：已检测`,
    );
  });

  it("pressed on the card, the answer comes first and the group hears after it", async () => {
    await putSetting(h.bot.deps.db, "调度群", DISPATCH, ADMIN);
    const { answer, messages } = await press("hazard.rectified", HEAD, { note: "" }, HEAD_P2P);
    expect(answer.body.toast).toEqual({ type: "success", content: "已报整改完成，等待验收。" });
    expect(routes(messages)).toEqual([["create", "chat_id", DISPATCH, "interactive"]]);
    const text = cardText(cardOf(messages[0]));
    expect(text).toContain(`${NUMBER} 已整改完成，待验收（报告人 王加油）。\n请验收人现场核查`);
    expect(text).not.toContain("说明：");
  });

  it("pressed in the dispatch group, it is still posted: an updated card tells nobody", async () => {
    await putSetting(h.bot.deps.db, "调度群", DISPATCH, ADMIN);
    const { messages } = await press("hazard.rectified", CADRE, { note: "当场整改" }, DISPATCH);
    expect(routes(messages)).toEqual([["create", "chat_id", DISPATCH, "interactive"]]);
  });
});

describe("退回: the unit's 干部 and the enterprise head hear, with the reason", () => {
  beforeEach(async () => {
    await logged();
    await rectified();
  });

  const cadreText = (reason: string) =>
    `${CADRE_MENTIONS}\n隐患 ${NUMBER}（东风加油站）验收未通过，已退回整改（退回人 张镇长）。\n退回意见：${reason}\n请督促整改后再报整改完成。`;

  it("typed: the 干部 @mentioned in the hazard's chat, the head privately with their card", async () => {
    const messages = await ask(h, `/隐患 退回 ${NUMBER} 接地电阻不达标，重新整改`, { sender: LEADER });
    expect(routes(messages)).toEqual([
      ["reply", null, null, "interactive"],
      ["create", "chat_id", GROUP_CHAT, "interactive"],
      ["create", "open_id", HEAD, "interactive"],
    ]);
    expect(noticeOf(messages[1])).toContain(cadreText("接地电阻不达标，重新整改"));
    const card = cardOf(messages[2]);
    expect(titleOf(card)).toBe(`隐患 ${NUMBER}`);
    expect(cardText(card)).toContain(
      [
        `你的企业「东风加油站」的隐患 ${NUMBER} 验收未通过，已退回整改（退回人 张镇长）。`,
        "退回意见：接地电阻不达标，重新整改",
        "请整改到位后点「整改完成」再报验收。",
      ].join("\n"),
    );
    expect(cardText(card)).toContain("状态：整改中");
    expect(buttonLabels(card)).toEqual(["报进展", "整改完成"]);
  });

  it("pressed on the card: the same two notices after the answer", async () => {
    const { answer, messages } = await press("hazard.return", LEADER, { note: "未检测" });
    expect(answer.body.toast).toEqual({ type: "success", content: "已退回整改。" });
    expect(routes(messages)).toEqual([
      ["create", "chat_id", GROUP_CHAT, "interactive"],
      ["create", "open_id", HEAD, "interactive"],
    ]);
    expect(noticeOf(messages[0])).toContain(cadreText("未检测"));
  });

  it("a reason cannot forge a mention: angle brackets are shown, not read", async () => {
    const messages = await ask(h, `/隐患 退回 ${NUMBER} <at user_id="all"></at> 重做`, { sender: LEADER });
    expect(noticeOf(messages[1])).toContain(cadreText('<at user_id="all"></at> 重做'));
    expect(JSON.stringify(messages[1]!.content)).not.toContain("<at user_id");
    expect(JSON.stringify(cardOf(messages[2]))).not.toContain("<at user_id");
    expect(cardText(cardOf(messages[2]))).toContain('退回意见：<at user_id="all"></at> 重做');
  });

  it("a dispatch group set does not take the 干部 text away from the hazard's own chat", async () => {
    await putSetting(h.bot.deps.db, "调度群", DISPATCH, ADMIN);
    const messages = await ask(h, `/隐患 退回 ${NUMBER} 未检测`, { sender: LEADER, chatId: DISPATCH });
    expect(routes(messages)).toEqual([
      ["reply", null, null, "interactive"],
      ["create", "chat_id", GROUP_CHAT, "interactive"],
      ["create", "open_id", HEAD, "interactive"],
    ]);
  });

  it("a hazard with no chat of its own: the 干部 text goes to the dispatch group, or nowhere", async () => {
    await h.bot.deps.db.update(hazards).set({ chatId: null }).where(eq(hazards.number, NUMBER));
    const nowhere = await ask(h, `/隐患 退回 ${NUMBER} 未检测`, { sender: LEADER });
    expect(routes(nowhere)).toEqual([
      ["reply", null, null, "interactive"],
      ["create", "open_id", HEAD, "interactive"],
    ]);
    await rectified();
    await putSetting(h.bot.deps.db, "调度群", DISPATCH, ADMIN);
    // (each typed reply becomes the hazard's card again, with its chat: forget it once more)
    await h.bot.deps.db.update(hazards).set({ chatId: null }).where(eq(hazards.number, NUMBER));
    const dispatched = await ask(h, `/隐患 退回 ${NUMBER} 仍未检测`, { sender: LEADER });
    expect(routes(dispatched)).toEqual([
      ["reply", null, null, "interactive"],
      ["create", "chat_id", DISPATCH, "interactive"],
      ["create", "open_id", HEAD, "interactive"],
    ]);
    expect(noticeOf(dispatched[1])).toContain(cadreText("仍未检测"));
  });
});

describe("销号: the enterprise head gets the closed card", () => {
  beforeEach(async () => {
    await logged();
    await rectified();
  });

  it("typed, with the checker's name and opinion", async () => {
    const messages = await ask(h, `/隐患 销号 ${NUMBER} 现场核查整改到位`, { sender: LEADER });
    expect(routes(messages)).toEqual([
      ["reply", null, null, "interactive"],
      ["create", "open_id", HEAD, "interactive"],
    ]);
    expect(noticeOf(messages[1])).toContain(
      `${NUMBER} 已验收销号（验收人 张镇长）。\n意见：现场核查整改到位`,
    );
  });

  it("pressed by an admin from ADMIN_OPEN_IDS: named as Feishu knows them, else by role", async () => {
    h.fake.addUser(ADMIN, "陈主任");
    const { answer, messages } = await press("hazard.close", ADMIN, { note: "" });
    expect(answer.body.toast).toEqual({ type: "success", content: "已验收销号。" });
    expect(routes(messages)).toEqual([["create", "open_id", HEAD, "interactive"]]);
    expect(noticeOf(messages[0])).toContain(`${NUMBER} 已验收销号（验收人 陈主任）。`);
  });

  it("an admin Feishu will not name is named by role", async () => {
    const messages = await ask(h, `/隐患 销号 ${NUMBER}`, { sender: ADMIN });
    expect(noticeOf(messages[1])).toContain(`${NUMBER} 已验收销号（验收人 管理员）。`);
  });
});

describe("督办: the unit's 干部 and the head hear the level and the due date", () => {
  beforeEach(() => logged());

  const cadreText = `${CADRE_MENTIONS}\n隐患 ${NUMBER}（东风加油站）已县级挂牌督办（兴安委办〔2023〕12号，2023-06-25），实质进展期限 2023-07-25，请按期取得实质进展并报进展。`;

  it("typed", async () => {
    const messages = await ask(h, SUPERVISE_LINE, { sender: LEADER });
    expect(routes(messages)).toEqual([
      ["reply", null, null, "interactive"],
      ["create", "chat_id", GROUP_CHAT, "interactive"],
      ["create", "open_id", HEAD, "interactive"],
    ]);
    expect(noticeOf(messages[1])).toContain(cadreText);
    const card = cardOf(messages[2]);
    expect(cardText(card)).toContain(
      `你的企业「东风加油站」的隐患 ${NUMBER} 已县级挂牌督办（兴安委办〔2023〕12号，2023-06-25），实质进展期限 2023-07-25。\n请在期限前取得实质进展，并用「报进展」反馈。`,
    );
    expect(buttonLabels(card)).toEqual(["报进展", "整改完成"]);
  });

  it("pressed on the card's 挂牌督办 form", async () => {
    const { answer, messages } = await press("hazard.supervise", LEADER, {
      sup_level: "市级",
      sup_doc: "赣市安办〔2023〕9号",
      sup_date: "2023-07-05 +0800",
    });
    expect(answer.body.toast).toEqual({ type: "success", content: "已挂牌督办" });
    expect(routes(messages)).toEqual([
      ["create", "chat_id", GROUP_CHAT, "interactive"],
      ["create", "open_id", HEAD, "interactive"],
    ]);
    expect(noticeOf(messages[0])).toContain(
      `${CADRE_MENTIONS}\n隐患 ${NUMBER}（东风加油站）已市级挂牌督办（赣市安办〔2023〕9号，2023-07-05），实质进展期限 2023-09-03，请按期取得实质进展并报进展。`,
    );
  });
});

describe("nobody else hears", () => {
  it("进展 tells nobody; other units' 干部, other heads and leaders are never told", async () => {
    await logged();
    // a new 重大 hazard @mentions the sector's 责任领导 (tests/hazard-notify.test.ts); the moves after it never do
    const afterLogging = h.fake.messages.length;
    const progress = await ask(h, `/隐患 进展 ${NUMBER} 已采购设备`, { sender: CADRE });
    expect(routes(progress)).toEqual([["reply", null, null, "interactive"]]);
    await ask(h, SUPERVISE_LINE, { sender: LEADER });
    await rectified();
    await ask(h, `/隐患 退回 ${NUMBER} 未检测`, { sender: LEADER });
    await rectified();
    await ask(h, `/隐患 销号 ${NUMBER}`, { sender: LEADER });
    const everything = JSON.stringify(h.fake.messages);
    for (const outsider of [OTHER_CADRE, OTHER_HEAD, ADMIN]) expect(everything).not.toContain(outsider);
    // (a patch greys out the creation card, its mentions kept as they were: that is not news)
    const later = h.fake.messages.slice(afterLogging).filter((m) => m.kind !== "patch");
    expect(JSON.stringify(later)).not.toContain(LEADER);
    const privately = h.fake.messages.filter((m) => m.receive_id_type === "open_id").map((m) => m.receive_id);
    // creation, 督办, 退回, 销号: the head four times, nobody else.
    expect(privately).toEqual([HEAD, HEAD, HEAD, HEAD]);
  });

  it("an unregistered project in a unit with no bound 干部: 退回, 督办 and 销号 send nothing but the answer", async () => {
    await ask(h, newHazardLine({ unit: "卫生院", enterprise: "某自建房" }), { sender: ADMIN });
    await ask(h, `/隐患 整改完成 ${NUMBER}`, { sender: ADMIN });
    for (const line of [`/隐患 退回 ${NUMBER} 未到位`, SUPERVISE_LINE]) {
      expect(routes(await ask(h, line, { sender: LEADER }))).toEqual([["reply", null, null, "interactive"]]);
    }
    await ask(h, `/隐患 整改完成 ${NUMBER}`, { sender: ADMIN });
    expect(routes(await ask(h, `/隐患 销号 ${NUMBER}`, { sender: LEADER }))).toEqual([
      ["reply", null, null, "interactive"],
    ]);
  });
});

describe("a notice Feishu refuses never undoes the move", () => {
  const refusal = {
    status: 400,
    code: 230002,
    msg: "Bot/User can NOT be out of the chat.",
    match: NEW_MESSAGES,
  };

  it("typed 退回: the move is done and answered, the head still hears, the failure is logged", async () => {
    await logged();
    await rectified();
    h.fake.failNext(1, refusal);
    const messages = await ask(h, `/隐患 退回 ${NUMBER} 未检测`, { sender: LEADER });
    expect(routes(messages)).toEqual([
      ["reply", null, null, "interactive"],
      ["create", "open_id", HEAD, "interactive"],
    ]);
    expect(cardText(cardOf(messages[0]))).toContain("已退回整改。（张镇长）");
    expect(await hazardRow(h, NUMBER)).toMatchObject({ status: "整改中", checkedBy: LEADER });
    expect(h.logs.filter((l) => l.includes("hazard notice not delivered"))).toHaveLength(1);
    expect(h.logs.find((l) => l.includes("hazard notice not delivered"))).toContain(
      `hazard=${NUMBER} move=return to=chat`,
    );
  });

  it("pressed 整改完成: the answer is the success, the group post fails quietly", async () => {
    await logged();
    await putSetting(h.bot.deps.db, "调度群", DISPATCH, ADMIN);
    h.fake.failNext(1, refusal);
    const { answer, messages } = await press("hazard.rectified", HEAD, { note: "已整改" });
    expect(answer.status).toBe(200);
    expect(answer.body.toast).toEqual({ type: "success", content: "已报整改完成，等待验收。" });
    expect(cardText((answer.body.card as { data: Card }).data)).toContain("状态：待验收");
    expect(messages).toEqual([]);
    expect((await hazardRow(h, NUMBER)).status).toBe("待验收");
    expect(
      h.logs.some((l) => l.includes("hazard notice not delivered") && l.includes("move=rectified")),
    ).toBe(true);
  });

  it("typed 销号: the head's text refused, the hazard is closed and the reply says so", async () => {
    await logged();
    await rectified();
    h.fake.failNext(1, refusal);
    const messages = await ask(h, `/隐患 销号 ${NUMBER}`, { sender: LEADER });
    expect(routes(messages)).toEqual([["reply", null, null, "interactive"]]);
    expect(cardText(cardOf(messages[0]))).toContain("状态：已销号");
    expect((await hazardRow(h, NUMBER)).status).toBe("已销号");
  });
});
