// The one permission table, walked whole: every action against an explicit matrix, then every registered
// command, subcommand and card button driven through the real door once per role, refused exactly where
// the table says so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RenderedButton, renderCardText } from "../cards/text";
import type { Card } from "../cards/types";
import { commands } from "../commands";
import { pendingUploads } from "../db/schema";
import { type Action, can, PERMISSIONS, ROLES, type RoleOrUnbound } from "../src/domain/permissions";
import { encryptedDelivery, messageEnvelope } from "./support/events";
import { addEnterprise, bindAs, replyOf, textOf, titleOf } from "./support/exchange";
import { type Harness, startHarness } from "./support/harness";

const ALL_ROLES: RoleOrUnbound[] = [...ROLES, "未绑定"];
const A = "管理员";
const L = "领导";
const C = "干部";
const E = "企业负责人";
const U = "未绑定";

/** Who may do what, written out by hand: a change to the table must be a change here too. */
const EXPECTED: Record<string, RoleOrUnbound[]> = {
  "help.view": [A, L, C, E, U],
  "member.request": [A, L, C, E, U],
  "member.bind": [A],
  "member.unbind": [A],
  "member.list": [A, L],
  "member.approve": [A],
  "member.self": [A, L, C, E],
  "unit.list": [A, L, C, E],
  "unit.create": [A],
  "unit.edit": [A],
  "unit.retire": [A],
  "unit.delete": [A],
  "enterprise.view": [A, L, C, E],
  "enterprise.create": [A],
  "enterprise.edit": [A],
  "enterprise.retire": [A],
  "enterprise.import": [A],
  "hazard.create": [A, L, C],
  "hazard.view": [A, L, C, E],
  "hazard.progress": [A, C, E],
  "hazard.rectified": [A, C, E],
  "hazard.close": [A, L],
  "hazard.return": [A, L],
  "hazard.supervise": [A, L],
  "hazard.supervise.confirm": [A],
  "hazard.supervise.withdraw": [A],
  "hazard.progress_met": [A, L],
  "hazard.edit": [A, L, C],
  "hazard.withdraw": [A, C],
  "hazard.restore": [A],
  "reminder.status": [A, L, C, E],
  "reminder.pause": [A],
  "reminder.ack": [A, L, C, E],
  "ranking.view": [A, L, C, E],
  "ledger.view": [A, L, C, E],
  "ledger.export": [A, L, C],
  "ledger.confirm": [A, C],
  "form4.view": [A, L, C],
  "form4.file": [A, C],
  "case.create": [A, C],
  "case.list": [A, L, C],
  "case.edit": [A, C],
  "case.delete": [A, C],
  "settings.view": [A],
  "settings.change": [A],
};

describe("the table", () => {
  it("has an expectation for every action, and no expectation for an action it lacks", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases = Object.keys(PERMISSIONS).flatMap((action) =>
    ALL_ROLES.map((role) => [action, role, EXPECTED[action]?.includes(role) ?? false] as const),
  );
  it.each(cases)("%s for %s: %s", (action, role, allowed) => {
    expect(can(role, action as Action)).toBe(allowed);
  });
});

// One bot for the walk; each role is set up directly with the store functions.
const PEOPLE: Record<RoleOrUnbound, string> = {
  管理员: "ou_perm_admin0000000000000000001",
  领导: "ou_perm_leader000000000000000002",
  干部: "ou_perm_cadre0000000000000000003",
  企业负责人: "ou_perm_head00000000000000000004",
  未绑定: "ou_perm_nobody000000000000000005",
};
const REFUSED_TITLES = new Set(["没有权限", "请先绑定身份"]);
const REFUSED_TOAST = /^(请先绑定身份再操作|你的角色（.+）不能做这个操作)$/;

let h: Harness;
let hazardNumber = "";
let serial = 0;
const next = () => {
  serial += 1;
  return serial;
};
// Each request in its own chat: Feishu's 5-per-second limit per chat would otherwise pace the walk.
const nextChat = () => `oc_perm_${next()}`;

beforeAll(async () => {
  h = await startHarness();
  const shop = await addEnterprise(h, "权限测试烟花店");
  await bindAs(h, PEOPLE.管理员, "管理员");
  await bindAs(h, PEOPLE.领导, "领导");
  await bindAs(h, PEOPLE.干部, "干部", { unit: "应急办" });
  await bindAs(h, PEOPLE.企业负责人, "企业负责人", { enterpriseId: shop.id });
  // One hazard under a 市级 posting: a lower posting over it needs an admin's 确认=是.
  const logged = await replyOf(
    h,
    "/隐患 新增 单位=应急办 企业=权限测试烟花店 领域=烟花爆竹 描述=测试 措施=测试 期限=2099-12-31",
    { sender: PEOPLE.管理员, chatId: nextChat() },
  );
  hazardNumber = logged.title.replace("隐患 ", "");
  expect(hazardNumber).toMatch(/^YH-\d{4}-0001$/);
  const posted = await replyOf(h, `/隐患 督办 ${hazardNumber} 层级=市级 文号=市级1号`, {
    sender: PEOPLE.管理员,
    chatId: nextChat(),
  });
  expect(posted.title).toBe(logged.title);
});

afterAll(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

async function refusedFor(
  role: RoleOrUnbound,
  line: string,
  mentions: { openId: string; name: string }[] = [],
) {
  const r = await replyOf(h, line, { sender: PEOPLE[role], chatId: nextChat(), mentions });
  if (!r.message) throw new Error(`no reply to ${line}`);
  return REFUSED_TITLES.has(r.title);
}

describe("every registered subcommand, for every role", () => {
  const cases = commands.flatMap((command) =>
    command.subcommands.flatMap((sub) =>
      ALL_ROLES.map((role) => [`/${command.name} ${sub.name}`.trim(), sub.action, role] as const),
    ),
  );
  it.each(cases)("%s (%s) as %s", async (line, action, role) => {
    expect(await refusedFor(role, line)).toBe(!can(role, action));
  });
});

describe("forms whose permission is checked inside the command", () => {
  const target = { openId: "ou_perm_target00000000000000006", name: "某人" };
  it.each(ALL_ROLES)("/绑定 @某人 (member.bind) as %s", async (role) => {
    expect(await refusedFor(role, "/绑定 @某人 角色=干部", [target])).toBe(!can(role, "member.bind"));
  });
  it.each(ALL_ROLES)(
    "/隐患 督办 … 确认=是 under a higher posting (hazard.supervise.confirm) as %s",
    async (role) => {
      const line = `/隐患 督办 ${hazardNumber} 层级=镇级 文号=确认${next()}号 确认=是`;
      expect(await refusedFor(role, line)).toBe(!can(role, "hazard.supervise.confirm"));
    },
  );
  it.each(ALL_ROLES)("/设置 名称=值 (settings.change) as %s", async (role) => {
    expect(await refusedFor(role, "/设置 镇级督办天数=abc")).toBe(!can(role, "settings.change"));
  });
});

describe("every card button, for every role", () => {
  const cases = commands.flatMap((command) =>
    (command.cardActions ?? []).flatMap((action) =>
      ALL_ROLES.map((role) => [action.name, action.permission, role] as const),
    ),
  );
  it("covers the buttons of issue 3", () => {
    expect(cases.map(([name]) => name)).toEqual(expect.arrayContaining(["member.approve", "member.reject"]));
  });
  it.each(cases)("%s (%s) as %s", async (name, permission, role) => {
    const answer = await h.click({ action: name }, { operator: PEOPLE[role], chatId: nextChat() });
    const toast = (answer.body.toast as { content?: string } | undefined)?.content ?? "";
    expect(REFUSED_TOAST.test(toast)).toBe(!can(role, permission));
  });
});

describe("the hazard card's 修改 button (hazard.edit), for every role", () => {
  async function editButtonFor(role: RoleOrUnbound): Promise<RenderedButton | undefined> {
    const r = await replyOf(h, `/隐患 查看 ${hazardNumber}`, { sender: PEOPLE[role], chatId: nextChat() });
    if (r.message?.msg_type !== "interactive") return undefined;
    const buttons: RenderedButton[] = [];
    renderCardText(r.message.content as Card, buttons);
    return buttons.find((b) => b.label === "修改");
  }
  it.each(ALL_ROLES)("shown to %s only if the table lets them edit", async (role) => {
    expect((await editButtonFor(role)) !== undefined).toBe(can(role, "hazard.edit"));
  });
  it.each(ALL_ROLES)("pressed by %s: the form opens only if the table lets them edit", async (role) => {
    const button = await editButtonFor("管理员");
    const answer = await h.click(button!.value, { operator: PEOPLE[role], chatId: nextChat() });
    const card = (answer.body.card as { data?: Card } | undefined)?.data;
    expect(card?.header?.title.content === `修改隐患 ${hazardNumber}`).toBe(can(role, "hazard.edit"));
  });
});

describe("a roster file (enterprise.import), for every role", () => {
  it.each(ALL_ROLES)("as %s", async (role) => {
    const messageId = `om_perm_file_${next()}`;
    // A private file matches a /企业 导入 waiting in any chat: start from none, whatever ran before.
    await h.bot.deps.db.delete(pendingUploads);
    const before = h.fake.messages.length;
    const payload = messageEnvelope({
      o: { sender: PEOPLE[role], messageId, chatId: nextChat() },
      createTime: Date.now(),
      messageType: "file",
      content: JSON.stringify({ file_key: "file_v3_none", file_name: "名单.xlsx" }),
      mentions: [],
      chatType: "p2p",
    });
    await h.deliver(encryptedDelivery(payload));
    await h.settle();
    const reply = h.fake.messages.slice(before).find((m) => m.kind === "reply");
    expect(titleOf(reply)).toBe("");
    expect(textOf(reply).startsWith("要导入企业名录")).toBe(can(role, "enterprise.import"));
  });
});
