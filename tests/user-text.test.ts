// User text never travels in a text message (which honours `<at user_id="all">`, has no escape, and whose URLs
// clients turn into links): 退回 and 销号 notes, 文号 and free-text enterprise names reach people in cards only,
// escaped; a text message carries only the bot's own words.
import { afterEach, beforeEach, expect, it } from "vitest";
import type { DeliveredMessage } from "./support/fake-open-api";
import type { Harness } from "./support/harness";
import { addEnterprise, ask, bind, newHazardLine, startLedger } from "./support/ledger";

const CADRE = "ou_cadre0000000000000000000000001";
const LEADER = "ou_leader000000000000000000000001";
const HEAD = "ou_head00000000000000000000000001";
const HOSTILE = '<at user_id="all"></at> http://evil.example/x';

let h: Harness;

beforeEach(async () => {
  h = await startLedger();
  const enterpriseId = await addEnterprise(h, "东风加油站", "应急办", 5, "王加油");
  await bind(h, CADRE, "干部", { name: "李干部", unit: "应急办" });
  await bind(h, LEADER, "领导", { name: "张镇长" });
  await bind(h, HEAD, "企业负责人", { name: "王加油", enterpriseId });
});

afterEach(async () => {
  await h.close();
});

/** Every message the bot sent: none is a text message carrying the hostile text; the cards escape it. */
function checkNoUserTextInTexts(messages: DeliveredMessage[], needle: string) {
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    const raw = JSON.stringify(m.content);
    if (m.msg_type === "text") expect(raw).not.toContain(needle);
    else expect(raw).not.toContain("<at user_id");
  }
}

it("退回 and 销号 notes reach the 干部 and the head in cards only", async () => {
  await ask(h, newHazardLine(), { sender: CADRE });
  await ask(h, "/隐患 整改完成 YH-2023-0001", { sender: CADRE });
  const returned = await ask(h, `/隐患 退回 YH-2023-0001 ${HOSTILE}`, { sender: LEADER });
  checkNoUserTextInTexts(returned, "evil.example");
  expect(returned.filter((m) => m.kind === "create").length).toBeGreaterThanOrEqual(2);
  await ask(h, "/隐患 整改完成 YH-2023-0001", { sender: CADRE });
  const closed = await ask(h, `/隐患 销号 YH-2023-0001 ${HOSTILE}`, { sender: LEADER });
  checkNoUserTextInTexts(closed, "evil.example");
  expect(closed.some((m) => m.kind === "create" && m.receive_id === HEAD)).toBe(true);
});

it("a 文号 and a free-text enterprise name reach the 干部 in a card only", async () => {
  await ask(h, newHazardLine({ enterprise: "「http://evil.example/厂」" }), { sender: CADRE });
  const supervised = await ask(
    h,
    "/隐患 督办 YH-2023-0001 层级=县级 文号=「http://evil.example/文」 日期=2023-06-25",
    { sender: LEADER },
  );
  checkNoUserTextInTexts(supervised, "evil.example");
  expect(supervised.some((m) => m.kind === "create")).toBe(true);
});
