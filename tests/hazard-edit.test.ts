// `/隐患 修改` through the real doors: corrections with their history and audit (who, when, old → new), a later
// 期限 as a counted extension that needs a 原因, 发现日期 never in the future, a new 单位 handing the hazard over
// (its 干部 told), and every refusal leaving the ledger as it was.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CADRE, HEAD, LEADER, startCorrections, WATER_CADRE } from "./support/corrections";
import { ADMIN, type Harness } from "./support/harness";
import {
  ask,
  askCard,
  auditOf,
  buttonLabels,
  cardText,
  eventsOf,
  hazardRow,
  NOW,
  refusal,
  titleOf,
  unitIdOf,
} from "./support/ledger";

let h: Harness;

beforeEach(async () => {
  h = await startCorrections();
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

describe("correcting a hazard", () => {
  it("changes the fields, and keeps who, when, old → new in the history and the audit", async () => {
    const card = await askCard(
      h,
      "/隐患 修改 YH-2023-0001 描述=「储罐区防雷设施损坏」 等级=一般 来源=上级检查 领域=消防 企业=西山石场 原因=现场复核",
      { sender: LEADER },
    );
    expect(titleOf(card)).toBe("隐患 YH-2023-0001");
    const text = cardText(card);
    expect(text).toContain(
      "已修改隐患 YH-2023-0001：企业：东风加油站 → 西山石场；领域：危险化学品 → 消防；描述：储罐区未设防雷设施 → 储罐区防雷设施损坏；来源：部门检查 → 上级检查；等级：重大 → 一般。原因：现场复核",
    );
    expect(text).toContain("重大隐患描述：储罐区防雷设施损坏");
    expect(text).toContain("等级：一般");
    expect(text).toMatch(/张镇长\s+修改：企业：东风加油站 → 西山石场/);

    const row = await hazardRow(h, "YH-2023-0001");
    expect(row).toMatchObject({
      description: "储罐区防雷设施损坏",
      level: "一般",
      source: "上级检查",
      sectorId: 2,
      enterpriseName: "西山石场",
      enterpriseId: expect.any(Number),
      status: "待整改",
      updatedAt: NOW,
    });
    const events = await eventsOf(h, "YH-2023-0001");
    expect(events.at(-1)).toMatchObject({
      kind: "edited",
      actor: LEADER,
      at: NOW,
      fromStatus: "待整改",
      toStatus: "待整改",
    });
    const audit = (await auditOf(h, "YH-2023-0001")).at(-1)!;
    expect(audit).toMatchObject({ action: "hazard.edit", actor: LEADER, at: NOW });
    expect(JSON.parse(audit.before!)).toMatchObject({
      description: "储罐区未设防雷设施",
      level: "重大",
      source: "部门检查",
      sectorId: 5,
      enterpriseName: "东风加油站",
    });
    expect(JSON.parse(audit.after!)).toMatchObject({
      description: "储罐区防雷设施损坏",
      level: "一般",
      source: "上级检查",
      sectorId: 2,
      enterpriseName: "西山石场",
      reason: "现场复核",
    });
  });

  it("counts a later 期限 as an extension, with its 原因, and shows how many times from which date", async () => {
    const first = await askCard(h, "/隐患 修改 YH-2023-0001 期限=8月31日 原因=「设备到货推迟」", {
      sender: CADRE,
    });
    expect(cardText(first)).toContain("整改期限：2023-08-31（剩 61 天），已延期 1 次，原期限 2023-07-31");
    const second = await askCard(h, "/隐患 修改 YH-2023-0001 期限=2023-09-30 原因=雨季停工", {
      sender: ADMIN,
    });
    expect(cardText(second)).toContain("已延期 2 次，原期限 2023-07-31");
    // An earlier 期限 is a correction, not an extension: no 原因 needed, the count stays.
    const earlier = await askCard(h, "/隐患 修改 YH-2023-0001 期限=9月15日", { sender: ADMIN });
    expect(cardText(earlier)).toContain("整改期限：2023-09-15（剩 76 天），已延期 2 次，原期限 2023-07-31");
    expect(await hazardRow(h, "YH-2023-0001")).toMatchObject({
      deadline: "2023-09-15",
      deadlineExtensions: 2,
      originalDeadline: "2023-07-31",
    });
    const notes = (await eventsOf(h, "YH-2023-0001")).filter((e) => e.kind === "edited").map((e) => e.note);
    expect(notes).toEqual([
      "期限：2023-07-31 → 2023-08-31（第 1 次延期，原期限 2023-07-31）。原因：设备到货推迟",
      "期限：2023-08-31 → 2023-09-30（第 2 次延期，原期限 2023-07-31）。原因：雨季停工",
      "期限：2023-09-30 → 2023-09-15",
    ]);
  });

  it("corrects 发现日期 to a past day; without a year it is the latest such day", async () => {
    await ask(h, "/隐患 修改 YH-2023-0001 发现日期=2023-06-20", { sender: CADRE });
    expect((await hazardRow(h, "YH-2023-0001")).foundOn).toBe("2023-06-20");
    await ask(h, "/隐患 修改 YH-2023-0001 发现日期=12月30日", { sender: CADRE });
    expect((await hazardRow(h, "YH-2023-0001")).foundOn).toBe("2022-12-30");
    const notes = (await eventsOf(h, "YH-2023-0001")).slice(-2).map((e) => e.note);
    expect(notes).toEqual(["发现日期：2023-07-01 → 2023-06-20", "发现日期：2023-06-20 → 2022-12-30"]);
  });

  it("hands the hazard to a new 单位, whose 干部 are told and may now act on it", async () => {
    const before = h.fake.messages.length;
    const card = await askCard(h, "/隐患 修改 YH-2023-0001 单位=水务站 原因=属水务站管辖", { sender: ADMIN });
    expect(cardText(card)).toContain("部门/村居：水务站");
    expect((await hazardRow(h, "YH-2023-0001")).unitId).toBe(await unitIdOf(h, "水务站"));
    const told = h.fake.messages
      .slice(before)
      .find((m) => m.msg_type === "interactive" && JSON.stringify(m.content).includes("移交本单位"));
    expect(told).toBeDefined();
    const content = JSON.stringify(told!.content);
    expect(content).toContain(`<at id=${WATER_CADRE}></at>`);
    expect(content).toContain("已由「应急办」移交本单位整改");
    expect(content).not.toContain(CADRE);
    // The new unit's 干部 now has the buttons; the old unit's no longer sees it.
    const theirs = await askCard(h, "/隐患 查看 YH-2023-0001", { sender: WATER_CADRE });
    expect(buttonLabels(theirs)).toEqual(["报进展", "整改完成", "修改"]);
    const old = await askCard(h, "/隐患 查看 YH-2023-0001", { sender: CADRE });
    expect(titleOf(old)).toBe("没有权限");
  });
});

describe("refusals change nothing", () => {
  const refused = (text: string, sender: string) => refusal(h, text, sender);

  it.each([
    ["an 企业负责人", "/隐患 修改 YH-2023-0001 描述=改了", HEAD, "没有权限", "不能办理「/隐患 修改」"],
    [
      "another unit's 干部",
      "/隐患 修改 YH-2023-0001 描述=改了",
      WATER_CADRE,
      "没有权限",
      "你只能查看和办理本单位",
    ],
    [
      "an extension without 原因",
      "/隐患 修改 YH-2023-0001 期限=8月31日",
      ADMIN,
      "填写有误",
      "是延期，要写明原因",
    ],
    [
      "a 发现日期 in the future",
      "/隐患 修改 YH-2023-0001 发现日期=2023-07-02",
      ADMIN,
      "填写有误",
      "发现日期不能是将来",
    ],
    ["an unknown key", "/隐患 修改 YH-2023-0001 状态=已销号", ADMIN, "没看懂这条命令", "不认识参数「状态」"],
    ["nothing to change", "/隐患 修改 YH-2023-0001", ADMIN, "没看懂这条命令", "没有写要改什么"],
    ["the same value", "/隐患 修改 YH-2023-0001 等级=重大", ADMIN, "填写有误", "没有改动"],
    ["a bad 等级", "/隐患 修改 YH-2023-0001 等级=特大", ADMIN, "填写有误", "只能是 重大、一般"],
    ["an empty 描述", "/隐患 修改 YH-2023-0001 描述=", ADMIN, "填写有误", "描述不能改为空"],
    ["an unknown 单位", "/隐患 修改 YH-2023-0001 单位=应急局", ADMIN, "填写有误", "没有名为「应急局」的单位"],
    ["no such hazard", "/隐患 修改 YH-2023-0099 等级=一般", ADMIN, "", "没有编号为 YH-2023-0099 的隐患"],
  ])("%s", async (_, line, sender, title, words) => {
    const r = await refused(line, sender);
    if (title !== "") expect(r.title).toBe(title);
    expect(r.text).toContain(words);
  });

  it("once 已销号", async () => {
    await ask(h, "/隐患 整改完成 YH-2023-0001", { sender: CADRE });
    await ask(h, "/隐患 销号 YH-2023-0001", { sender: ADMIN });
    const r = await refused("/隐患 修改 YH-2023-0001 描述=改了", ADMIN);
    expect(r.text).toContain("已销号，闭环的记录不能再修改");
  });
});
