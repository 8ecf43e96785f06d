// Names people type for units and sectors: folding, short forms, closest-name suggestions; the seeded
// reference data (idempotent); and /单位 列表 / 新增, which add the villages the plan does not name.
import { afterEach, describe, expect, it } from "vitest";
import { auditLog, sectors, units } from "../db/schema";
import { closestNames, findByName, foldName } from "../src/domain/names";
import { seedReferenceData } from "../src/store/reference";
import { listUnits } from "../src/store/units";
import { bindAs, cardOf, replyOf } from "./support/exchange";
import { ADMIN, type Harness, startHarness } from "./support/harness";

describe("folding and matching", () => {
  const entries = [
    { name: "高兴派出所", aliases: ["派出所"] },
    { name: "危险化学品", aliases: ["危化"] },
    { name: "村（辖区）", aliases: ["村"] },
    { name: "某某烟花爆竹零售店", aliases: [] },
  ];

  it("folds width, spaces and bracket style, keeping the text otherwise", () => {
    expect(foldName(" 曾　勇 ")).toBe("曾勇");
    expect(foldName("村(辖区)")).toBe("村（辖区）");
    expect(foldName("ＡＢＣ")).toBe("abc");
  });

  it("finds by name or short form, folded", () => {
    expect(findByName("派出所", entries)?.name).toBe("高兴派出所");
    expect(findByName("危化", entries)?.name).toBe("危险化学品");
    expect(findByName("村(辖区)", entries)?.name).toBe("村（辖区）");
    expect(findByName("某某 烟花爆竹零售店", entries)?.name).toBe("某某烟花爆竹零售店");
    expect(findByName("派出", entries)).toBeUndefined();
  });

  it("suggests the closest names: containment and abbreviations first, then small typos", () => {
    expect(closestNames("派出", entries)).toEqual(["高兴派出所"]);
    expect(closestNames("危险化学", entries)).toEqual(["危险化学品"]);
    expect(closestNames("某某烟花店", entries)).toEqual(["某某烟花爆竹零售店"]);
    expect(closestNames("气象", entries)).toEqual([]);
  });
});

describe("with a bot", () => {
  let h: Harness;

  afterEach(async () => {
    expect(h.fake.refused).toEqual([]);
    await h.close();
  });

  describe("reference data", () => {
    it("seeds the 15 sectors with their people and the township's units; a re-seed duplicates nothing", async () => {
      h = await startHarness();
      const db = h.bot.deps.db;
      await replyOf(h, "/单位 新增 名称=东坑村 类型=村居");
      await seedReferenceData(db);
      await seedReferenceData(db);
      const sectorRows = await db.select().from(sectors);
      expect(sectorRows).toHaveLength(15);
      expect(sectorRows.find((s) => s.id === 10)).toMatchObject({
        name: "烟花爆竹",
        leadersText: "陈中、刘威宏",
        cadresText: "赵文华、高兴派出所干部",
      });
      const unitRows = await db.select().from(units);
      expect(unitRows).toHaveLength(18);
      expect(unitRows.filter((u) => u.kind === "政府").map((u) => u.name)).toEqual(["高兴镇人民政府"]);
      expect(unitRows.filter((u) => u.kind === "村居").map((u) => u.name)).toEqual(["东坑村"]);
    });
  });

  describe("/单位", () => {
    it("lists the units with their kinds and short forms", async () => {
      h = await startHarness();
      const r = await replyOf(h, "/单位 列表");
      expect(r.title).toBe("报送单位");
      // Every unit is counted in one of the parts: 1 + 16 + 0 = 17.
      expect(r.text).toContain("共 17 个：镇政府 1 个，镇直（驻镇）单位 16 个，村（居） 0 个。");
      expect(r.text).toContain("/单位 新增 名称=某某村 类型=村居");
      const table = cardOf(r.message).body.elements.find((e) => e.tag === "table")!;
      const rows = table.rows as Record<string, string>[];
      expect(rows[0]).toEqual({
        name: "高兴镇人民政府",
        kind: "政府",
        aliases: "镇政府、高兴镇政府、镇人民政府",
      });
      expect(rows).toContainEqual({ name: "高兴派出所", kind: "镇直", aliases: "派出所" });
    });

    it("adds a village with short forms that commands then accept, audited", async () => {
      h = await startHarness();
      const r = await replyOf(h, "/单位 新增 名称=东坑村 类型=村 简称=东坑、东坑村委会");
      expect(r.title).toBe("已添加单位");
      expect(r.text).toContain("单位：东坑村");
      expect(r.text).toContain("类型：村居");
      expect(r.text).toContain("也可写作：东坑、东坑村委会");
      const village = (await listUnits(h.bot.deps.db)).find((u) => u.name === "东坑村");
      expect(village).toMatchObject({ kind: "村居", aliases: ["东坑", "东坑村委会"] });
      const [audit] = await h.bot.deps.db.select().from(auditLog);
      expect(audit).toMatchObject({ actor: ADMIN, action: "unit.create", subjectId: String(village!.id) });
      const bound = await replyOf(h, "/绑定 @甲 角色=干部 单位=东坑", {
        mentions: [{ openId: "ou_jia0000000000000000000000001", name: "甲" }],
      });
      expect(bound.text).toContain("单位：东坑村");
    });

    it.each([
      ["/单位 新增 名称=高兴派出所 类型=镇直", "已有单位「高兴派出所」，没有重复添加。"],
      ["/单位 新增 名称=派出所 类型=镇直", "「派出所」已是单位「高兴派出所」的名称或简称。"],
      ["/单位 新增 名称=东坑村 类型=村居 简称=四中", "「四中」已是单位「兴国四中」的名称或简称。"],
    ])("refuses a name already taken: %s", async (line, reason) => {
      h = await startHarness();
      const r = await replyOf(h, line);
      expect(r.title).toBe("现在不能这样办");
      expect(r.text).toContain(reason);
      expect(await h.bot.deps.db.select().from(units)).toHaveLength(17);
    });

    it.each([
      ["/单位 新增 名称=东坑村", "缺少类型（类型=村居 或 类型=镇直）"],
      ["/单位 新增 名称=东坑村 类型=政府", "类型应是 村居 或 镇直，「政府」不行"],
      ["/单位 新增 类型=村居", "缺少名称（名称=…）"],
      ["/单位 新增 名字=东坑村 类型=村居", "不认识参数「名字」"],
    ])("refuses bad input: %s", async (line, reason) => {
      h = await startHarness();
      const r = await replyOf(h, line);
      expect(r.title).toBe(reason.startsWith("不认识参数") ? "没看懂这条命令" : "填写有误");
      expect(r.text).toContain(reason);
      expect(r.text).toContain("/单位 新增 名称=… 类型=村居/镇直 [简称=…、…]");
      expect(await h.bot.deps.db.select().from(units)).toHaveLength(17);
    });

    it("answers an unknown unit or sector with the closest valid names", async () => {
      h = await startHarness();
      expect((await replyOf(h, "/企业 列表 单位=派出")).text).toContain(
        "没有名为「派出」的单位。你是不是要找：高兴派出所？",
      );
      expect((await replyOf(h, "/企业 列表 领域=烟火爆竹")).text).toContain(
        "没有名为「烟火爆竹」的行业领域。你是不是要找：烟花爆竹？",
      );
      expect((await replyOf(h, "/企业 列表 单位=派出所")).text).toContain("共 0 家（单位：高兴派出所）");
    });

    it("adding is for admins; listing for every member", async () => {
      h = await startHarness();
      const cadre = "ou_cadre000000000000000000000001";
      await bindAs(h, cadre, "干部", { unit: "应急办" });
      expect((await replyOf(h, "/单位 新增 名称=东坑村 类型=村居", { sender: cadre })).title).toBe(
        "没有权限",
      );
      expect((await replyOf(h, "/单位 列表", { sender: cadre })).title).toBe("报送单位");
    });
  });
});
