// Members' own phones through the real door: /绑定 … 电话=… by an admin, /我 and /我 电话=… by the member, masked
// in every group card and whole only in a private chat with the member or an admin; refusals write nothing.
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, bindRequests, members } from "../db/schema";
import { maskPhone } from "../src/domain/phone";
import { memberContact } from "../src/store/member-phones";
import { bindAs, replyOf } from "./support/exchange";
import { ADMIN, type Harness, startHarness } from "./support/harness";

const ZHANG = "ou_zhang000000000000000000000001";
const LEADER = "ou_leader00000000000000000000002";
const NOBODY = "ou_nobody0000000000000000000003";

let h: Harness;
const db = () => h.bot.deps.db;

beforeEach(async () => {
  h = await startHarness();
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

const zhang = { mentions: [{ openId: ZHANG, name: "张三" }] };
const privately = { chatType: "p2p" as const, chatId: "oc_private_1" };

async function snapshot() {
  return {
    members: await db().select().from(members).orderBy(asc(members.openId)),
    audit: await db().select().from(auditLog).orderBy(asc(auditLog.id)),
    requests: await db().select().from(bindRequests),
  };
}

async function refused(text: string, o: Parameters<typeof replyOf>[2] = {}) {
  const before = await snapshot();
  const r = await replyOf(h, text, o);
  expect(await snapshot()).toEqual(before);
  return r;
}

const phoneOf = async (openId: string) =>
  (await db().select().from(members).where(eq(members.openId, openId)).get())?.phone;

describe("the mask", () => {
  it.each([
    ["13800000001", "138****0001"],
    ["0797-1234567", "0797-***4567"],
    ["010-12345678", "010-****5678"],
  ])("shows %s as %s", (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});

describe("/绑定 … 电话= by an admin", () => {
  it("binds with a phone, normalised, masked in the group's answer, audited", async () => {
    const r = await replyOf(h, "/绑定 @张三 角色=干部 单位=应急办 电话=138 0000 0001", zhang);
    expect(r.title).toBe("已绑定");
    expect(r.text).toContain("电话：138****0001");
    expect(r.text).not.toContain("13800000001");
    expect(await phoneOf(ZHANG)).toBe("13800000001");
    const audit = await db().select().from(auditLog).where(eq(auditLog.action, "member.bind"));
    expect(JSON.parse(audit[0]!.after ?? "{}")).toMatchObject({ phone: "13800000001" });
  });

  it("sets, changes and clears a bound member's phone; whole only when said privately", async () => {
    await bindAs(h, ZHANG, "干部", { unit: "应急办" });
    const set = await replyOf(h, "/绑定 @张三 电话=0797-1234567", zhang);
    expect(set.text).toBe("已把 成员0001 的电话记为 0797-***4567（群里打码显示）。");
    const changed = await replyOf(h, "/绑定 @张三 电话=13800000002", { ...zhang, ...privately });
    expect(changed.text).toBe("已把 成员0001 的电话记为 13800000002（群里打码显示）。");
    expect(await phoneOf(ZHANG)).toBe("13800000002");
    const cleared = await replyOf(h, "/绑定 @张三 电话=无", zhang);
    expect(cleared.text).toBe("已清除 成员0001 的电话。");
    expect(await phoneOf(ZHANG)).toBeNull();
    const audit = await db().select().from(auditLog).where(eq(auditLog.action, "member.phone"));
    expect(audit.map((a) => [a.actor, a.subjectId, JSON.parse(a.before!), JSON.parse(a.after!)])).toEqual([
      [ADMIN, ZHANG, { phone: null }, { phone: "0797-1234567" }],
      [ADMIN, ZHANG, { phone: "0797-1234567" }, { phone: "13800000002" }],
      [ADMIN, ZHANG, { phone: "13800000002" }, { phone: null }],
    ]);
  });

  it("refuses a bad number, someone not bound, the same number, 领域 with 电话, and a request with 电话", async () => {
    const bad = await refused("/绑定 @张三 角色=干部 单位=应急办 电话=12345", zhang);
    expect(bad.title).toBe("填写有误");
    expect(bad.text).toContain("电话「12345」不是有效的电话号码：手机写 11 位（如 13800000001），座机带区号");
    const unbound = await refused("/绑定 @张三 电话=13800000001", zhang);
    expect(unbound.text).toContain("还没有绑定，电话记在成员上：先 /绑定 @张三 角色=… 电话=…");
    await bindAs(h, ZHANG, "干部", { unit: "应急办" });
    await replyOf(h, "/绑定 @张三 电话=13800000001", zhang);
    const same = await refused("/绑定 @张三 电话=138-0000-0001", zhang);
    expect(same.text).toContain("成员0001 的电话和现在一样，没有改动。");
    const both = await refused("/绑定 @张三 领域=消防 电话=13800000003", zhang);
    expect(both.text).toContain("领域= 和 电话= 请分两条发");
    const request = await refused("/绑定 角色=干部 单位=应急办 电话=13800000004", { sender: NOBODY });
    expect(request.text).toContain("申请绑定时不用写电话：绑定后发 /我 电话=… 自己填写。");
    const byCadre = await refused("/绑定 @张三 电话=13800000005", { ...zhang, sender: ZHANG });
    expect(byCadre.title).toBe("没有权限");
  });
});

describe("/我", () => {
  beforeEach(async () => {
    await bindAs(h, ZHANG, "干部", { unit: "应急办" });
    await bindAs(h, LEADER, "领导");
  });

  it("shows one's own binding, the phone masked in a group and whole in a private chat", async () => {
    await replyOf(h, "/绑定 @张三 电话=13800000001", zhang);
    const group = await replyOf(h, "/我", { sender: ZHANG });
    expect(group.title).toBe("我的绑定");
    expect(group.text).toContain("成员：成员0001");
    expect(group.text).toContain("角色：干部");
    expect(group.text).toContain("单位：应急办");
    expect(group.text).toContain("电话：138****0001");
    expect(group.text).not.toContain("13800000001");
    const alone = await replyOf(h, "/我", { sender: ZHANG, ...privately });
    expect(alone.text).toContain("电话：13800000001");
    expect((await replyOf(h, "/我", { sender: LEADER })).text).toContain("电话：未填写");
  });

  it("sets and clears one's own phone, audited as one's own act", async () => {
    const set = await replyOf(h, "/我 电话=+86 138 0000 0009", { sender: LEADER });
    expect(set.text).toContain("已更新你的电话。");
    expect(set.text).toContain("电话：138****0009");
    expect(await phoneOf(LEADER)).toBe("13800000009");
    expect(await memberContact(db(), LEADER)).toEqual({ name: "成员0002", phone: "13800000009" });
    expect(await memberContact(db(), NOBODY)).toBeNull();
    const cleared = await replyOf(h, "/我 电话=无", { sender: LEADER, ...privately });
    expect(cleared.text).toContain("已清除你的电话。");
    expect(cleared.text).toContain("电话：未填写");
    const audit = await db().select().from(auditLog).where(eq(auditLog.action, "member.phone"));
    expect(audit.map((a) => [a.actor, a.subjectId])).toEqual([
      [LEADER, LEADER],
      [LEADER, LEADER],
    ]);
  });

  it("refuses a bad number, the same number, stray words, someone unbound and an unbound admin", async () => {
    const bad = await refused("/我 电话=0797-12", { sender: ZHANG });
    expect(bad.title).toBe("填写有误");
    expect(bad.text).toContain("电话「0797-12」不是有效的电话号码");
    const none = await refused("/我 电话=无", { sender: ZHANG });
    expect(none.text).toContain("你还没有填电话，没有要清除的。");
    const stray = await refused("/我 13800000001", { sender: ZHANG });
    expect(stray.text).toContain("改电话写 /我 电话=13800000001");
    const nobody = await refused("/我 电话=13800000001", { sender: NOBODY });
    expect(nobody.title).toBe("请先绑定身份");
    const envAdmin = await refused("/我", { sender: ADMIN });
    expect(envAdmin.text).toContain("你是 ADMIN_OPEN_IDS 设定的管理员，还没有成员记录");
  });
});

describe("/成员 shows phones", () => {
  it("masked in a group and to a leader, whole to an admin in a private chat", async () => {
    await bindAs(h, LEADER, "领导");
    await replyOf(h, "/绑定 @张三 角色=干部 单位=应急办 电话=13800000001", zhang);
    expect((await replyOf(h, "/成员")).text).toContain("138****0001");
    expect((await replyOf(h, "/成员", { sender: LEADER, ...privately })).text).toContain("138****0001");
    const admin = await replyOf(h, "/成员", privately);
    expect(admin.text).toContain("13800000001");
  });
});
