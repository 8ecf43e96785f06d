// The hazard's pure rules: every move from every state, overdue and days left, the 督办 clock, field checks,
// who gets which buttons, and the card staying under 30 KB whatever the text.
import { describe, expect, it } from "vitest";
import { hazardCard } from "../cards/hazard";
import { hazardFormCard } from "../cards/hazard-form";
import { hazardListCard } from "../cards/hazard-list";
import { availableMoves, canSeeHazard, type Viewer } from "../src/domain/hazard-access";
import { checkHazardFields, checkSupervision, parseHazardNumber } from "../src/domain/hazard-input";
import {
  dueText,
  HAZARD_STATUSES,
  type HazardMove,
  isOverdue,
  nextStatus,
  progressDueDate,
} from "../src/domain/hazard-lifecycle";
import { CARD_MAX_BYTES, validateCard } from "../src/feishu/card-rules/validate";
import type { HazardDetail } from "../src/store/hazards";

describe("moves", () => {
  const table: Record<(typeof HAZARD_STATUSES)[number], Record<HazardMove, string>> = {
    待整改: { progress: "整改中", rectified: "待验收", close: "×", return: "×", supervise: "待整改" },
    整改中: { progress: "整改中", rectified: "待验收", close: "×", return: "×", supervise: "整改中" },
    待验收: { progress: "待验收", rectified: "×", close: "已销号", return: "整改中", supervise: "待验收" },
    已销号: { progress: "×", rectified: "×", close: "×", return: "×", supervise: "×" },
    已撤销: { progress: "×", rectified: "×", close: "×", return: "×", supervise: "×" },
  };
  for (const status of HAZARD_STATUSES) {
    for (const move of Object.keys(table[status]) as HazardMove[]) {
      it(`${status} + ${move} → ${table[status][move]}`, () => {
        const result = nextStatus(status, move);
        expect(result.ok ? result.to : "×").toBe(table[status][move]);
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(5);
      });
    }
  }
});

describe("dates and clocks", () => {
  it("overdue means past the deadline and not closed", () => {
    expect(isOverdue("2023-06-30", "整改中", "2023-07-01")).toBe(true);
    expect(isOverdue("2023-07-01", "整改中", "2023-07-01")).toBe(false);
    expect(isOverdue("2023-06-30", "已销号", "2023-07-01")).toBe(false);
    expect(isOverdue("2023-06-30", "已撤销", "2023-07-01")).toBe(false);
  });

  it("days left read as people say them", () => {
    expect(dueText("2023-07-31", "2023-07-01")).toBe("剩 30 天");
    expect(dueText("2023-07-01", "2023-07-01")).toBe("今天到期");
    expect(dueText("2023-06-28", "2023-07-01")).toBe("已超期 3 天");
  });

  it("county 30, city 60, township as set", () => {
    expect(progressDueDate("县级", "2023-07-01", 15)).toBe("2023-07-31");
    expect(progressDueDate("市级", "2023-07-01", 15)).toBe("2023-08-30");
    expect(progressDueDate("镇级", "2023-07-01", 15)).toBe("2023-07-16");
    expect(progressDueDate("镇级", "2023-12-25", 10)).toBe("2024-01-04");
  });
});

describe("input", () => {
  const o = { year: 2023, today: "2023-07-01", emptyIs: "problem" as const };

  it("hazard numbers in any case, width or padding", () => {
    expect(parseHazardNumber("YH-2023-0007")).toBe("YH-2023-0007");
    expect(parseHazardNumber("yh-2023-7")).toBe("YH-2023-0007");
    expect(parseHazardNumber("ＹＨ－２０２３－００１２")).toBe("YH-2023-0012");
    expect(parseHazardNumber("2023-0007")).toBeNull();
    expect(parseHazardNumber("YH-23-0007")).toBeNull();
  });

  it("defaults 来源 to 部门检查 and 等级 to 重大, and lists what is missing", () => {
    const check = checkHazardFields({ unit: "应急办" }, o);
    expect(check.values).toEqual({ unit: "应急办", source: "部门检查", level: "重大" });
    expect(check.missing).toEqual(["enterprise", "sector", "description", "measures", "deadline"]);
    expect(check.problems).toEqual([]);
  });

  it("counts characters, not bytes, against 1,000", () => {
    expect(checkHazardFields({ description: "很".repeat(1000) }, o).problems).toEqual([]);
    expect(checkHazardFields({ description: "很".repeat(1001) }, o).problems).toEqual([
      "描述太长：1001 个字，最多 1000 个字。",
    ]);
  });

  it("an empty typed value is a problem; an empty form field is just missing", () => {
    expect(checkHazardFields({ measures: " " }, o).problems).toEqual(["措施不能为空。"]);
    const form = checkHazardFields({ measures: " " }, { ...o, emptyIs: "missing" });
    expect(form.problems).toEqual([]);
    expect(form.missing).toContain("measures");
  });

  it("dates: this year, impossible ones, past ones with a warning", () => {
    expect(checkHazardFields({ deadline: "7月31日" }, o).values.deadline).toBe("2023-07-31");
    expect(checkHazardFields({ deadline: "2023-02-29" }, o).problems[0]).toContain("2023年2月只有28天");
    expect(checkHazardFields({ deadline: "2023-06-01" }, o).warnings).toEqual([
      "期限 2023-06-01 已经过去，登记后即为超期。",
    ]);
  });

  it("督办: 层级 and 文号 required, 日期 defaults to today", () => {
    expect(checkSupervision({ level: "县级", doc: "X号" }, o)).toEqual({
      ok: true,
      value: { level: "县级", doc: "X号", date: "2023-07-01" },
    });
    expect(checkSupervision({}, o)).toEqual({
      ok: false,
      problems: ["缺少层级：写 层级=镇级/县级/市级。", "缺少文号：写 文号=督办文件的名称及文号。"],
    });
  });
});

describe("who gets which buttons", () => {
  const hazard = { unitId: 3, enterpriseId: 7, status: "待验收" as const };
  const viewers: [string, Viewer, string[]][] = [
    [
      "管理员",
      { role: "管理员", unitId: null, enterpriseId: null },
      ["progress", "close", "return", "supervise"],
    ],
    ["领导", { role: "领导", unitId: null, enterpriseId: null }, ["close", "return", "supervise"]],
    ["own unit's 干部", { role: "干部", unitId: 3, enterpriseId: null }, ["progress"]],
    ["another unit's 干部", { role: "干部", unitId: 4, enterpriseId: null }, []],
    ["the enterprise's head", { role: "企业负责人", unitId: 3, enterpriseId: 7 }, ["progress"]],
    ["another enterprise's head", { role: "企业负责人", unitId: 3, enterpriseId: 8 }, []],
  ];
  for (const [who, viewer, moves] of viewers) {
    it(who, () => {
      expect(availableMoves(viewer, hazard)).toEqual(moves);
      expect(canSeeHazard(viewer, hazard)).toBe(moves.length > 0);
    });
  }
});

describe("cards stay valid and under 30 KB", () => {
  const worst = "<".repeat(1000);
  const detail: HazardDetail = {
    hazard: {
      id: 1,
      number: "YH-2023-0001",
      revision: 0,
      unitId: 1,
      enterpriseId: null,
      enterpriseName: "<".repeat(100),
      descriptionKey: null,
      sectorId: 1,
      description: worst,
      measures: worst,
      deadline: "2023-07-31",
      foundOn: "2023-06-01",
      source: "部门检查",
      level: "重大",
      status: "整改中",
      progressMetOn: null,
      deadlineExtensions: 9,
      originalDeadline: "2023-06-30",
      reportedBy: "ou_a",
      checkedBy: "ou_b",
      closedAt: null,
      chatId: null,
      cardMessageId: null,
      createdAt: 0,
      updatedAt: 0,
      unitName: "应急办",
      sectorName: "道路交通",
      enterpriseHead: null,
    },
    events: Array.from({ length: 10 }, (_, i) => ({
      id: i + 1,
      hazardId: 1,
      at: 0,
      actor: "ou_a",
      kind: i % 2 === 0 ? ("progress" as const) : ("photo" as const),
      note: worst,
      fromStatus: null,
      toStatus: null,
      imageKey: `img_v3_${i}`,
      selfCheck: i % 3 === 0,
    })),
    eventCount: 500,
    rectifiedBy: "ou_a",
    // More postings than a card lists, each with the longest 文号 and reason.
    postings: Array.from({ length: 12 }, (_, i) => ({
      id: i + 1,
      hazardId: 1,
      level: (["镇级", "县级", "市级"] as const)[i % 3]!,
      doc: "<".repeat(100),
      postedOn: "2023-06-01",
      dueOn: "2023-07-01",
      postedBy: "ou_a",
      postedAt: i,
      withdrawnAt: i % 2 === 0 ? i : null,
      withdrawnBy: i % 2 === 0 ? "ou_a" : null,
      withdrawReason: i % 2 === 0 ? worst : null,
    })),
  };

  it("the hazard card with every text at its longest", () => {
    const card = hazardCard({
      detail,
      today: "2023-07-01",
      timezone: "Asia/Shanghai",
      names: new Map([["ou_a", "<".repeat(50)]]),
      moves: ["progress", "rectified", "close", "return", "supervise"],
      notices: [worst],
      mentions: Array.from({ length: 20 }, (_, i) => `ou_cadre${i}`),
    });
    expect(validateCard(card)).toEqual([]);
    expect(new TextEncoder().encode(JSON.stringify(card)).length).toBeLessThan(CARD_MAX_BYTES);
    expect(JSON.stringify(card)).not.toContain("<<");
  });

  it("the list card and the form", () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({
      number: `YH-2023-000${i}`,
      unitName: "应急办",
      enterpriseName: "很".repeat(100),
      sectorName: "道路交通",
      description: "很".repeat(60),
      status: "整改中" as const,
      deadline: "2023-07-31",
      level: "重大" as const,
      source: "部门检查" as const,
      foundOn: "2023-06-01",
      supervisionLevel: i % 2 === 0 ? null : ("市级" as const),
    }));
    const list = hazardListCard({
      rows,
      total: 1000,
      page: 3,
      pageSize: 10,
      filterText: ["企业=很很很"],
      filterValue: { filter: { labels: ["企业=很很很"] } },
      today: "2023-07-01",
    });
    expect(validateCard(list)).toEqual([]);
    const form = hazardFormCard({
      units: Array.from({ length: 60 }, (_, i) => `村${i}`),
      sectors: ["消防"],
      values: { description: "很".repeat(1000), measures: "很".repeat(1000) },
      notices: ["还缺：企业。"],
    });
    expect(validateCard(form)).toEqual([]);
  });
});
