// /设置 through the real door, and effectiveSetting, the one door other code reads settings through:
// a value stored in chat wins over the environment, which wins over the default.
import { afterEach, describe, expect, it } from "vitest";
import { auditLog, settings } from "../db/schema";
import { effectiveSetting } from "../src/bot/settings";
import { botAddedPayload, encryptedDelivery, GROUP_CHAT } from "./support/events";
import { bindAs, cardOf, replyOf, textOf } from "./support/exchange";
import { ADMIN, type Harness, startHarness } from "./support/harness";

let h: Harness;

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

const stored = () => h.bot.deps.db.select().from(settings);
const tableRows = async (line: string) => {
  const r = await replyOf(h, line);
  return cardOf(r.message).body.elements.find((e) => e.tag === "table")!.rows as Record<string, string>[];
};

describe("listing", () => {
  it("shows each setting with its value and where it comes from", async () => {
    h = await startHarness();
    expect(await tableRows("/设置")).toEqual([
      {
        name: "调度群",
        value: "（未设置）",
        source: "未设置",
        summary: "接收周调度、月小结、季通报等定时卡片和绑定申请的群",
      },
      {
        name: "镇级督办天数",
        value: "15",
        source: "默认",
        summary: "镇级挂牌督办的隐患须见到实质进展的天数",
      },
      {
        name: "专项开始",
        value: "2023-05-01",
        source: "默认",
        summary: "专项整治的起始日：月报、调度表的累计数从这天算起",
      },
      {
        name: "允许自验",
        value: "否",
        source: "默认",
        summary: "是：报整改完成的人也可以自己销号、退回（记为自验）；否：须由别人验收",
      },
      {
        name: "提醒宽限工作日",
        value: "2",
        source: "默认",
        summary: "提醒发出后几个工作日仍无人点「已知悉」就升级（先到挂点领导、责任干部，再到调度群的管理员）",
      },
      {
        name: "超期加急",
        value: "否",
        source: "默认",
        summary:
          "升级的超期重大隐患是否同时用飞书加急（应用内加急，需开通 im:message.urgent 权限，有额度限制）",
      },
      {
        name: "专项结束",
        value: "（未设置）",
        source: "未设置",
        summary: "专项整治的结束日：之后的隐患不再计入专项；不设则一直进行",
      },
      {
        name: "季度隐患目标",
        value: "10",
        source: "默认",
        summary: "全镇每季度至少排查的重大事故隐患条数（全镇的目标，各单位只显示占比）",
      },
    ]);
    expect(await effectiveSetting(h.bot.deps, "专项结束")).toBeNull();
    expect(await effectiveSetting(h.bot.deps, "季度隐患目标")).toBe(10);
    expect(await effectiveSetting(h.bot.deps, "允许自验")).toBe(false);
    expect(await effectiveSetting(h.bot.deps, "调度群")).toBeNull();
    expect(await effectiveSetting(h.bot.deps, "镇级督办天数")).toBe(15);
    expect(await effectiveSetting(h.bot.deps, "专项开始")).toBe("2023-05-01");
  });

  it("the environment's group is the fallback; /设置 本群为调度群 wins over it", async () => {
    h = await startHarness({ env: { FEISHU_GROUP_CHAT_ID: "oc_envgroup" } });
    expect((await tableRows("/设置"))[0]).toMatchObject({ value: "oc_envgroup", source: "环境变量" });
    expect(await effectiveSetting(h.bot.deps, "调度群")).toBe("oc_envgroup");
    const r = await replyOf(h, "/设置 本群为调度群");
    expect(r.title).toBe("设置已保存");
    expect(r.text).toContain(`调度群：${GROUP_CHAT}（本群）`);
    expect(await effectiveSetting(h.bot.deps, "调度群")).toBe(GROUP_CHAT);
    expect((await tableRows("/设置"))[0]).toMatchObject({
      value: `${GROUP_CHAT}（本群）`,
      source: "群内设置",
    });
    expect(await stored()).toEqual([
      expect.objectContaining({ key: "调度群", value: GROUP_CHAT, updatedBy: ADMIN }),
    ]);
  });
});

describe("changing", () => {
  it("stores a checked value with an audit row; effectiveSetting returns it typed", async () => {
    h = await startHarness();
    const r = await replyOf(h, "/设置 镇级督办天数=20");
    expect(r.text).toContain("镇级督办天数：20");
    expect(await effectiveSetting(h.bot.deps, "镇级督办天数")).toBe(20);
    const [audit] = await h.bot.deps.db.select().from(auditLog);
    expect(audit).toMatchObject({
      actor: ADMIN,
      action: "setting.change",
      subjectId: "镇级督办天数",
      after: '"20"',
    });
  });

  it("changes several at once; dates in any accepted form, a month-day in the message's year", async () => {
    // The clock reads the message's day: an older message would be past the replay window.
    h = await startHarness({ now: () => Date.parse("2023-05-20T02:05:00Z") });
    await replyOf(h, "/设置 镇级督办天数=30天 专项开始=6月1日", {
      createTime: Date.parse("2023-05-20T02:00:00Z"),
    });
    expect(await effectiveSetting(h.bot.deps, "镇级督办天数")).toBe(30);
    expect(await effectiveSetting(h.bot.deps, "专项开始")).toBe("2023-06-01");
    await replyOf(h, "/设置 专项开始=2023/5/8");
    expect(await effectiveSetting(h.bot.deps, "专项开始")).toBe("2023-05-08");
    await replyOf(h, "/设置 专项结束=2023-12-31 季度隐患目标=12条");
    expect(await effectiveSetting(h.bot.deps, "专项结束")).toBe("2023-12-31");
    expect(await effectiveSetting(h.bot.deps, "季度隐患目标")).toBe(12);
  });

  it("lists a year the holiday data does not cover, which the scheduler counts Monday–Friday", async () => {
    const in2099 = Date.parse("2099-03-01T10:00:00+08:00");
    h = await startHarness({ now: () => in2099 });
    const r = await replyOf(h, "/设置", { createTime: in2099 });
    expect(r.text).toContain("节假日数据（chinese-days）还没有 2099 年的官方安排");
    const in2023 = Date.parse("2023-03-01T10:00:00+08:00");
    h.bot.deps.now = () => in2023;
    expect((await replyOf(h, "/设置", { createTime: in2023 })).text).not.toContain("节假日数据");
  });

  it.each([
    ["/设置 镇级督办天数=0", "镇级督办天数应是 1–90 的整数，「0」不行"],
    ["/设置 镇级督办天数=91", "镇级督办天数应是 1–90 的整数，「91」不行"],
    ["/设置 镇级督办天数=1.5", "镇级督办天数应是 1–90 的整数，「1.5」不行"],
    ["/设置 专项开始=2023-02-30", "专项开始：日期「2023-02-30」不存在：2023年2月只有28天"],
    ["/设置 调度群=12345", "「12345」不是群的 chat_id（以 oc_ 开头）"],
    ["/设置 镇级督办天数=10 专项开始=明天", "专项开始：看不懂日期「明天」"],
    ["/设置 督办天数=3", "没有名为「督办天数」的设置。你是不是要写：镇级督办天数？"],
    ["/设置 季度隐患目标=0", "季度隐患目标应是 1–1000 的整数，「0」不行"],
    ["/设置 专项结束=年中", "专项结束：看不懂日期「年中」"],
    ["/设置 天数", "看不懂「天数」：设置写成 名称=值"],
  ])("refuses %s and writes nothing", async (line, reason) => {
    h = await startHarness();
    const r = await replyOf(h, line);
    // A key or a word that could not be read, or a value that was refused: each has its own header.
    expect(r.title).toBe(/没有名为|看不懂「/.test(reason) ? "没看懂这条命令" : "填写有误");
    expect(r.text).toContain(reason);
    expect(await stored()).toEqual([]);
    expect(await h.bot.deps.db.select().from(auditLog)).toEqual([]);
  });

  it("「默认」 clears a stored value back to the environment or default", async () => {
    h = await startHarness();
    await replyOf(h, "/设置 镇级督办天数=40");
    const r = await replyOf(h, "/设置 镇级督办天数=默认");
    expect(r.text).toContain("镇级督办天数：已恢复为环境变量或默认值");
    expect(await stored()).toEqual([]);
    expect(await effectiveSetting(h.bot.deps, "镇级督办天数")).toBe(15);
  });

  it("a stored value that no longer passes its check falls back rather than breaking callers", async () => {
    h = await startHarness();
    await h.bot.deps.db.insert(settings).values({ key: "镇级督办天数", value: "abc", updatedBy: "test" });
    expect(await effectiveSetting(h.bot.deps, "镇级督办天数")).toBe(15);
  });

  it("the dispatch group is set in a group, not in a private chat", async () => {
    h = await startHarness();
    const r = await replyOf(h, "/设置 本群为调度群", { chatType: "p2p", chatId: "oc_p2p_admin" });
    expect(r.text).toContain("调度群要在群里设置");
    expect(await stored()).toEqual([]);
  });

  it("is for admins only", async () => {
    h = await startHarness();
    const leader = "ou_leader00000000000000000000001";
    await bindAs(h, leader, "领导");
    for (const line of ["/设置", "/设置 镇级督办天数=20", "/设置 本群为调度群"]) {
      expect((await replyOf(h, line, { sender: leader })).title).toBe("没有权限");
    }
    expect(await stored()).toEqual([]);
  });
});

describe("a group the bot is added to", () => {
  it("gets a welcome card saying how to set it up", async () => {
    h = await startHarness();
    await h.deliver(encryptedDelivery(botAddedPayload("oc_new_group")));
    await h.settle();
    const [welcome] = h.fake.messages;
    expect(welcome).toMatchObject({ kind: "create", receive_id: "oc_new_group" });
    const text = textOf(welcome);
    expect(text).toContain("/设置 本群为调度群");
    expect(text).toContain("/绑定 @某人 角色=干部 单位=应急办");
  });
});

describe("the reminders' settings", () => {
  it.each([
    ["/设置 提醒宽限工作日=3", "提醒宽限工作日", 3],
    ["/设置 提醒宽限工作日=3个工作日", "提醒宽限工作日", 3],
    ["/设置 超期加急=是", "超期加急", true],
  ] as const)("%s is stored", async (line, key, value) => {
    h = await startHarness();
    await h.ask(line);
    expect(await effectiveSetting(h.bot.deps, key)).toBe(value);
  });

  it.each([
    ["/设置 提醒宽限工作日=0", "1–10 的整数"],
    ["/设置 提醒宽限工作日=两天", "1–10 的整数"],
    ["/设置 超期加急=也许", "超期加急只能写 是 或 否，「也许」不行"],
  ])("%s is refused, nothing stored", async (line, why) => {
    h = await startHarness();
    await h.ask(line);
    const reply = h.fake.messages.at(-1);
    expect(JSON.stringify(reply?.content)).toContain(why);
    expect(await effectiveSetting(h.bot.deps, "提醒宽限工作日")).toBe(2);
    expect(await effectiveSetting(h.bot.deps, "超期加急")).toBe(false);
  });
});
