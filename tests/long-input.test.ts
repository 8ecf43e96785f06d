// What an over-long value does: any member, bound or not, can send 150,000 characters. Every value is bounded
// where it is read, before any lookup or closest-name suggestion works on it; the refusal says what was too
// long and quotes only an excerpt, so the answer stays a card (not the "内容太多" fallback); nothing is written.
import { afterEach, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { bindRequests } from "../db/schema";
import type { DeliveredMessage } from "./support/fake-open-api";
import { ADMIN, type Harness } from "./support/harness";
import { ask, cardText, ledger, NOW, startLedger } from "./support/ledger";

let h: Harness;

afterEach(async () => {
  await h.close();
});

const STRANGER = "ou_stranger0000000000000000000001";

function replyCard(messages: DeliveredMessage[]): Card {
  const reply = messages.find((m) => m.kind === "reply");
  expect(reply?.msg_type, JSON.stringify(reply?.content).slice(0, 200)).toBe("interactive");
  return reply!.content as Card;
}

/** No run of the same character longer than an excerpt: the value was not echoed whole. */
function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

it("five 150,000-character 单位= values from an unbound member are refused by length, while /帮助 and a button are still answered", async () => {
  h = await startLedger();
  const long = "镇".repeat(150_000);
  const before = await ledger(h);
  const sent = [
    ...Array.from({ length: 5 }, (_, i) =>
      h.say(`/绑定 角色=干部 单位=${long}`, { sender: STRANGER, createTime: NOW, messageId: `om_long_${i}` }),
    ),
    h.say("/帮助", { createTime: NOW, messageId: "om_help_during" }),
  ];
  const button = h.click({ action: "no.such.action" });
  const answers = await Promise.all(sent);
  expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
  expect((await button).body).toHaveProperty("toast");
  await h.settle();

  const replies = h.fake.messages.filter((m) => m.kind === "reply");
  expect(replies).toHaveLength(6);
  for (let i = 0; i < 5; i++) {
    const card = replyCard(replies.filter((m) => m.reply_to === `om_long_${i}`));
    const text = cardText(card);
    expect(text).toContain("太长了");
    expect(text).toContain("这条命令有 150013 字，太长了：一条命令最多 5000 字");
    expect(longestRun(JSON.stringify(card), "镇")).toBeLessThanOrEqual(20);
  }
  expect(cardText(replyCard(replies.filter((m) => m.reply_to === "om_help_during")))).toContain("/隐患");
  expect(await ledger(h)).toEqual(before);
  expect(await h.bot.deps.db.select().from(bindRequests)).toEqual([]);
});

it("an over-long 企业= is refused before it is looked up against the registry", async () => {
  h = await startLedger();
  const card = replyCard(
    await ask(h, `/绑定 角色=企业负责人 企业=${"厂".repeat(4000)}`, { sender: STRANGER }),
  );
  expect(cardText(card)).toContain("「企业」的值有 4000 字，太长了：一个值最多 2000 字");
  expect(await h.bot.deps.db.select().from(bindRequests)).toEqual([]);
});

it("a value just over the bound is refused by name; one at the bound is read (and refused only as unknown)", async () => {
  h = await startLedger();
  const over = replyCard(await ask(h, `/单位 新增 名称=${"村".repeat(2001)} 类型=村居`, { sender: ADMIN }));
  expect(cardText(over)).toContain("「名称」的值有 2001 字，太长了：一个值最多 2000 字");
  const unknown = replyCard(await ask(h, `/隐患 列表 单位=${"村".repeat(2000)}`, { sender: ADMIN }));
  expect(cardText(unknown)).toContain("没有名为「");
  expect(longestRun(JSON.stringify(unknown), "村")).toBeLessThanOrEqual(20);
});

it("an over-long echo stays a card: what was typed is quoted by a short excerpt, never whole", async () => {
  h = await startLedger();
  const before = await ledger(h);
  // 12,000 characters: echoed whole, the card passed Feishu's 30 KB and fell back to a text about narrowing.
  for (const word of ["坏".repeat(12_000), "坏".repeat(1_900)]) {
    const messages = await ask(h, `/绑定 角色=干部 单位=应急办 ${word}`, { sender: STRANGER });
    const card = replyCard(messages);
    expect(messages.some((m) => m.msg_type === "text")).toBe(false);
    expect(longestRun(JSON.stringify(card), "坏")).toBeLessThanOrEqual(20);
  }
  for (const line of [
    `/隐患 列表 ${"坏".repeat(1_900)}`,
    `/隐患 新增 ${"坏".repeat(1_900)}=1`,
    `/设置 ${"坏".repeat(1_900)}`,
  ]) {
    const card = replyCard(await ask(h, line));
    expect(longestRun(JSON.stringify(card), "坏")).toBeLessThanOrEqual(20);
  }
  expect(await ledger(h)).toEqual(before);
});

it("a 150,000-character line of free text (进展) is refused by its length, not cut", async () => {
  h = await startLedger();
  const card = replyCard(await ask(h, `/隐患 进展 YH-2023-0001 ${"修 ".repeat(75_000)}`));
  expect(cardText(card)).toContain("字，太长了：一条命令最多 5000 字");
});
