// Every refusal leaves the ledger as it was: bad input (unknown names with the closest valid ones, impossible
// dates, empty and over-long text), illegal moves, and people who may not do the thing, typed or pressed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { ADMIN, type Harness } from "./support/harness";
import {
  addEnterprise,
  ask,
  askCard,
  bind,
  cardText,
  hazardButton,
  hazardRow,
  ledger,
  newHazardLine,
  startLedger,
  titleOf,
} from "./support/ledger";

const CADRE = "ou_cadre0000000000000000000000001";
const OTHER_CADRE = "ou_cadre0000000000000000000000002";
const LEADER = "ou_leader000000000000000000000001";
const HEAD = "ou_head00000000000000000000000001";
const OTHER_HEAD = "ou_head00000000000000000000000002";
const STRANGER = "ou_stranger000000000000000000001";

let h: Harness;

// One bot for the whole file: each case checks that it changed nothing, so they cannot disturb each other.
beforeAll(async () => {
  h = await startLedger();
  const east = await addEnterprise(h, "东风加油站", "应急办", 5);
  const west = await addEnterprise(h, "西山石场", "水务站", 4);
  await bind(h, CADRE, "干部", { unit: "应急办" });
  await bind(h, OTHER_CADRE, "干部", { unit: "水务站" });
  await bind(h, LEADER, "领导");
  await bind(h, HEAD, "企业负责人", { enterpriseId: east });
  await bind(h, OTHER_HEAD, "企业负责人", { enterpriseId: west });
  await ask(h, newHazardLine()); // YH-2023-0001: 应急办, 东风加油站, 待整改
  await ask(h, newHazardLine({ unit: "水务站", enterprise: "西山石场", sector: "非煤矿山" })); // 0002
  await ask(h, "/隐患 整改完成 YH-2023-0002");
  await ask(h, "/隐患 销号 YH-2023-0002"); // 0002 closed
  expect((await hazardRow(h, "YH-2023-0002")).status).toBe("已销号");
}, 30_000);

afterEach(() => {
  expect(h.fake.refused).toEqual([]);
});

afterAll(async () => {
  await h.close();
});

async function refused(text: string, sender: string) {
  const before = await ledger(h);
  const card = await askCard(h, text, { sender });
  expect(await ledger(h)).toEqual(before);
  return { title: titleOf(card), text: cardText(card) };
}

const long = "很".repeat(1001);

describe("typed input that is wrong", () => {
  const cases: [string, string, string, string[]][] = [
    [
      "an unknown 领域, with the closest names",
      newHazardLine({ sector: "危化学品" }),
      "没看懂这条命令",
      ["没有名为「危化学品」的行业领域。你是不是要找：危险化学品", "正确写法", "/隐患 新增 单位=…"],
    ],
    [
      "an unknown 单位, with the closest names",
      newHazardLine({ unit: "应急局" }),
      "没看懂这条命令",
      ["没有名为「应急局」的单位。你是不是要找：应急办"],
    ],
    [
      "an impossible date",
      newHazardLine().replace("期限=7月31日", "期限=2023-02-30"),
      "没看懂这条命令",
      ["期限：日期「2023-02-30」不存在：2023年2月只有28天"],
    ],
    [
      "an unreadable date",
      newHazardLine().replace("期限=7月31日", "期限=下个月"),
      "没看懂这条命令",
      ["看不懂日期「下个月」"],
    ],
    [
      "an empty field",
      newHazardLine().replace("措施=「加装防雷接地并检测」", "措施=「」"),
      "没看懂这条命令",
      ["措施不能为空。"],
    ],
    [
      "a field left blank after =",
      newHazardLine().replace("措施=「加装防雷接地并检测」", "措施="),
      "没看懂这条命令",
      ["措施不能为空。"],
    ],
    [
      "over-long text",
      newHazardLine({ description: long }),
      "没看懂这条命令",
      ["描述太长：1001 个字，最多 1000 个字。"],
    ],
    ["an unknown key", `${newHazardLine()} 地点=仓库`, "没看懂这条命令", ["不认识参数「地点」"]],
    [
      "a wrong 来源",
      `${newHazardLine()} 来源=路人`,
      "没看懂这条命令",
      ["来源「路人」不对：只能是 企业自查、部门检查、上级检查、举报。"],
    ],
    [
      "a wrong 等级",
      `${newHazardLine()} 等级=特大`,
      "没看懂这条命令",
      ["等级「特大」不对：只能是 重大、一般。"],
    ],
    [
      "a number that is not one",
      "/隐患 查看 2023-1",
      "没看懂这条命令",
      ["「2023-1」不是隐患编号", "/隐患 查看 <编号>"],
    ],
    ["a number nobody has", "/隐患 查看 YH-2023-0099", "没有找到", ["没有编号为 YH-2023-0099 的隐患"]],
    [
      "进展 without text",
      "/隐患 进展 YH-2023-0001",
      "没看懂这条命令",
      ["进展情况不能为空。", "/隐患 进展 <编号> <进展情况>"],
    ],
    ["进展 too long", `/隐患 进展 YH-2023-0001 ${long}`, "没看懂这条命令", ["进展情况太长：1001 个字"]],
    ["退回 without 意见", "/隐患 退回 YH-2023-0001", "没看懂这条命令", ["意见不能为空。"]],
    ["督办 without 文号", "/隐患 督办 YH-2023-0001 层级=县级", "没看懂这条命令", ["缺少文号"]],
    [
      "督办 with a wrong 层级",
      "/隐患 督办 YH-2023-0001 层级=省级 文号=X",
      "没看懂这条命令",
      ["层级「省级」不对：只能是 镇级、县级、市级。"],
    ],
    ["列表 with a wrong 状态", "/隐患 列表 状态=完成了", "没看懂这条命令", ["状态「完成了」不对"]],
    ["列表 with a stray word", "/隐患 列表 全部", "没看懂这条命令", ["「全部」不是筛选条件"]],
  ];
  for (const [what, text, title, contains] of cases) {
    it(what, async () => {
      const answer = await refused(text, ADMIN);
      expect(answer.title).toBe(title);
      for (const c of contains) expect(answer.text).toContain(c);
    });
  }
});

describe("moves the hazard's state does not allow", () => {
  const cases: [string, string, string][] = [
    [
      "销号 before 整改完成",
      "/隐患 销号 YH-2023-0001",
      "这条隐患还是「待整改」，要先报整改完成、等待验收，才能销号。",
    ],
    [
      "退回 before 整改完成",
      "/隐患 退回 YH-2023-0001 不行",
      "只有待验收的隐患才能退回；这条隐患现在是「待整改」。",
    ],
    ["进展 on a closed hazard", "/隐患 进展 YH-2023-0002 又发现问题", "这条隐患已销号，闭环了，不能再办理。"],
    ["整改完成 on a closed hazard", "/隐患 整改完成 YH-2023-0002", "这条隐患已销号，闭环了，不能再办理。"],
    ["销号 twice", "/隐患 销号 YH-2023-0002", "这条隐患已销号，闭环了，不能再办理。"],
    [
      "督办 on a closed hazard",
      "/隐患 督办 YH-2023-0002 层级=县级 文号=X",
      "这条隐患已销号，闭环了，不能再办理。",
    ],
  ];
  for (const [what, text, reason] of cases) {
    it(what, async () => {
      const answer = await refused(text, ADMIN);
      expect(answer.title).toBe("现在不能这样办");
      expect(answer.text).toContain(reason);
    });
  }

  it("整改完成 twice", async () => {
    await ask(h, newHazardLine({ description: "第三条" })); // 0003
    await ask(h, "/隐患 整改完成 YH-2023-0003");
    const answer = await refused("/隐患 整改完成 YH-2023-0003", ADMIN);
    expect(answer.text).toContain("这条隐患已报整改完成，正在等待验收（销号或退回）。");
  });
});

describe("people who may not do it are told so", () => {
  const cases: [string, string, string, string, string][] = [
    [
      "a 干部 logging another unit's hazard",
      CADRE,
      newHazardLine({ unit: "水务站" }),
      "没有权限",
      "只能登记本单位的隐患",
    ],
    [
      "a 干部 updating another unit's hazard",
      OTHER_CADRE,
      "/隐患 进展 YH-2023-0001 看过了",
      "没有权限",
      "你只能查看和办理本单位的隐患",
    ],
    [
      "a 干部 viewing another unit's hazard",
      OTHER_CADRE,
      "/隐患 查看 YH-2023-0001",
      "没有权限",
      "属于「应急办」",
    ],
    [
      "a 干部 listing another unit",
      CADRE,
      "/隐患 列表 单位=水务站",
      "没有权限",
      "你只能查看本单位的隐患，看不到「水务站」的。",
    ],
    [
      "a 干部 closing",
      CADRE,
      "/隐患 销号 YH-2023-0001",
      "没有权限",
      "你的角色（干部）不能办理「/隐患 销号」",
    ],
    [
      "a 干部 supervising",
      CADRE,
      "/隐患 督办 YH-2023-0001 层级=县级 文号=X",
      "没有权限",
      "你的角色（干部）不能办理「/隐患 督办」",
    ],
    [
      "a 领导 reporting progress",
      LEADER,
      "/隐患 进展 YH-2023-0001 看过了",
      "没有权限",
      "你的角色（领导）不能办理「/隐患 进展」",
    ],
    [
      "an 企业负责人 logging",
      HEAD,
      newHazardLine(),
      "没有权限",
      "你的角色（企业负责人）不能办理「/隐患 新增」",
    ],
    [
      "an 企业负责人 updating another enterprise's hazard",
      OTHER_HEAD,
      "/隐患 整改完成 YH-2023-0001",
      "没有权限",
      "你只能查看和办理本企业的隐患",
    ],
    [
      "an 企业负责人 listing another enterprise",
      HEAD,
      "/隐患 列表 企业=西山石场",
      "没有权限",
      "你只能查看本企业的隐患，看不到「西山石场」的。",
    ],
    ["a person bound to nothing", STRANGER, "/隐患 列表", "请先绑定身份", "你还没有绑定身份"],
  ];
  for (const [what, who, text, title, reason] of cases) {
    it(what, async () => {
      const answer = await refused(text, who);
      expect(answer.title).toBe(title);
      expect(answer.text).toContain(reason);
    });
  }
});

describe("buttons check who presses them, and the state", () => {
  async function pressed(
    value: Record<string, unknown>,
    operator: string,
    formValue: Record<string, unknown> = {},
  ) {
    const before = await ledger(h);
    const answer = await h.click(value, { operator, formValue });
    expect(answer.body.card).toBeUndefined();
    expect(await ledger(h)).toEqual(before);
    return answer.body.toast;
  }

  it("a 干部 pressing 验收销号", async () => {
    expect(await pressed(await hazardButton(h, "hazard.close"), CADRE)).toEqual({
      type: "warning",
      content: "你的角色（干部）不能做这个操作",
    });
  });

  it("another unit's 干部 pressing 报进展", async () => {
    const toast = (await pressed(await hazardButton(h, "hazard.progress"), OTHER_CADRE, {
      note: "x",
    })) as {
      content: string;
    };
    expect(toast.content).toContain("你只能查看和办理本单位的隐患");
  });

  it("another enterprise's head pressing 整改完成", async () => {
    const toast = (await pressed(await hazardButton(h, "hazard.rectified"), OTHER_HEAD)) as {
      content: string;
    };
    expect(toast.content).toContain("你只能查看和办理本企业的隐患");
  });

  it("验收销号 pressed on a hazard not yet rectified", async () => {
    const toast = (await pressed(await hazardButton(h, "hazard.close"), LEADER)) as {
      content: string;
    };
    expect(toast.content).toBe(
      "隐患 YH-2023-0001 这条隐患还是「待整改」，要先报整改完成、等待验收，才能销号。",
    );
  });

  it("报进展 pressed with nothing written", async () => {
    expect(await pressed(await hazardButton(h, "hazard.progress"), CADRE, { note: "  " })).toEqual({
      type: "warning",
      content: "进展情况不能为空。",
    });
  });

  it("a 干部 turning the list page to another unit", async () => {
    const toast = await pressed(
      { action: "hazard.list.page", page: 0, filter: { unitId: 999, labels: [] } },
      CADRE,
    );
    expect(toast).toEqual({ type: "warning", content: "你只能查看本单位的隐患。" });
  });
});

describe("text that looks like code is stored and shown verbatim", () => {
  it("SQL, HTML and card markdown in a description cannot forge mentions or links", async () => {
    const evil = `'); DROP TABLE hazards;-- <at id=ou_evil></at> [点我](https://evil.example) **粗** <b>x</b> @_all`;
    const card = await askCard(h, newHazardLine({ description: evil }));
    const number = titleOf(card).replace("隐患 ", "");
    expect((await hazardRow(h, number)).description).toBe(evil);
    const json = JSON.stringify(card);
    expect(json).not.toContain("<at id=ou_evil>");
    expect(json).not.toContain("](https://evil.example)");
    expect(json).not.toContain("**粗**");
    expect(json).not.toContain("<b>");
    expect(cardText(card)).toContain(`重大隐患描述：${evil}`);
    const mentions = (card as Card).body.elements
      .filter((e) => e.tag === "markdown")
      .map((e) => String(e.content))
      .join("\n");
    expect(mentions).not.toMatch(/<at /);
  });
});
