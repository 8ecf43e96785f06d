// 督办 as a history through the real doors: every posting kept, the highest standing, a lower one only with an
// admin's 确认=是, the clock met by the first 整改完成 after a posting or a leader's 实质进展 (a 退回 keeps it),
// withdrawals kept in the history, and the 重大 部门检查 hazard that waits too long for a posting flagged.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { ADMIN, type Harness } from "./support/harness";
import {
  ask,
  askCard,
  auditOf,
  bind,
  cardText,
  eventsOf,
  hazardButton,
  hazardRow,
  NOW,
  newHazardLine,
  postingsOf,
  refusal,
  startLedger,
} from "./support/ledger";

const CADRE = "ou_cadre0000000000000000000000001";
const LEADER = "ou_leader000000000000000000000001";
const N = "YH-2023-0001";

let h: Harness;

beforeEach(async () => {
  h = await startLedger();
  await bind(h, CADRE, "干部", { name: "李干部", unit: "应急办" });
  await bind(h, LEADER, "领导", { name: "张镇长" });
  await ask(h, newHazardLine(), { sender: CADRE });
});

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

const refused = (text: string, sender: string) => refusal(h, text, sender);

const view = async (sender = ADMIN) => cardText(await askCard(h, `/隐患 查看 ${N}`, { sender }));

describe("every posting is kept and the highest stands", () => {
  it("a higher posting over a lower one stands; the card lists both", async () => {
    await ask(h, `/隐患 督办 ${N} 层级=镇级 文号=高安委〔2023〕1号 日期=2023-06-20`, { sender: LEADER });
    const card = await askCard(h, `/隐患 督办 ${N} 层级=县级 文号=兴安委办〔2023〕12号 日期=2023-06-25`, {
      sender: LEADER,
    });
    const text = cardText(card);
    expect(text).toContain(
      "督办：县级挂牌督办（兴安委办〔2023〕12号，2023-06-25），实质进展期限 2023-07-25：剩 24 天取得实质性进展",
    );
    expect(text).toContain("督办记录（共 2 次，现行的是最高层级：镇级 < 县级 < 市级）");
    expect(text).toContain("2023-06-20　镇级（高安委〔2023〕1号），期限 2023-07-05，张镇长 登记");
    expect(text).toContain("2023-06-25　县级（兴安委办〔2023〕12号），期限 2023-07-25，张镇长 登记");
    expect((await postingsOf(h, N)).map((p) => [p.level, p.dueOn])).toEqual([
      ["镇级", "2023-07-05"],
      ["县级", "2023-07-25"],
    ]);
    expect((await eventsOf(h, N)).filter((e) => e.kind === "supervised")).toHaveLength(2);
  });

  it("a lower posting over a higher one is refused, unless an admin confirms it", async () => {
    await ask(h, `/隐患 督办 ${N} 层级=市级 文号=赣市安办〔2023〕3号`, { sender: LEADER });
    const plain = await refused(`/隐患 督办 ${N} 层级=县级 文号=兴安委办〔2023〕20号`, ADMIN);
    expect(plain.text).toContain(
      "隐患 YH-2023-0001 现行的是市级督办（赣市安办〔2023〕3号，2023-07-01），县级低于市级，不再登记。确要记入督办历史，请管理员在命令后加 确认=是（现行的仍是市级督办）。",
    );
    const leader = await refused(`/隐患 督办 ${N} 层级=县级 文号=兴安委办〔2023〕20号 确认=是`, LEADER);
    expect(leader.title).toBe("没有权限");
    expect(leader.text).toContain("低层级督办要由管理员加 确认=是 登记，你的角色（领导）不能确认。");
    const pressed = await h.click(await hazardButton(h, "hazard.supervise", N), {
      operator: ADMIN,
      formValue: { sup_level: "镇级", sup_doc: "高安委〔2023〕9号" },
    });
    expect((pressed.body.toast as { content: string }).content).toContain("镇级低于市级");
    expect(await postingsOf(h, N)).toHaveLength(1);
    expect(await refused(`/隐患 督办 ${N} 层级=县级 文号=X 确认=也许`, ADMIN)).toMatchObject({
      text: expect.stringContaining("确认「也许」不对：写 确认=是。"),
    });

    const card = await askCard(h, `/隐患 督办 ${N} 层级=县级 文号=兴安委办〔2023〕20号 确认=是`, {
      sender: ADMIN,
    });
    const text = cardText(card);
    expect(text).toContain("（低于现行的市级督办，经管理员确认记入督办历史）");
    expect(text).toContain("督办：市级挂牌督办（赣市安办〔2023〕3号，2023-07-01）");
    expect(text).toContain("督办记录（共 2 次");
    expect((await postingsOf(h, N)).map((p) => p.level)).toEqual(["市级", "县级"]);
  });

  it("the same 文号 twice is refused", async () => {
    await ask(h, `/隐患 督办 ${N} 层级=县级 文号=兴安委办〔2023〕12号`, { sender: LEADER });
    const again = await refused(`/隐患 督办 ${N} 层级=市级 文号=兴安委办〔2023〕12号`, LEADER);
    expect(again.text).toContain(
      "隐患 YH-2023-0001 已有文号「兴安委办〔2023〕12号」的县级督办（2023-07-01），同一文件不重复登记。",
    );
  });
});

describe("the clock is met by substantive progress", () => {
  it("the first 整改完成 after the posting, in time; a 退回 does not erase it; closed keeps it", async () => {
    await ask(h, `/隐患 督办 ${N} 层级=县级 文号=兴安委办〔2023〕12号`, { sender: LEADER });
    await ask(h, `/隐患 整改完成 ${N}`, { sender: CADRE });
    expect((await hazardRow(h, N)).progressMetOn).toBe("2023-07-01");
    expect(await view()).toContain("已于 2023-07-01 取得实质性进展（按期）");
    await ask(h, `/隐患 退回 ${N} 不到位`, { sender: LEADER });
    expect((await hazardRow(h, N)).progressMetOn).toBe("2023-07-01");
    expect(await view()).toContain("已于 2023-07-01 取得实质性进展（按期）");
    await ask(h, `/隐患 整改完成 ${N}`, { sender: CADRE });
    await ask(h, `/隐患 销号 ${N}`, { sender: ADMIN });
    expect(await view()).toContain("已于 2023-07-01 取得实质性进展（按期）");
  });

  it("a leader's 实质进展, with a note in the history; refused twice, without a posting, and to a 干部", async () => {
    const none = await refused(`/隐患 实质进展 ${N} 已停用`, LEADER);
    expect(none.text).toContain("隐患 YH-2023-0001 没有挂牌督办，无须确认实质性进展。");
    await ask(h, `/隐患 督办 ${N} 层级=县级 文号=兴安委办〔2023〕12号 日期=2023-05-20`, { sender: LEADER });
    expect(await view()).toContain("实质进展期限 2023-06-19：逾期 12 天未取得实质性进展");
    const cadre = await refused(`/隐患 实质进展 ${N}`, CADRE);
    expect(cadre.title).toBe("没有权限");
    const card = await askCard(h, `/隐患 实质进展 ${N} 储罐已停用清空  防雷设施已进场`, { sender: LEADER });
    expect(cardText(card)).toContain("已确认 2023-07-01 取得实质性进展（县级督办 兴安委办〔2023〕12号）。");
    expect(cardText(card)).toContain("已于 2023-07-01 取得实质性进展（逾期 12 天）");
    const row = await hazardRow(h, N);
    expect(row).toMatchObject({ progressMetOn: "2023-07-01", status: "待整改" });
    const events = await eventsOf(h, N);
    expect(events.at(-1)).toMatchObject({
      kind: "progress_met",
      actor: LEADER,
      note: "储罐已停用清空  防雷设施已进场",
    });
    expect((await auditOf(h, N)).at(-1)?.action).toBe("hazard.progress_met");
    const twice = await refused(`/隐患 实质进展 ${N}`, ADMIN);
    expect(twice.text).toContain(
      "已于 2023-07-01 取得实质性进展（县级督办 兴安委办〔2023〕12号），不必再确认。",
    );
  });

  it("a higher posting dated after the progress starts a clock of its own", async () => {
    await h.close();
    let clock = NOW;
    h = await startLedger({ now: () => clock });
    await bind(h, LEADER, "领导", { name: "张镇长" });
    await ask(h, newHazardLine());
    await ask(h, `/隐患 督办 ${N} 层级=镇级 文号=高安委〔2023〕1号 日期=2023-06-01`, { sender: LEADER });
    await ask(h, `/隐患 实质进展 ${N}`, { sender: LEADER });
    expect(await view()).toContain("已于 2023-07-01 取得实质性进展（逾期 15 天）");
    clock = Date.parse("2023-07-05T10:00:00+08:00");
    await ask(h, `/隐患 督办 ${N} 层级=市级 文号=赣市安办〔2023〕3号`, { sender: LEADER, createTime: clock });
    const text = cardText(await askCard(h, `/隐患 查看 ${N}`, { createTime: clock }));
    expect(text).toContain(
      "督办：市级挂牌督办（赣市安办〔2023〕3号，2023-07-05），实质进展期限 2023-09-03：剩 60 天取得实质性进展",
    );
    expect((await hazardRow(h, N)).progressMetOn).toBe("2023-07-01");
  });
});

describe("/隐患 撤销督办", () => {
  beforeEach(async () => {
    await ask(h, `/隐患 督办 ${N} 层级=县级 文号=兴安委办〔2023〕12号`, { sender: LEADER });
    await ask(h, `/隐患 督办 ${N} 层级=市级 文号=赣市安办〔2023〕3号`, { sender: LEADER });
  });

  it("withdraws a posting, kept in the history with why; the highest left stands", async () => {
    const card = await askCard(h, `/隐患 撤销督办 ${N} 文号=赣市安办〔2023〕3号 原因=「登记错了隐患」`);
    const text = cardText(card);
    expect(text).toContain(
      "已撤销市级督办（赣市安办〔2023〕3号），原因：登记错了隐患。现行的是县级督办（兴安委办〔2023〕12号）。",
    );
    expect(text).toContain("督办：县级挂牌督办（兴安委办〔2023〕12号，2023-07-01）");
    expect(text).toContain("已撤销：登记错了隐患");
    expect((await postingsOf(h, N)).map((p) => [p.level, p.withdrawnBy, p.withdrawReason])).toEqual([
      ["县级", null, null],
      ["市级", ADMIN, "登记错了隐患"],
    ]);
    expect((await eventsOf(h, N)).at(-1)).toMatchObject({
      kind: "supervision_withdrawn",
      note: "市级督办（赣市安办〔2023〕3号）：登记错了隐患",
    });
    await ask(h, `/隐患 撤销督办 ${N} 文号=兴安委办〔2023〕12号 原因=重复`);
    expect(await view()).toContain("督办：无（督办已全部撤销）");
    expect((await postingsOf(h, N)).every((p) => p.withdrawnAt !== null)).toBe(true);
  });

  it("refuses a 文号 not standing, a missing 原因, and anyone but an admin", async () => {
    const wrong = await refused(`/隐患 撤销督办 ${N} 文号=不存在 原因=错`, ADMIN);
    expect(wrong.text).toContain(
      "隐患 YH-2023-0001 没有文号为「不存在」的现行督办。现行的督办：「兴安委办〔2023〕12号」（县级）、「赣市安办〔2023〕3号」（市级）。",
    );
    const bare = await refused(`/隐患 撤销督办 ${N} 文号=赣市安办〔2023〕3号`, ADMIN);
    expect(bare.text).toContain("缺少原因：写 原因=为什么撤销。");
    expect(bare.text).toContain("/隐患 撤销督办 <编号> 文号=… 原因=…");
    const leader = await refused(`/隐患 撤销督办 ${N} 文号=赣市安办〔2023〕3号 原因=错`, LEADER);
    expect(leader.title).toBe("没有权限");
    await ask(h, `/隐患 撤销督办 ${N} 文号=赣市安办〔2023〕3号 原因=错`);
    const again = await refused(`/隐患 撤销督办 ${N} 文号=赣市安办〔2023〕3号 原因=错`, ADMIN);
    expect(again.text).toContain("没有文号为「赣市安办〔2023〕3号」的现行督办");
  });
});

describe("a 重大 hazard from 部门检查 with no posting after 3 days", () => {
  const numbersIn = (card: Card) => [...cardText(card).matchAll(/YH-2023-\d{4}/g)].map((m) => m[0]);

  it("is flagged on its card and in the list, and listed by 督办=无", async () => {
    await ask(h, `${newHazardLine({ description: "四天前" })} 发现日期=2023-06-27`); // 0002: flagged
    await ask(h, `${newHazardLine({ description: "三天前" })} 发现日期=2023-06-28`); // 0003: not yet
    await ask(h, `${newHazardLine({ description: "自查" })} 发现日期=2023-06-01 来源=企业自查`); // 0004
    await ask(h, `${newHazardLine({ description: "一般" })} 发现日期=2023-06-01 等级=一般`); // 0005
    await ask(h, `${newHazardLine({ description: "已督办" })} 发现日期=2023-06-01`); // 0006
    await ask(h, "/隐患 督办 YH-2023-0006 层级=镇级 文号=高安委〔2023〕5号", { sender: LEADER });
    expect(cardText(await askCard(h, "/隐患 查看 YH-2023-0002"))).toContain(
      "督办：未挂牌督办：部门检查发现的重大隐患，发现已 4 天（超过 3 天），应当挂牌督办",
    );
    expect(cardText(await askCard(h, "/隐患 查看 YH-2023-0003"))).not.toContain("督办：");
    const none = await askCard(h, "/隐患 列表 督办=无");
    expect(numbersIn(none).sort()).toEqual([
      "YH-2023-0001",
      "YH-2023-0002",
      "YH-2023-0003",
      "YH-2023-0004",
      "YH-2023-0005",
    ]);
    const table = none.body.elements.find((e) => e.tag === "table") as unknown as {
      rows: Record<string, string>[];
    };
    const flagged = table.rows.filter((r) => r.supervision === "应督办未督办").map((r) => r.number);
    expect(flagged).toEqual(["YH-2023-0002"]);
    expect(numbersIn(await askCard(h, "/隐患 列表 督办=有"))).toEqual(["YH-2023-0006"]);
    expect(numbersIn(await askCard(h, "/隐患 列表 督办=镇级"))).toEqual(["YH-2023-0006"]);
    expect(numbersIn(await askCard(h, "/隐患 列表 督办=县级"))).toEqual([]);
  });

  it("督办= by the standing level only; a bad value is refused", async () => {
    await ask(h, `/隐患 督办 ${N} 层级=镇级 文号=A号`, { sender: LEADER });
    await ask(h, `/隐患 督办 ${N} 层级=县级 文号=B号`, { sender: LEADER });
    expect(numbersIn(await askCard(h, "/隐患 列表 督办=县级"))).toEqual([N]);
    expect(numbersIn(await askCard(h, "/隐患 列表 督办=镇级"))).toEqual([]);
    await ask(h, `/隐患 撤销督办 ${N} 文号=B号 原因=错`);
    expect(numbersIn(await askCard(h, "/隐患 列表 督办=镇级"))).toEqual([N]);
    const bad = await refused("/隐患 列表 督办=省级", ADMIN);
    expect(bad.text).toContain("督办「省级」不对：只能是 镇级、县级、市级、有、无。");
  });
});
