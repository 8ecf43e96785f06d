// Input is never silently cut or lost (issue 7 part 3), through the HTTP route: values with spaces run to the
// command's next key, `/ 隐患` reads as the command, dates as cadres write them look ahead or back, a 新增 form
// fills 单位/领域 from the registered enterprise, and no typed line is answered with the generic 出错了.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { enterprises, hazardSupervisions, hazards } from "../db/schema";
import { ADMIN, type Harness } from "./support/harness";
import {
  addEnterprise,
  ask,
  askCard,
  cardText,
  hazardRow,
  ledger,
  newHazardLine,
  startLedger,
  titleOf,
} from "./support/ledger";

let h: Harness;

beforeAll(async () => {
  h = await startLedger(); // 2023-07-01
  await addEnterprise(h, "东风加油站", "应急办", 5);
}, 30_000);

afterEach(() => {
  expect(h.fake.refused).toEqual([]);
});

afterAll(async () => {
  await h.close();
});

async function lastHazard() {
  const rows = await h.bot.deps.db.select().from(hazards);
  return rows.at(-1)!;
}

describe("values with spaces run to the next key the command knows", () => {
  it("/企业 新增 keeps a 负责人 with a space whole", async () => {
    const card = await askCard(
      h,
      "/企业 新增 名称=曾家 五金店 单位=应急办 领域=危险化学品 负责人=曾 勇 电话=13800000002 挂点领导=李 四",
    );
    expect(titleOf(card)).not.toBe("填写有误");
    const row = await h.bot.deps.db
      .select()
      .from(enterprises)
      .where(eq(enterprises.name, "曾家 五金店"))
      .get();
    expect(row).toMatchObject({ headName: "曾 勇", headPhone: "13800000002", liaisonLeader: "李 四" });
  });

  it("/隐患 新增 keeps a 描述 that holds a colon and spaces", async () => {
    const before = (await ledger(h)).hazards.length;
    await ask(
      h,
      "/隐患 新增 单位=应急办 企业=东风加油站 领域=危险化学品 描述=门口 注意：杂物 堵塞通道 措施=清理 杂物 期限=7月31日",
    );
    expect((await ledger(h)).hazards).toHaveLength(before + 1);
    expect(await lastHazard()).toMatchObject({
      description: "门口 注意：杂物 堵塞通道",
      measures: "清理 杂物",
      deadline: "2023-07-31",
    });
  });

  it("/隐患 列表: a value ends at 超期, which still filters", async () => {
    const card = await askCard(h, "/隐患 列表 单位=应急办 超期");
    expect(titleOf(card)).not.toBe("填写有误");
    expect(cardText(card)).toContain("超期");
  });

  it("a word that looks like a misspelt key is refused with the right one, and nothing is written", async () => {
    const before = await ledger(h);
    const card = await askCard(
      h,
      "/隐患 新增 单位=应急办 企业=东风加油站 领域=危险化学品 描述=门口 堆放 措失=清理 期限=7月31日",
    );
    expect(await ledger(h)).toEqual(before);
    expect(titleOf(card)).toBe("没看懂这条命令");
    expect(cardText(card)).toContain("你是不是要写：措施？");
  });
});

describe("a space after the slash, or a slash alone", () => {
  it("/ 隐患 列表 is /隐患 列表", async () => {
    const card = await askCard(h, "/ 隐患 列表");
    expect(titleOf(card)).toBe((await askCard(h, "/隐患 列表")).header?.title.content);
  });

  it("／　帮助 is /帮助", async () => {
    expect(titleOf(await askCard(h, "／　帮助"))).toBe("安督能做什么");
  });

  it.each(["/", "／", " / "])("%j is answered with the help hint and writes nothing", async (text) => {
    const before = await ledger(h);
    const card = await askCard(h, text);
    expect(await ledger(h)).toEqual(before);
    expect(titleOf(card)).toBe("没看懂这条命令");
    expect(cardText(card)).toContain("/帮助");
  });
});

describe("dates as cadres write them", () => {
  it.each([
    ["12月31号", "2023-12-31"],
    ["2023.12.31", "2023-12-31"],
    ["12.31", "2023-12-31"],
    ["12/31", "2023-12-31"],
    ["2024年1月2号", "2024-01-02"],
    ["月底", "2023-07-31"],
    ["年底", "2023-12-31"],
    // typed on 2023-07-01: a 期限 without a year is the next such day, so June is next June
    ["6月30日", "2024-06-30"],
    ["7月1日", "2023-07-01"],
  ])("期限=%s is %s", async (typed, date) => {
    // Each its own description: the same one within 7 days is held as a likely duplicate.
    await ask(h, newHazardLine({ description: `期限写作${typed}` }).replace("期限=7月31日", `期限=${typed}`));
    expect((await lastHazard()).deadline).toBe(date);
  });

  it("a 督办 date without a year is the latest such day on or before today", async () => {
    await ask(h, newHazardLine({ description: "督办日期" }));
    const { number } = await lastHazard();
    await ask(h, `/隐患 督办 ${number} 层级=县级 文号=「兴安委办〔2023〕12号」 日期=12月31号`);
    const { id } = await hazardRow(h, number);
    const postings = await h.bot.deps.db
      .select()
      .from(hazardSupervisions)
      .where(eq(hazardSupervisions.hazardId, id));
    expect(postings.map((p) => p.postedOn)).toEqual(["2022-12-31"]);
  });

  it("a 发现日期 without a year is the latest such day on or before today", async () => {
    await ask(h, `${newHazardLine({ description: "发现日期" })} 发现日期=12.30`);
    expect((await lastHazard()).foundOn).toBe("2022-12-30");
  });
});

describe("the entry form fills 单位 and 领域 from a registered enterprise", () => {
  it("a form submitted without 单位 and 领域 takes the enterprise's", async () => {
    const before = (await ledger(h)).hazards.length;
    const answer = await h.click(
      { action: "hazard.create" },
      {
        messageId: "om_form_fill",
        operator: ADMIN,
        formValue: {
          enterprise: "东风加油站",
          description: "卸油区无静电接地",
          measures: "加装静电接地",
          deadline: "2023-08-31 +0800",
        },
      },
    );
    expect(answer.body.toast).toMatchObject({ type: "success" });
    expect((await ledger(h)).hazards).toHaveLength(before + 1);
    const row = await lastHazard();
    expect(row).toMatchObject({ enterpriseName: "东风加油站", sectorId: 5, description: "卸油区无静电接地" });
    expect(row.unitId).toBe((await h.bot.deps.db.select().from(enterprises).get())!.unitId);
  });

  it("a form without 单位 for an unregistered project is refused, naming 单位, and writes nothing", async () => {
    const before = await ledger(h);
    const answer = await h.click(
      { action: "hazard.create" },
      {
        messageId: "om_form_unregistered",
        operator: ADMIN,
        formValue: {
          enterprise: "某村自建房",
          sector: "建筑施工",
          description: "墙体开裂",
          measures: "停用加固",
          deadline: "2023-08-31",
        },
      },
    );
    expect(await ledger(h)).toEqual(before);
    expect(answer.body.toast).toEqual({ type: "warning", content: "请填写：单位。" });
  });

  it("a typed line with only a registered enterprise logs it with the enterprise's 单位 and 领域", async () => {
    await ask(h, "/隐患 新增 企业=东风加油站 描述=罩棚 锈蚀 措施=除锈 刷漆 期限=月底");
    expect(await lastHazard()).toMatchObject({
      description: "罩棚 锈蚀",
      sectorId: 5,
      deadline: "2023-07-31",
    });
  });
});

describe("no typed line ends in 出错了", () => {
  const lines = [
    "/",
    "/ ",
    "/隐患",
    "/隐患 新增 =",
    "/隐患 新增 描述=「",
    "/隐患 新增 期限=13月1日",
    "/隐患 列表 单位=",
    "/隐患 列表 发现=",
    "/隐患 查看",
    "/隐患 查看 YH-9999-9999",
    "/隐患 督办 YH-2023-0001 日期=",
    "/隐患 修改 YH-2023-0001 期限=",
    "/单位 新增 名称= 类型=",
    "/企业 新增 名称=",
    "/企业 查看",
    "/企业 导入 高危=",
    "/绑定 @ou_x 角色=",
    "/设置 镇级督办天数=",
    "/帮助 「",
    "/帮助 没有这条",
  ];
  it.each(lines)("%j", async (text) => {
    const before = await ledger(h);
    const card = await askCard(h, text);
    expect(titleOf(card)).not.toBe("出错了");
    expect(cardText(card)).not.toContain("出错了");
    expect(await ledger(h)).toEqual(before);
  });
});
