// Members and roles through the real door: /绑定, /解绑, /成员, and the request card's 同意 / 拒绝 buttons.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, bindRequests, members } from "../db/schema";
import { GROUP_CHAT } from "./support/events";
import { addEnterprise, bindAs, cardOf, replyOf, textOf, unitId } from "./support/exchange";
import { ADMIN, type Harness, startHarness } from "./support/harness";

const ZHANG = "ou_zhang000000000000000000000001";
const LI = "ou_li00000000000000000000000002";
const WANG = "ou_wang000000000000000000000003";
const NOBODY = "ou_nobody0000000000000000000004";

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

const db = () => h.bot.deps.db;
const memberRows = () => db().select().from(members);
const auditCount = async () => (await db().select().from(auditLog)).length;

function mention(openId: string, name: string) {
  return { mentions: [{ openId, name }] };
}

describe("/绑定 by an admin", () => {
  it("binds a mentioned person as 干部 of a unit, named from the mention, with an audit row", async () => {
    const r = await replyOf(h, "/绑定 @张三 角色=干部 单位=派出所", mention(ZHANG, "张三"));
    expect(r.title).toBe("已绑定");
    expect(r.text).toContain("成员：张三");
    expect(r.text).toContain("角色：干部");
    expect(r.text).toContain("单位：高兴派出所");
    expect(await memberRows()).toEqual([
      expect.objectContaining({
        openId: ZHANG,
        name: "张三",
        role: "干部",
        unitId: await unitId(h, "高兴派出所"),
        enterpriseId: null,
        boundBy: ADMIN,
      }),
    ]);
    const audit = await db().select().from(auditLog).where(eq(auditLog.action, "member.bind"));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: ADMIN, subjectType: "member", subjectId: ZHANG });
  });

  it("binds 领导 and 管理员 without a unit", async () => {
    await replyOf(h, "/绑定 @李四 角色=领导", mention(LI, "李四"));
    await replyOf(h, "/绑定 @王五 角色=管理员", mention(WANG, "王五"));
    const rows = await memberRows();
    expect(rows.map((m) => [m.openId, m.role, m.unitId])).toEqual([
      [LI, "领导", null],
      [WANG, "管理员", null],
    ]);
  });

  it("binds 企业负责人 to a registered enterprise; the unit follows the enterprise", async () => {
    const shop = await addEnterprise(h, "某某烟花爆竹零售店");
    const r = await replyOf(h, "/绑定 @张三 角色=企业负责人 企业=某某烟花爆竹零售店", mention(ZHANG, "张三"));
    expect(r.title).toBe("已绑定");
    expect(r.text).toContain("企业：某某烟花爆竹零售店");
    expect(r.text).toContain("单位：高兴镇人民政府");
    const [row] = await memberRows();
    expect(row).toMatchObject({ role: "企业负责人", enterpriseId: shop.id, unitId: null });
  });

  it.each([
    ["/绑定 @张三 角色=干部", "干部要写 单位=…"],
    ["/绑定 @张三 角色=企业负责人", "企业负责人要写 企业=…"],
    ["/绑定 @张三 角色=组长", "角色应是 管理员、领导、干部、企业负责人 之一，「组长」不行"],
    ["/绑定 @张三", "缺少角色"],
    ["/绑定 @张三 角色=干部 单位=派出", "没有名为「派出」的单位。你是不是要找：高兴派出所"],
    ["/绑定 @张三 角色=企业负责人 企业=某某烟花", "没有登记名为「某某烟花」的企业。还没有登记任何企业。"],
    ["/绑定 @张三 角色=领导 企业=某某", "只有企业负责人要写 企业=…"],
    ["/绑定 @张三 部门=党政办 角色=干部 单位=应急办", "不认识参数「部门」"],
    ["/绑定 张三 角色=干部 单位=应急办", "看不懂「张三」"],
  ])("refuses %s and writes nothing", async (line, reason) => {
    const before = await auditCount();
    const r = await replyOf(h, line, mention(ZHANG, "张三"));
    // Words that could not be read, or a value that was refused: each has its own header.
    expect(r.title).toBe(/不认识参数|看不懂/.test(reason) ? "没看懂这条命令" : "填写有误");
    expect(r.text).toContain(reason);
    expect(r.text).toContain("/绑定 @某人 角色=管理员/领导/干部/企业负责人 [单位=…] [企业=…]");
    expect(await memberRows()).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it("refuses two mentions at once", async () => {
    const r = await replyOf(h, "/绑定 @张三 @李四 角色=领导", {
      mentions: [
        { openId: ZHANG, name: "张三" },
        { openId: LI, name: "李四" },
      ],
    });
    expect(r.text).toContain("一次只能绑定一个人");
    expect(await memberRows()).toEqual([]);
  });

  it("refuses binding a person already bound, saying as what", async () => {
    await replyOf(h, "/绑定 @张三 角色=干部 单位=应急办", mention(ZHANG, "张三"));
    const before = await auditCount();
    const r = await replyOf(h, "/绑定 @张三 角色=领导", mention(ZHANG, "张三"));
    expect(r.title).toBe("现在不能这样办");
    expect(r.text).toContain("张三 已绑定为干部（应急办），先 /解绑 @张三 再绑定。");
    expect(await memberRows()).toEqual([expect.objectContaining({ openId: ZHANG, role: "干部" })]);
    expect(await auditCount()).toBe(before);
  });

  it("a non-admin may not bind anyone; an unbound person is told to get bound", async () => {
    await bindAs(h, LI, "干部", { unit: "应急办" });
    const r = await replyOf(h, "/绑定 @张三 角色=领导", { sender: LI, ...mention(ZHANG, "张三") });
    expect(r.title).toBe("没有权限");
    expect(r.text).toContain("只有管理员能绑定他人");
    const u = await replyOf(h, "/绑定 @张三 角色=领导", { sender: NOBODY, ...mention(ZHANG, "张三") });
    expect(u.title).toBe("请先绑定身份");
    expect((await memberRows()).map((m) => m.openId)).toEqual([LI]);
  });
});

describe("/解绑 and the last admin", () => {
  it("unbinds a member", async () => {
    await bindAs(h, ZHANG, "干部", { unit: "应急办" });
    const r = await replyOf(h, "/解绑 @张三", mention(ZHANG, "张三"));
    expect(r.title).toBe("已解绑");
    expect(await memberRows()).toEqual([]);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, "member.unbind"));
    expect(audit).toMatchObject({ actor: ADMIN, subjectId: ZHANG });
    expect(JSON.parse(audit!.before!)).toMatchObject({ role: "干部" });
  });

  it("refuses unbinding someone who is not bound, and an ADMIN_OPEN_IDS admin", async () => {
    expect((await replyOf(h, "/解绑 @张三", mention(ZHANG, "张三"))).text).toContain(
      "张三 没有绑定，不用解绑。",
    );
    expect((await replyOf(h, "/解绑 @管理员", mention(ADMIN, "管理员"))).text).toContain(
      "管理员 是 ADMIN_OPEN_IDS 设定的管理员，没有在群里绑定",
    );
  });

  it("counts bound 管理员 plus ADMIN_OPEN_IDS not bound otherwise, and never lets it reach zero", async () => {
    // ADMIN (environment) binds 王五 as 管理员: admins {ADMIN, 王五}.
    await replyOf(h, "/绑定 @王五 角色=管理员", mention(WANG, "王五"));
    // 王五 binds ADMIN as 干部: a member row decides the role, so admins are {王五}.
    const demoted = await replyOf(h, "/绑定 @老管 角色=干部 单位=应急办", {
      sender: WANG,
      ...mention(ADMIN, "老管"),
    });
    expect(demoted.title).toBe("已绑定");
    // 王五 is now the last admin: unbinding himself is refused, nothing written.
    const before = await auditCount();
    const last = await replyOf(h, "/解绑 @王五", { sender: WANG, ...mention(WANG, "王五") });
    expect(last.title).toBe("现在不能这样办");
    expect(last.text).toContain("这样就没有管理员了");
    expect(await auditCount()).toBe(before);
    // Unbinding ADMIN's 干部 row makes ADMIN an admin again (environment): {王五, ADMIN}.
    expect((await replyOf(h, "/解绑 @老管", { sender: WANG, ...mention(ADMIN, "老管") })).title).toBe(
      "已解绑",
    );
    // Now ADMIN may unbind 王五: ADMIN remains.
    expect((await replyOf(h, "/解绑 @王五", mention(WANG, "王五"))).title).toBe("已解绑");
    // ADMIN is the only admin: binding ADMIN as 干部 would leave none.
    const self = await replyOf(h, "/绑定 @老管 角色=干部 单位=应急办", mention(ADMIN, "老管"));
    expect(self.text).toContain("这样就没有管理员了");
    expect(await memberRows()).toEqual([]);
  });
});

describe("asking to be bound", () => {
  it("without a mention, anyone's request goes to each admin privately as a card with 同意 / 拒绝", async () => {
    h.fake.addUser(NOBODY, "赵六");
    const r = await replyOf(h, "/绑定 角色=干部 单位=应急办", { sender: NOBODY, messageId: "om_req_1" });
    const [request] = await db().select().from(bindRequests);
    expect(request).toMatchObject({
      openId: NOBODY,
      name: "赵六",
      role: "干部",
      unitId: await unitId(h, "应急办"),
      status: "pending",
      chatId: GROUP_CHAT,
    });
    expect(r.text).toBe(`已把你的绑定申请 #${request!.id} 发给管理员，管理员同意后就能使用安督。`);
    const sent = r.all.find((m) => m.kind === "create")!;
    expect(sent).toMatchObject({ receive_id: ADMIN, receive_id_type: "open_id" });
    const text = textOf(sent);
    expect(text).toContain("赵六 申请绑定身份");
    expect(text).toContain("角色：干部");
    expect(text).toContain("单位：应急办");
    expect(text).toContain("[1] 同意");
    expect(text).toContain("[2] 拒绝");
    expect(await memberRows()).toEqual([]);
  });

  it("goes to the dispatch group when one is set; the name falls back to the open_id", async () => {
    await replyOf(h, "/设置 本群为调度群");
    const r = await replyOf(h, "/绑定 角色=领导", {
      sender: NOBODY,
      chatId: "oc_other_chat",
      chatType: "group",
    });
    const sent = r.all.filter((m) => m.kind === "create");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ receive_id: GROUP_CHAT, receive_id_type: "chat_id" });
    expect(textOf(sent[0])).toContain(`${NOBODY} 申请绑定身份`);
    expect(r.text).toContain("发给调度群");
  });

  it("says so when the name cannot be looked up for a permission the app lacks", async () => {
    h.fake.addUser(NOBODY, "赵六");
    h.fake.setScopes(["im:message:send_as_bot", "contact:contact.base:readonly"]);
    const r = await replyOf(h, "/绑定 角色=领导", { sender: NOBODY });
    expect(r.text).toContain(
      "没能查到你的姓名，申请上暂时显示 open_id：飞书应用缺少所需的权限。请管理员运行 npm run doctor",
    );
    const [request] = await db().select().from(bindRequests);
    expect(request?.name).toBe(NOBODY);
  });

  it("同意 binds the person, updates the card, tells the requester; a second press changes nothing", async () => {
    await replyOf(h, "/绑定 角色=干部 单位=应急办", { sender: NOBODY });
    const [request] = await db().select().from(bindRequests);
    const answer = await h.click({ action: "member.approve", request: request!.id });
    expect(answer.body.toast).toEqual({ type: "success", content: "已同意" });
    const card = (answer.body.card as { type: string; data: unknown }).data;
    expect((answer.body.card as { type: string }).type).toBe("raw");
    const shown = textOf({ kind: "reply", message_id: "x", msg_type: "interactive", content: card });
    expect(shown).toContain(`已同意（@${ADMIN}）`);
    expect(shown).not.toContain("[1]");
    expect(await memberRows()).toEqual([
      expect.objectContaining({
        openId: NOBODY,
        role: "干部",
        unitId: await unitId(h, "应急办"),
        boundBy: ADMIN,
      }),
    ]);
    await h.settle();
    const told = h.fake.messages.at(-1)!;
    expect(told).toMatchObject({ kind: "create", receive_id: GROUP_CHAT });
    expect(textOf(told)).toContain("已同意");

    const audits = await auditCount();
    const again = await h.click({ action: "member.approve", request: request!.id });
    expect(again.body).toEqual({ toast: { type: "info", content: "已处理" } });
    const reject = await h.click({ action: "member.reject", request: request!.id });
    expect(reject.body).toEqual({ toast: { type: "info", content: "已处理" } });
    expect(await auditCount()).toBe(audits);
    const [after] = await db().select().from(bindRequests);
    expect(after).toMatchObject({ status: "approved", decidedBy: ADMIN });
  });

  it("拒绝 leaves the person unbound and marks the request", async () => {
    await replyOf(h, "/绑定 角色=领导", { sender: NOBODY });
    const [request] = await db().select().from(bindRequests);
    const answer = await h.click({ action: "member.reject", request: request!.id });
    expect(answer.body.toast).toEqual({ type: "success", content: "已拒绝" });
    expect(await memberRows()).toEqual([]);
    const [after] = await db().select().from(bindRequests);
    expect(after).toMatchObject({ status: "rejected", decidedBy: ADMIN });
  });

  it("only admins may press 同意; others are refused and nothing changes", async () => {
    await replyOf(h, "/绑定 角色=领导", { sender: NOBODY });
    await bindAs(h, LI, "领导");
    const [request] = await db().select().from(bindRequests);
    const leader = await h.click({ action: "member.approve", request: request!.id }, { operator: LI });
    expect(leader.body.toast).toEqual({ type: "warning", content: "你的角色（领导）不能做这个操作" });
    const self = await h.click({ action: "member.approve", request: request!.id }, { operator: NOBODY });
    expect(self.body.toast).toEqual({ type: "warning", content: "请先绑定身份再操作" });
    const [after] = await db().select().from(bindRequests);
    expect(after!.status).toBe("pending");
    expect((await memberRows()).map((m) => m.openId)).toEqual([LI]);
  });

  it("refuses a second request while one waits, and a request from someone already bound", async () => {
    await replyOf(h, "/绑定 角色=领导", { sender: NOBODY });
    const again = await replyOf(h, "/绑定 角色=领导", { sender: NOBODY });
    expect(again.text).toMatch(/你的绑定申请 #\d+ 还在等管理员处理/);
    await bindAs(h, LI, "干部", { unit: "应急办" });
    const bound = await replyOf(h, "/绑定 角色=领导", { sender: LI });
    expect(bound.text).toContain("你已绑定为干部，不用再申请");
    expect(await db().select().from(bindRequests)).toHaveLength(1);
  });

  it("同意 on a request whose person got bound meanwhile is refused with a toast", async () => {
    await replyOf(h, "/绑定 角色=领导", { sender: NOBODY });
    const [request] = await db().select().from(bindRequests);
    await bindAs(h, NOBODY, "干部", { unit: "应急办" });
    const answer = await h.click({ action: "member.approve", request: request!.id });
    expect(answer.body.toast).toMatchObject({ type: "warning" });
    expect(String((answer.body.toast as { content: string }).content)).toContain("已绑定为干部");
    const [after] = await db().select().from(bindRequests);
    expect(after!.status).toBe("pending");
  });
});

describe("同意 onto a unit or enterprise retired since the request", () => {
  const shownCard = (body: Record<string, unknown>) =>
    textOf({
      kind: "reply",
      message_id: "x",
      msg_type: "interactive",
      content: (body.card as { data: unknown }).data,
    });

  it("a request for a unit 停用 since is refused: the card says why and keeps only 拒绝; nothing is written", async () => {
    await replyOf(h, "/绑定 角色=干部 单位=应急办", { sender: NOBODY });
    const retired = await replyOf(h, "/单位 停用 应急办");
    expect(retired.text).toContain("已停用单位「应急办」");
    const [request] = await db().select().from(bindRequests);
    const audits = await auditCount();

    const answer = await h.click({ action: "member.approve", request: request!.id });
    expect(answer.body.toast).toEqual({ type: "warning", content: "不能同意：单位「应急办」已停用" });
    const shown = shownCard(answer.body);
    expect(shown).toContain("不能同意：单位「应急办」已停用，不能按这条申请绑定。请点 拒绝");
    expect(shown).toContain("[1] 拒绝");
    expect(shown).not.toContain("同意（");
    expect(shown).not.toContain("[2]");
    expect(await memberRows()).toEqual([]);
    expect(await auditCount()).toBe(audits);
    const [after] = await db().select().from(bindRequests);
    expect(after).toMatchObject({ status: "pending", decidedBy: null });

    const reject = await h.click({ action: "member.reject", request: request!.id });
    expect(reject.body.toast).toEqual({ type: "success", content: "已拒绝" });
    expect((await db().select().from(bindRequests))[0]!.status).toBe("rejected");
  });

  it("a 企业负责人 request for an enterprise 注销 since is refused the same way", async () => {
    await addEnterprise(h, "某某烟花爆竹零售店");
    await replyOf(h, "/绑定 角色=企业负责人 企业=某某烟花爆竹零售店", { sender: NOBODY });
    await replyOf(h, "/企业 注销 某某烟花爆竹零售店 原因=已关停");
    const [request] = await db().select().from(bindRequests);
    const audits = await auditCount();
    const answer = await h.click({ action: "member.approve", request: request!.id });
    expect(answer.body.toast).toEqual({
      type: "warning",
      content: "不能同意：企业「某某烟花爆竹零售店」已注销",
    });
    expect(shownCard(answer.body)).toContain("[1] 拒绝");
    expect(await memberRows()).toEqual([]);
    expect(await auditCount()).toBe(audits);
    expect((await db().select().from(bindRequests))[0]!.status).toBe("pending");
  });
});

describe("/成员", () => {
  it("lists members with role, unit and enterprise, and the environment's admin", async () => {
    const shop = await addEnterprise(h, "某某烟花爆竹零售店");
    await bindAs(h, ZHANG, "干部", { unit: "应急办" });
    await bindAs(h, LI, "企业负责人", { enterpriseId: shop.id });
    await bindAs(h, WANG, "领导");
    h.fake.addUser(ADMIN, "安委办主任");
    const r = await replyOf(h, "/成员");
    expect(r.title).toBe("成员");
    expect(r.text).toContain("共 4 人");
    const card = cardOf(r.message);
    const table = card.body.elements.find((e) => e.tag === "table")!;
    expect(table.rows).toEqual([
      {
        name: "安委办主任",
        role: "管理员（环境变量）",
        unit: "",
        enterprise: "",
        duties: "",
        phone: "未填写",
      },
      { name: `成员${WANG.slice(-4)}`, role: "领导", unit: "", enterprise: "", duties: "", phone: "未填写" },
      {
        name: `成员${ZHANG.slice(-4)}`,
        role: "干部",
        unit: "应急办",
        enterprise: "",
        duties: "",
        phone: "未填写",
      },
      {
        name: `成员${LI.slice(-4)}`,
        role: "企业负责人",
        unit: "高兴镇人民政府",
        enterprise: "某某烟花爆竹零售店",
        duties: "",
        phone: "未填写",
      },
    ]);
  });

  it("says which permission to add when names cannot be read from the contact API", async () => {
    await bindAs(h, WANG, "领导");
    // No contact scope at all: the environment's admin shows as the open_id, and the step names the scope.
    h.fake.setScopes(["im:message:send_as_bot", "im:message:readonly"]);
    const noScope = await replyOf(h, "/成员");
    expect(noScope.text).toContain(ADMIN);
    expect(noScope.text).toContain(
      "有 1 人的姓名没能从飞书通讯录查到，暂时显示 open_id：飞书应用缺少通讯录权限。请管理员在开发者后台 → 权限管理 → 开通 contact:contact.base:readonly（获取通讯录基本信息），再创建版本并请管理员审核发布；改好后可运行 npm run doctor 检查。",
    );
    // The contact scope but not the name field's: the name scope is named.
    h.fake.addUser(ADMIN, "安委办主任");
    h.fake.setScopes(["im:message:send_as_bot", "im:message:readonly", "contact:contact.base:readonly"]);
    const noField = await replyOf(h, "/成员");
    expect(noField.text).toContain("开通 contact:user.base:readonly（获取用户基本信息）");
    // A member bound while names could not be read (stored as the open_id) is named once they can be.
    await replyOf(h, "/绑定 角色=干部 单位=应急办", { sender: NOBODY });
    h.fake.addUser(NOBODY, "赵六");
    const [request] = await db().select().from(bindRequests);
    await h.click({ action: "member.approve", request: request!.id });
    expect((await memberRows()).find((m) => m.openId === NOBODY)?.name).toBe(NOBODY);
    h.fake.setScopes(null);
    const granted = await replyOf(h, "/成员");
    expect(granted.text).toContain("安委办主任");
    expect(granted.text).toContain("赵六");
    expect(granted.text).not.toContain("open_id");
  });

  it("says the contact range is what to widen when a member is outside it", async () => {
    const r = await replyOf(h, "/成员");
    expect(r.text).toContain("有 1 人的姓名没能从飞书通讯录查到");
    expect(r.text).toContain("通讯录权限的「可访问的数据范围」");
  });

  it("filters by unit, and is open to 领导 but not to 干部", async () => {
    await bindAs(h, ZHANG, "干部", { unit: "应急办" });
    await bindAs(h, WANG, "领导");
    const filtered = await replyOf(h, "/成员 单位=安委办", { sender: WANG });
    expect(filtered.text).toContain("共 1 人（单位：应急办）");
    const refused = await replyOf(h, "/成员", { sender: ZHANG });
    expect(refused.title).toBe("没有权限");
  });
});
