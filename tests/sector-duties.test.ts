// Sector duties (责任领导 / 责任干部) through the real door: /绑定 … 领域=…, adding sectors to someone bound,
// the request card, /解绑, /成员 领域=…, and the new hazard's card that @mentions the sector's bound cadre.
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { auditLog, bindRequests, members, sectorMembers } from "../db/schema";
import { addEnterprise, bindAs, cardOf, replyOf, textOf } from "./support/exchange";
import { ADMIN, type Harness } from "./support/harness";
import { ask, newHazardLine, startLedger } from "./support/ledger";

const ZHANG = "ou_zhang000000000000000000000001";
const LI = "ou_li00000000000000000000000002";
const WANG = "ou_wang000000000000000000000003";
const NOBODY = "ou_nobody0000000000000000000004";

// Sector ids as seeded from the plan.
const FIRE = 2;
const ROADS = 1;
const CHEMICALS = 5;

let h: Harness;

beforeEach(async () => {
  h = await startLedger();
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

const db = () => h.bot.deps.db;
const zhang = { mentions: [{ openId: ZHANG, name: "张三" }] };
const li = { mentions: [{ openId: LI, name: "李四" }] };

async function duties() {
  const rows = await db()
    .select()
    .from(sectorMembers)
    .orderBy(asc(sectorMembers.openId), asc(sectorMembers.sectorId));
  return rows.map((r) => [r.openId, r.sectorId, r.duty]);
}

async function dutyAudits(action: string) {
  const rows = await db()
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, action))
    .orderBy(asc(auditLog.id));
  return rows.map((r) => ({
    actor: r.actor,
    subjectId: r.subjectId,
    row: JSON.parse((action === "member.duty.add" ? r.after : r.before) ?? "null") as unknown,
  }));
}

/** Everything binding writes, for checking that a refusal changed nothing. */
async function tables() {
  return {
    members: await db().select().from(members).orderBy(asc(members.openId)),
    duties: await duties(),
    audit: await db().select().from(auditLog).orderBy(asc(auditLog.id)),
    requests: await db().select().from(bindRequests),
  };
}

describe("/绑定 … 领域=…", () => {
  it("makes a 干部 the 责任干部 of each sector named, with the member row and an audit row per duty", async () => {
    const r = await replyOf(h, "/绑定 @张三 角色=干部 单位=应急办 领域=危化品、消防", zhang);
    expect(r.title).toBe("已绑定");
    expect(r.text).toContain("负责领域：消防、危险化学品（责任干部）");
    expect(await duties()).toEqual([
      [ZHANG, FIRE, "责任干部"],
      [ZHANG, CHEMICALS, "责任干部"],
    ]);
    expect(await db().select().from(members)).toEqual([
      expect.objectContaining({ openId: ZHANG, role: "干部" }),
    ]);
    expect(await dutyAudits("member.duty.add")).toEqual([
      { actor: ADMIN, subjectId: ZHANG, row: { sectorId: FIRE, openId: ZHANG, duty: "责任干部" } },
      { actor: ADMIN, subjectId: ZHANG, row: { sectorId: CHEMICALS, openId: ZHANG, duty: "责任干部" } },
    ]);
  });

  it("makes a 领导 the 责任领导; sectors may be separated by 、 , ， or /, and a repeat counts once", async () => {
    const r = await replyOf(h, "/绑定 @李四 角色=领导 领域=消防,道路交通，危险化学品/危化品", li);
    expect(r.text).toContain("负责领域：道路交通、消防、危险化学品（责任领导）");
    expect(await duties()).toEqual([
      [LI, ROADS, "责任领导"],
      [LI, FIRE, "责任领导"],
      [LI, CHEMICALS, "责任领导"],
    ]);
  });

  it("a hazard logged afterwards in that sector @mentions the bound 责任干部 on its card", async () => {
    const markdownOf = (messages: Awaited<ReturnType<typeof ask>>) =>
      (messages.find((m) => m.kind === "reply")!.content as Card).body.elements
        .map((e) => String(e.content ?? ""))
        .join("\n");
    // Both are 干部 of 党政办, not of the hazard's unit (应急办): only a sector duty can bring them in.
    await replyOf(h, "/绑定 @张三 角色=干部 单位=党政办", zhang);
    await replyOf(h, "/绑定 @李四 角色=干部 单位=党政办 领域=消防", li);
    const before = markdownOf(await ask(h, newHazardLine({ sector: "危险化学品" })));
    expect(before).not.toContain(ZHANG);
    await replyOf(h, "/绑定 @张三 领域=危化品", zhang);
    // Another hazard: the same description again would be held as a likely duplicate.
    const after = markdownOf(
      await ask(h, newHazardLine({ sector: "危险化学品", description: "加油机接地线断开" })),
    );
    expect(after).toContain(`<at id=${ZHANG}></at>`);
    expect(after).not.toContain(LI);
  });
});

describe("adding sectors to someone already bound", () => {
  it("/绑定 @某人 领域=… adds only the sectors not yet held, under the role's duty", async () => {
    await replyOf(h, "/绑定 @张三 角色=干部 单位=应急办 领域=消防", zhang);
    const r = await replyOf(h, "/绑定 @张三 领域=危化品、消防", zhang);
    expect(r.title).toBe("已添加负责领域");
    expect(r.text).toContain("新增：危险化学品（责任干部）");
    expect(r.text).toContain("现在负责：消防、危险化学品（责任干部）");
    expect(await duties()).toEqual([
      [ZHANG, FIRE, "责任干部"],
      [ZHANG, CHEMICALS, "责任干部"],
    ]);
    expect((await dutyAudits("member.duty.add")).map((a) => a.row)).toEqual([
      { sectorId: FIRE, openId: ZHANG, duty: "责任干部" },
      { sectorId: CHEMICALS, openId: ZHANG, duty: "责任干部" },
    ]);
    // The member row is untouched: still 干部 of 应急办, no second binding.
    expect(await dutyAudits("member.bind")).toHaveLength(1);
  });

  it("a 领导 bound without sectors gets them as 责任领导", async () => {
    await replyOf(h, "/绑定 @李四 角色=领导", li);
    const r = await replyOf(h, "/绑定 @李四 领域=道路交通", li);
    expect(r.text).toContain("现在负责：道路交通（责任领导）");
    expect(await duties()).toEqual([[LI, ROADS, "责任领导"]]);
  });

  it("refuses sectors all held already, and writes nothing", async () => {
    await replyOf(h, "/绑定 @张三 角色=干部 单位=应急办 领域=消防、危化品", zhang);
    const before = await tables();
    const r = await replyOf(h, "/绑定 @张三 领域=危化品", zhang);
    expect(r.title).toBe("现在不能这样办");
    expect(r.text).toContain("张三 已是危险化学品的责任干部，没有要添加的。");
    expect(await tables()).toEqual(before);
  });
});

describe("refusals leave every table unchanged", () => {
  it.each([
    [
      "/绑定 @张三 角色=干部 单位=应急办 领域=危化品、消房",
      "没有名为「消房」的行业领域。你是不是要找：消防？",
    ],
    ["/绑定 @张三 领域=燃汽", "没有名为「燃汽」的行业领域。你是不是要找：城镇燃气？"],
    [
      "/绑定 @张三 角色=管理员 领域=消防",
      "管理员不按行业领域分工，不写 领域=：领域 只给领导（责任领导）和干部（责任干部）。",
    ],
    [
      "/绑定 @张三 角色=企业负责人 企业=某某烟花爆竹零售店 领域=烟花爆竹",
      "企业负责人只管自己的企业，不写 领域=：领域 只给领导（责任领导）和干部（责任干部）。",
    ],
    ["/绑定 @张三 角色=干部 单位=应急办 领域=、", "领域= 后面要写行业领域，几个领域用 、 分开"],
    ["/绑定 @张三 单位=应急办 领域=消防", "不写 角色= 时只能写 领域=（给已绑定的领导、干部添加负责领域）"],
  ])("%s", async (line, reason) => {
    await addEnterprise(h, "某某烟花爆竹零售店");
    const before = await tables();
    const r = await replyOf(h, line, zhang);
    expect(r.title).toBe("填写有误");
    expect(r.text).toContain(reason);
    expect(r.text).toContain("/绑定 @某人 角色=管理员/领导/干部/企业负责人 [单位=…] [企业=…] [领域=…]");
    expect(await tables()).toEqual(before);
  });

  it("adding sectors to someone not bound, or bound as 管理员 / 企业负责人, is refused with the reason", async () => {
    const shop = await addEnterprise(h, "某某烟花爆竹零售店");
    await bindAs(h, LI, "企业负责人", { enterpriseId: shop.id });
    await bindAs(h, WANG, "管理员");
    const before = await tables();
    const unbound = await replyOf(h, "/绑定 @张三 领域=消防", zhang);
    expect(unbound.title).toBe("现在不能这样办");
    expect(unbound.text).toContain(
      "张三 还没有绑定：先 /绑定 @张三 角色=干部 单位=… 领域=…（领导不写单位）。",
    );
    const head = await replyOf(h, "/绑定 @李四 领域=烟花爆竹", li);
    expect(head.text).toContain(
      `成员${LI.slice(-4)} 已绑定为企业负责人（某某烟花爆竹零售店）；企业负责人只管自己的企业，不写 领域=`,
    );
    const admin = await replyOf(h, "/绑定 @王五 领域=消防", { mentions: [{ openId: WANG, name: "王五" }] });
    expect(admin.text).toContain(`成员${WANG.slice(-4)} 已绑定为管理员；管理员不按行业领域分工`);
    const env = await replyOf(h, "/绑定 @老管 领域=消防", { mentions: [{ openId: ADMIN, name: "老管" }] });
    expect(env.text).toContain("老管 是 ADMIN_OPEN_IDS 设定的管理员，管理员不按行业领域分工");
    expect(await tables()).toEqual(before);
  });

  it("only admins may give sector duties (member.bind): every other role is refused", async () => {
    await bindAs(h, LI, "领导");
    await bindAs(h, WANG, "干部", { unit: "应急办" });
    const shop = await addEnterprise(h, "某某烟花爆竹零售店");
    const HEAD = "ou_head00000000000000000000000005";
    await bindAs(h, HEAD, "企业负责人", { enterpriseId: shop.id });
    await replyOf(h, "/绑定 @张三 角色=干部 单位=应急办", zhang);
    const before = await tables();
    for (const [sender, title] of [
      [LI, "没有权限"],
      [WANG, "没有权限"],
      [HEAD, "没有权限"],
      [NOBODY, "请先绑定身份"],
    ] as const) {
      for (const line of ["/绑定 @张三 领域=消防", "/绑定 @张三 角色=干部 单位=应急办 领域=消防"]) {
        const r = await replyOf(h, line, { sender, ...zhang });
        expect([line, sender, r.title]).toEqual([line, sender, title]);
        expect(r.text).toContain("只有管理员能绑定他人");
      }
    }
    expect(await tables()).toEqual(before);
  });

  it("without a mention, 领域 alone is not a request", async () => {
    const before = await tables();
    const r = await replyOf(h, "/绑定 领域=消防", { sender: NOBODY });
    expect(r.title).toBe("填写有误");
    expect(r.text).toContain("申请绑定自己要写 角色=…");
    expect(await tables()).toEqual(before);
  });
});

describe("asking to be bound with sectors", () => {
  it("the request carries the sectors; the card shows them; 同意 writes the duties", async () => {
    h.fake.addUser(NOBODY, "赵六");
    const r = await replyOf(h, "/绑定 角色=干部 单位=应急办 领域=危化品、烟花", { sender: NOBODY });
    const [request] = await db().select().from(bindRequests);
    expect(request).toMatchObject({ openId: NOBODY, role: "干部", sectors: "[5,10]", status: "pending" });
    const sent = r.all.find((m) => m.kind === "create")!;
    expect(textOf(sent)).toContain("负责领域：危险化学品、烟花爆竹（责任干部）");
    expect(await duties()).toEqual([]);

    const answer = await h.click({ action: "member.approve", request: request!.id });
    expect(answer.body.toast).toEqual({ type: "success", content: "已同意" });
    const card = (answer.body.card as { data: unknown }).data;
    expect(textOf({ kind: "reply", message_id: "x", msg_type: "interactive", content: card })).toContain(
      "负责领域：危险化学品、烟花爆竹（责任干部）",
    );
    expect(await duties()).toEqual([
      [NOBODY, CHEMICALS, "责任干部"],
      [NOBODY, 10, "责任干部"],
    ]);
    expect(await dutyAudits("member.duty.add")).toEqual([
      { actor: ADMIN, subjectId: NOBODY, row: { sectorId: CHEMICALS, openId: NOBODY, duty: "责任干部" } },
      { actor: ADMIN, subjectId: NOBODY, row: { sectorId: 10, openId: NOBODY, duty: "责任干部" } },
    ]);
    // A second press changes nothing.
    const audits = (await tables()).audit.length;
    expect((await h.click({ action: "member.approve", request: request!.id })).body).toEqual({
      toast: { type: "info", content: "已处理" },
    });
    expect((await tables()).audit.length).toBe(audits);
  });

  it("a request without sectors stores none; 拒绝 writes no duties", async () => {
    await replyOf(h, "/绑定 角色=领导", { sender: NOBODY });
    await replyOf(h, "/绑定 角色=领导 领域=消防", { sender: WANG });
    const requests = await db().select().from(bindRequests).orderBy(asc(bindRequests.id));
    expect(requests.map((q) => q.sectors)).toEqual([null, "[2]"]);
    await h.click({ action: "member.reject", request: requests[1]!.id });
    expect(await duties()).toEqual([]);
  });

  it("a request refuses 领域 for 企业负责人 and unknown sectors, storing nothing", async () => {
    await addEnterprise(h, "某某烟花爆竹零售店");
    const before = await tables();
    const head = await replyOf(h, "/绑定 角色=企业负责人 企业=某某烟花爆竹零售店 领域=烟花爆竹", {
      sender: NOBODY,
    });
    expect(head.text).toContain("企业负责人只管自己的企业，不写 领域=");
    const unknown = await replyOf(h, "/绑定 角色=干部 单位=应急办 领域=矿", { sender: NOBODY });
    expect(unknown.text).toContain("没有名为「矿」的行业领域。");
    expect(await tables()).toEqual(before);
  });
});

describe("/解绑", () => {
  it("removes the member's sector duties with the member row, each audited; others' stay", async () => {
    await replyOf(h, "/绑定 @张三 角色=干部 单位=应急办 领域=危化品、消防", zhang);
    await replyOf(h, "/绑定 @李四 角色=领导 领域=消防", li);
    const r = await replyOf(h, "/解绑 @张三", zhang);
    expect(r.title).toBe("已解绑");
    expect(r.text).toContain("张三（原为干部）已解绑，不再负责消防、危险化学品（责任干部）");
    expect(await duties()).toEqual([[LI, FIRE, "责任领导"]]);
    expect(await dutyAudits("member.duty.remove")).toEqual([
      { actor: ADMIN, subjectId: ZHANG, row: { sectorId: FIRE, openId: ZHANG, duty: "责任干部" } },
      { actor: ADMIN, subjectId: ZHANG, row: { sectorId: CHEMICALS, openId: ZHANG, duty: "责任干部" } },
    ]);
    // Bound again without sectors: none come back.
    await replyOf(h, "/绑定 @张三 角色=干部 单位=应急办", zhang);
    expect(await duties()).toEqual([[LI, FIRE, "责任领导"]]);
  });
});

describe("/成员 and sectors", () => {
  it("shows each member's sectors in a column", async () => {
    await replyOf(h, "/绑定 @张三 角色=干部 单位=应急办 领域=危化品、消防", zhang);
    await replyOf(h, "/绑定 @李四 角色=领导 领域=消防", li);
    h.fake.addUser(ADMIN, "安委办主任");
    const r = await replyOf(h, "/成员");
    const table = cardOf(r.message).body.elements.find((e) => e.tag === "table")!;
    expect((table.rows as Record<string, string>[]).map((row) => [row.name, row.duties])).toEqual([
      ["安委办主任", ""],
      ["李四", "消防（责任领导）"],
      ["张三", "消防、危险化学品（责任干部）"],
    ]);
  });

  it("领域= shows the plan's 责任领导 / 责任干部 above the members bound to that sector", async () => {
    await replyOf(h, "/绑定 @张三 角色=干部 单位=应急办 领域=危化品、消防", zhang);
    await replyOf(h, "/绑定 @李四 角色=领导 领域=危险化学品", li);
    await replyOf(h, "/绑定 @王五 角色=干部 单位=党政办 领域=消防", {
      mentions: [{ openId: WANG, name: "王五" }],
    });
    const r = await replyOf(h, "/成员 领域=危化", { sender: LI });
    expect(r.title).toBe("成员");
    const lines = r.text.split("\n");
    expect(lines.slice(1, 5)).toEqual([
      "危险化学品：计划所列",
      "责任领导：陈中",
      "责任干部：赵文华",
      "已绑定的共 2 人（领域：危险化学品）",
    ]);
    const table = cardOf(r.message).body.elements.find((e) => e.tag === "table")!;
    expect(table.rows).toEqual([
      {
        name: "李四",
        role: "领导",
        unit: "",
        enterprise: "",
        duties: "危险化学品（责任领导）",
        phone: "未填写",
      },
      {
        name: "张三",
        role: "干部",
        unit: "应急办",
        enterprise: "",
        duties: "消防、危险化学品（责任干部）",
        phone: "未填写",
      },
    ]);
  });

  it("领域= and 单位= together; a sector nobody is bound to shows the plan and no table", async () => {
    await replyOf(h, "/绑定 @张三 角色=干部 单位=应急办 领域=消防", zhang);
    await replyOf(h, "/绑定 @王五 角色=干部 单位=党政办 领域=消防", {
      mentions: [{ openId: WANG, name: "王五" }],
    });
    const both = await replyOf(h, "/成员 单位=党政办 领域=消防");
    expect(both.text).toContain("已绑定的共 1 人（单位：党政办，领域：消防）");
    const rows = cardOf(both.message).body.elements.find((e) => e.tag === "table")!.rows as {
      name: string;
    }[];
    expect(rows.map((row) => row.name)).toEqual(["王五"]);
    const empty = await replyOf(h, "/成员 领域=校园");
    expect(empty.text).toContain("责任领导：廖芸茹、胡东京、刘和祥、刘威宏");
    expect(empty.text).toContain("已绑定的共 0 人（领域：校园）");
    expect(cardOf(empty.message).body.elements.some((e) => e.tag === "table")).toBe(false);
    const unknown = await replyOf(h, "/成员 领域=消房");
    expect(unknown.text).toContain("没有名为「消房」的行业领域。你是不是要找：消防？");
  });
});

it("/帮助 绑定 shows the 领域 form", async () => {
  const r = await replyOf(h, "/帮助 绑定");
  expect(r.text).toContain("/绑定 @某人 角色=管理员/领导/干部/企业负责人 [单位=…] [企业=…] [领域=…]");
  expect(r.text).toContain("/绑定 @张三 角色=干部 单位=应急办 领域=危化品、消防");
});
