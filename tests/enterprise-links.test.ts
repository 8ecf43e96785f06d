// An enterprise's 挂点领导 and 责任干部 linked to bound members (/企业 新增 and /企业 修改 with @mentions), through
// the real door: who may be linked, =无 removes a link, the 公示牌 text stays as typed, /企业 查看 shows both, and
// the store functions the reminders escalate through see only members still bound with a fitting role.
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, enterprises, members } from "../db/schema";
import { linkedMembersOf, linkedOpenIdsByEnterprise } from "../src/store/enterprise-links";
import { addEnterprise, bindAs, replyOf } from "./support/exchange";
import { type Harness, startHarness } from "./support/harness";

const LEADER = "ou_leader00000000000000000000001";
const CADRE = "ou_cadre000000000000000000000002";
const OTHER_LEADER = "ou_leader00000000000000000000003";
const HEAD = "ou_head0000000000000000000000004";
const STRANGER = "ou_nobody0000000000000000000005";

let h: Harness;
const db = () => h.bot.deps.db;

beforeEach(async () => {
  h = await startHarness();
  await bindAs(h, LEADER, "领导");
  await bindAs(h, OTHER_LEADER, "领导");
  await bindAs(h, CADRE, "干部", { unit: "应急办" });
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

const people = [
  { openId: LEADER, name: "刘威宏" },
  { openId: OTHER_LEADER, name: "陈中" },
  { openId: CADRE, name: "赵文华" },
  { openId: HEAD, name: "曾勇" },
  { openId: STRANGER, name: "路人" },
];

/** A line whose `@name`s are mentions of the people above, as Feishu delivers them. */
function say(text: string, sender?: string) {
  const mentions = people.filter((p) => text.includes(`@${p.name}`));
  return replyOf(h, text, { mentions, ...(sender ? { sender } : {}) });
}

/** What a refusal must leave alone: the registry, the members and the audit log. */
async function registry() {
  return {
    enterprises: await db().select().from(enterprises).orderBy(asc(enterprises.id)),
    members: await db().select().from(members).orderBy(asc(members.openId)),
    audit: await db().select().from(auditLog).orderBy(asc(auditLog.id)),
  };
}

async function refused(text: string, sender?: string) {
  const before = await registry();
  const r = await say(text, sender);
  expect(await registry()).toEqual(before);
  return r;
}

const row = async (name: string) => {
  const e = await db().select().from(enterprises).where(eq(enterprises.name, name)).get();
  if (!e) throw new Error(`no enterprise ${name}`);
  return e;
};

describe("linking at /企业 新增", () => {
  it("links a 领导 as 挂点领导 and a 干部 as 责任干部, the 公示牌 text as typed, and 查看 shows both", async () => {
    const r = await say(
      "/企业 新增 名称=某某烟花店 单位=镇政府 领域=烟花 负责人=曾勇 挂点领导=@刘威宏 责任干部=@赵文华 挂点领导电话=13800000011",
    );
    expect(r.title).toBe("已登记企业");
    expect(r.text).toContain("关联的挂点领导：成员0001（领导）");
    expect(r.text).toContain("关联的责任干部：成员0002（干部）");
    const e = await row("某某烟花店");
    expect(e).toMatchObject({
      liaisonLeaderOpenId: LEADER,
      cadreOpenId: CADRE,
      liaisonLeader: null,
      cadreName: null,
      liaisonLeaderPhone: "13800000011",
    });
    const view = await say("/企业 查看 某某烟花店");
    expect(view.text).toContain("挂点领导：13800000011");
    expect(view.text).toContain("关联的挂点领导：成员0001（领导）");
    expect(view.text).toContain("关联的责任干部：成员0002（干部）");
    expect(await linkedMembersOf(db(), e.id)).toEqual({
      liaisonLeader: { openId: LEADER, name: "成员0001", role: "领导", phone: null },
      cadre: { openId: CADRE, name: "成员0002", role: "干部", phone: null },
    });
    expect(await linkedOpenIdsByEnterprise(db())).toEqual(
      new Map([[e.id, { liaisonLeaders: [LEADER], cadres: [CADRE] }]]),
    );
  });

  it("a 领导 may be the 责任干部 too; an enterprise without links has none", async () => {
    await say("/企业 新增 名称=甲店 单位=应急办 领域=烟花 负责人=曾勇 责任干部=@陈中");
    const plain = await addEnterprise(h, "乙店");
    expect((await row("甲店")).cadreOpenId).toBe(OTHER_LEADER);
    expect(await linkedMembersOf(db(), plain.id)).toEqual({ liaisonLeader: null, cadre: null });
    expect((await say("/企业 查看 乙店")).text).toContain("关联的挂点领导：未关联");
  });

  it("refuses a mention nobody bound, a 干部 as 挂点领导, and a head as 责任干部, writing nothing", async () => {
    await addEnterprise(h, "丙店");
    await bindAs(h, HEAD, "企业负责人", { enterpriseId: (await row("丙店")).id });
    const base = "/企业 新增 名称=某某烟花店 单位=镇政府 领域=烟花 负责人=曾勇";
    const stranger = await refused(`${base} 挂点领导=@路人`);
    expect(stranger.title).toBe("填写有误");
    expect(stranger.text).toContain("挂点领导要关联已绑定的成员：路人 还没有绑定。先 /绑定 @路人 角色=领导");
    const cadre = await refused(`${base} 挂点领导=@赵文华`);
    expect(cadre.text).toContain("挂点领导要关联绑定为领导的成员，成员0002 绑定的是干部。");
    const head = await refused(`${base} 责任干部=@曾勇`);
    expect(head.text).toContain("责任干部要关联绑定为干部或领导的成员，成员0004 绑定的是企业负责人。");
    expect(await db().select().from(enterprises).where(eq(enterprises.name, "某某烟花店"))).toEqual([]);
  });
});

describe("linking at /企业 修改", () => {
  beforeEach(async () => {
    await say(
      "/企业 新增 名称=某某烟花店 单位=镇政府 领域=烟花 负责人=曾勇 挂点领导=刘威宏 挂点领导电话=0797-1234567",
    );
  });

  it("links and unlinks without touching the 公示牌 text, each change audited before → after", async () => {
    const linked = await say("/企业 修改 某某烟花店 挂点领导=@刘威宏 责任干部=@赵文华");
    expect(linked.title).toBe("已修改企业");
    expect(linked.text).toContain("挂点领导：刘威宏　0797-1234567");
    expect(linked.text).toContain("关联的挂点领导：成员0001（领导）");
    const e = await row("某某烟花店");
    expect(e).toMatchObject({ liaisonLeader: "刘威宏", liaisonLeaderOpenId: LEADER, cadreOpenId: CADRE });
    const edits = await db().select().from(auditLog).where(eq(auditLog.action, "enterprise.edit"));
    expect(edits.map((a) => [JSON.parse(a.before ?? "{}"), JSON.parse(a.after ?? "{}")])).toEqual([
      [
        { liaisonLeaderOpenId: null, cadreOpenId: null },
        { liaisonLeaderOpenId: LEADER, cadreOpenId: CADRE },
      ],
    ]);

    const swapped = await say("/企业 修改 某某烟花店 挂点领导=@陈中 责任干部=无");
    expect(swapped.text).toContain("关联的挂点领导：成员0003（领导）");
    expect(swapped.text).toContain("关联的责任干部：未关联");
    expect(await row("某某烟花店")).toMatchObject({
      liaisonLeader: "刘威宏",
      liaisonLeaderPhone: "0797-1234567",
      liaisonLeaderOpenId: OTHER_LEADER,
      cadreOpenId: null,
    });
    expect(await linkedOpenIdsByEnterprise(db())).toEqual(
      new Map([[e.id, { liaisonLeaders: [OTHER_LEADER], cadres: [] }]]),
    );

    const same = await refused("/企业 修改 某某烟花店 责任干部=无");
    expect(same.text).toContain("这些内容和现在一样，没有改动");
  });

  it("refuses a mention apart from its key, a mention with other words, two people, and a non-admin", async () => {
    const apart = await refused("/企业 修改 某某烟花店 挂点领导= @刘威宏");
    expect(apart.title).toBe("填写有误");
    expect(apart.text).toContain("@ 的人要紧跟在 挂点领导= 或 责任干部= 后面");
    const mixed = await refused("/企业 修改 某某烟花店 挂点领导=@刘威宏 刘威宏");
    expect(mixed.text).toContain("挂点领导= 后面只能 @ 一个人，不要夹别的字");
    const two = await refused("/企业 修改 某某烟花店 挂点领导=@刘威宏 @陈中");
    expect(two.text).toContain("@ 的人要紧跟在 挂点领导= 或 责任干部= 后面");
    const cadre = await refused("/企业 修改 某某烟花店 挂点领导=@刘威宏", CADRE);
    expect(cadre.title).toBe("没有权限");
    expect((await row("某某烟花店")).liaisonLeaderOpenId).toBeNull();
  });

  it("a link to someone unbound, or re-bound to a role that does not fit, no longer counts and says so", async () => {
    await say("/企业 修改 某某烟花店 挂点领导=@刘威宏 责任干部=@赵文华");
    const e = await row("某某烟花店");
    await say("/解绑 @刘威宏");
    await db()
      .update(members)
      .set({ role: "企业负责人", unitId: null, enterpriseId: e.id })
      .where(eq(members.openId, CADRE));
    expect(await linkedMembersOf(db(), e.id)).toEqual({ liaisonLeader: null, cadre: null });
    expect(await linkedOpenIdsByEnterprise(db())).toEqual(
      new Map([[e.id, { liaisonLeaders: [], cadres: [] }]]),
    );
    const view = await say("/企业 查看 某某烟花店");
    expect(view.text).toContain(`关联的挂点领导：${LEADER}（已解绑，不再算数）`);
    expect(view.text).toContain("关联的责任干部：成员0002（现绑定为企业负责人，不再算数）");
  });
});
