// Pins the command grammar of CONTRACT "Talking to the bot", so every command reads arguments the same way.
import { describe, expect, it } from "vitest";
import {
  isCommandText,
  joinValues,
  type KnownWords,
  named,
  normaliseWord,
  type ParsedLine,
  ParseError,
  parseLine,
  positional,
  restAfter,
  type Token,
} from "../commands/parse";

interface Reading {
  name: string;
  positional: string[];
  named: Record<string, string>;
}

function read(text: string, lenient = false): Reading {
  const line = parseLine(text, { lenient });
  return { name: line.name, positional: positional(line.tokens), named: named(line.tokens) };
}

function parseErrorOf(run: () => unknown): ParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error("expected a ParseError");
}

describe("parseLine: name, positional and named arguments", () => {
  const cases: [string, string, Reading][] = [
    ["bare command", "/帮助", { name: "帮助", positional: [], named: {} }],
    ["full-width slash", "／帮助", { name: "帮助", positional: [], named: {} }],
    ["surrounding spaces", "  /帮助 \n", { name: "帮助", positional: [], named: {} }],
    ["full-width spaces", "／隐患　新增", { name: "隐患", positional: ["新增"], named: {} }],
    ["a space after the slash", "/ 隐患 列表", { name: "隐患", positional: ["列表"], named: {} }],
    ["a full-width space after ／", "／　隐患", { name: "隐患", positional: [], named: {} }],
    ["glued words are not split", "/隐患新增", { name: "隐患新增", positional: [], named: {} }],
    ["full-width letters in the command word", "／ＨＥＬＰ", { name: "HELP", positional: [], named: {} }],
    [
      "ASCII equals",
      "/隐患 新增 单位=应急办",
      { name: "隐患", positional: ["新增"], named: { 单位: "应急办" } },
    ],
    [
      "ASCII colon",
      "/隐患 新增 单位:应急办",
      { name: "隐患", positional: ["新增"], named: { 单位: "应急办" } },
    ],
    [
      "full-width colon",
      "/隐患 新增 单位：应急办",
      { name: "隐患", positional: ["新增"], named: { 单位: "应急办" } },
    ],
    [
      "full-width equals",
      "/隐患 新增 单位＝应急办",
      { name: "隐患", positional: ["新增"], named: { 单位: "应急办" } },
    ],
    ["full-width letters in a key", "/设置 ＡＢ＝1", { name: "设置", positional: [], named: { AB: "1" } }],
    ["full-width digits in a key", "/设置 第１＝x", { name: "设置", positional: [], named: { 第1: "x" } }],
    [
      "ASCII-quoted value",
      '/隐患 新增 描述="a b"',
      { name: "隐患", positional: ["新增"], named: { 描述: "a b" } },
    ],
    [
      "curly-quoted value",
      "/隐患 新增 描述=“a b”",
      { name: "隐患", positional: ["新增"], named: { 描述: "a b" } },
    ],
    [
      "corner-quoted value",
      "/隐患 新增 描述=「仓库 未设置」",
      { name: "隐患", positional: ["新增"], named: { 描述: "仓库 未设置" } },
    ],
    [
      "quote after full-width colon",
      "/企业 新增 名称：「a b」",
      { name: "企业", positional: ["新增"], named: { 名称: "a b" } },
    ],
    [
      "quote after full-width equals",
      "/企业 新增 名称＝“x y”",
      { name: "企业", positional: ["新增"], named: { 名称: "x y" } },
    ],
    [
      "ASCII-quoted positional",
      '/企业 查看 "高兴 化工"',
      { name: "企业", positional: ["查看", "高兴 化工"], named: {} },
    ],
    [
      "curly-quoted positional",
      "/企业 查看 “高兴 化工”",
      { name: "企业", positional: ["查看", "高兴 化工"], named: {} },
    ],
    [
      "corner-quoted positional",
      "/企业 查看 「高兴 化工」",
      { name: "企业", positional: ["查看", "高兴 化工"], named: {} },
    ],
    ["empty quoted positional", '/企业 查看 ""', { name: "企业", positional: ["查看", ""], named: {} }],
    [
      "curly quotes inside corner quotes",
      "/隐患 新增 描述=「他说“好”了」",
      { name: "隐患", positional: ["新增"], named: { 描述: "他说“好”了" } },
    ],
    [
      "corner quotes and a space inside ASCII quotes",
      '/隐患 新增 描述="引用「原文」 见附件"',
      { name: "隐患", positional: ["新增"], named: { 描述: "引用「原文」 见附件" } },
    ],
    [
      "ASCII quotes inside curly quotes",
      '/隐患 新增 描述=“a "b" c”',
      { name: "隐患", positional: ["新增"], named: { 描述: 'a "b" c' } },
    ],
    [
      "same-kind quote glued to text stays inside",
      "/隐患 新增 描述=「他说「好」了」",
      { name: "隐患", positional: ["新增"], named: { 描述: "他说「好」了" } },
    ],
    [
      "full-width space inside quotes is kept",
      "/隐患 新增 描述=「仓库　未设置」",
      { name: "隐患", positional: ["新增"], named: { 描述: "仓库　未设置" } },
    ],
    ["empty value", "/隐患 新增 描述=", { name: "隐患", positional: ["新增"], named: { 描述: "" } }],
    ["empty quoted value", '/隐患 新增 描述=""', { name: "隐患", positional: ["新增"], named: { 描述: "" } }],
    [
      "equals after the first separator stays in the value",
      "/隐患 督办 文号=高府发〔2023〕14号=x",
      { name: "隐患", positional: ["督办"], named: { 文号: "高府发〔2023〕14号=x" } },
    ],
    [
      "ASCII colon inside a value",
      "/设置 时间=10:30",
      { name: "设置", positional: [], named: { 时间: "10:30" } },
    ],
    [
      "colon value after full-width colon",
      "/设置 时间：10:30",
      { name: "设置", positional: [], named: { 时间: "10:30" } },
    ],
    ["first separator wins", "/设置 a:b=c", { name: "设置", positional: [], named: { a: "b=c" } }],
    [
      "full-width characters in values stay full-width",
      "/企业 新增 名称=ＡＢＣ１２３",
      { name: "企业", positional: ["新增"], named: { 名称: "ＡＢＣ１２３" } },
    ],
    [
      "emoji in a value",
      "/案例 新增 描述=🔥x",
      { name: "案例", positional: ["新增"], named: { 描述: "🔥x" } },
    ],
    ["mention is a positional", "/解绑 @ou_abc", { name: "解绑", positional: ["@ou_abc"], named: {} }],
    [
      "mention with equals is not split",
      "/解绑 @ou_abc=1",
      { name: "解绑", positional: ["@ou_abc=1"], named: {} },
    ],
    ["mention with colon is not split", "/解绑 @ou:x", { name: "解绑", positional: ["@ou:x"], named: {} }],
    [
      "mention then named arguments",
      "/绑定 @ou_x 角色=干部 单位=应急办",
      { name: "绑定", positional: ["@ou_x"], named: { 角色: "干部", 单位: "应急办" } },
    ],
    [
      "newline separation",
      "/隐患 新增\n单位=应急办\n描述=x",
      { name: "隐患", positional: ["新增"], named: { 单位: "应急办", 描述: "x" } },
    ],
    ["CRLF separation", "/隐患 列表\r\n超期", { name: "隐患", positional: ["列表", "超期"], named: {} }],
    [
      "tabs and runs of spaces",
      "/隐患   列表\t\t超期",
      { name: "隐患", positional: ["列表", "超期"], named: {} },
    ],
    [
      "runs of full-width spaces",
      "/隐患 列表 单位=a　　　企业=b",
      { name: "隐患", positional: ["列表"], named: { 单位: "a", 企业: "b" } },
    ],
    ["space after the slash", "/帮助 隐患", { name: "帮助", positional: ["隐患"], named: {} }],
    [
      "quote in the middle is literal",
      '/企业 查看 a"b',
      { name: "企业", positional: ["查看", 'a"b'], named: {} },
    ],
    ["trailing quote is literal", "/企业 查看 ab”", { name: "企业", positional: ["查看", "ab”"], named: {} }],
    [
      "closing quote first is literal",
      "/企业 查看 」ab",
      { name: "企业", positional: ["查看", "」ab"], named: {} },
    ],
    [
      "quotes inside an unquoted value",
      "/案例 新增 描述=a「b」c",
      { name: "案例", positional: ["新增"], named: { 描述: "a「b」c" } },
    ],
    [
      "a URL is split at its colon",
      "/帮助 http://x",
      { name: "帮助", positional: [], named: { http: "//x" } },
    ],
    [
      "quoted positional then key=value",
      '/企业 查看 "a b" c=d',
      { name: "企业", positional: ["查看", "a b"], named: { c: "d" } },
    ],
    ["period and by", "/排名 本月 按=单位", { name: "排名", positional: ["本月"], named: { 按: "单位" } }],
    [
      "month positional",
      "/调度表 2023-06 领域=危化",
      { name: "调度表", positional: ["2023-06"], named: { 领域: "危化" } },
    ],
    ["setting", "/设置 镇级督办天数=15", { name: "设置", positional: [], named: { 镇级督办天数: "15" } }],
    [
      "hazard number and free text",
      "/隐患 进展 YH-2023-0001 已完成",
      { name: "隐患", positional: ["进展", "YH-2023-0001", "已完成"], named: {} },
    ],
    [
      "contract vector",
      "／隐患　新增　单位：应急办　描述=「仓库未设置防雷设施」 期限=2023年7月31日",
      {
        name: "隐患",
        positional: ["新增"],
        named: { 单位: "应急办", 描述: "仓库未设置防雷设施", 期限: "2023年7月31日" },
      },
    ],
  ];

  it.each(cases)("%s: %s", (_label, text, expected) => {
    expect(read(text)).toEqual(expected);
  });
});

describe("parseLine: errors", () => {
  const cases: [string, string, string][] = [
    ["unclosed ASCII quote", '/隐患 新增 描述="仓库 未设置', '引号没有闭合："仓库 未设置（缺少结尾的 "）'],
    ["unclosed curly quote", "/隐患 新增 描述=“仓库", "引号没有闭合：“仓库（缺少结尾的 ”）"],
    [
      "unclosed corner quote, long text cut short",
      "/隐患 新增 描述=「仓库未设置防雷设施和避雷针 期限=7月31日",
      "引号没有闭合：「仓库未设置防雷设施…（缺少结尾的 」）",
    ],
    ["unclosed positional quote", "/企业 查看 「高兴 化工", "引号没有闭合：「高兴 化工（缺少结尾的 」）"],
    [
      "text glued after a closing quote",
      "/隐患 新增 描述=「仓库」未设置",
      "引号结束后要留空格：「仓库」未设置",
    ],
    ["empty key", "/隐患 新增 =x", "参数「=x」缺少名称，应写成 名称=值"],
    [
      "empty key before a full-width colon",
      "/隐患 新增 ：应急办",
      "参数「：应急办」缺少名称，应写成 名称=值",
    ],
    ["not a command", "隐患 新增", "命令要以 / 开头，例如 /帮助"],
    ["slash alone", "/", "/ 后面缺少命令词，例如 /帮助"],
    ["full-width slash alone", " ／ ", "/ 后面缺少命令词，例如 /帮助"],
  ];

  it.each(cases)("%s: %s", (_label, text, message) => {
    const error = parseErrorOf(() => parseLine(text));
    expect(error.message).toBe(message);
    expect(error.name).toBe("ParseError");
  });
});

describe("joinValues: an unquoted value runs to the next key the command knows", () => {
  const hazard: KnownWords = { keys: ["单位", "企业", "描述", "措施", "期限"], flags: ["超期"] };
  const cases: [string, string, KnownWords, Record<string, string>, string[], string[]][] = [
    [
      "a name with a space",
      "/企业 新增 负责人=曾 勇 电话=13800000001",
      { keys: ["负责人", "电话"] },
      { 负责人: "曾 勇", 电话: "13800000001" },
      [],
      [],
    ],
    [
      "a colon inside a value",
      "/隐患 新增 描述=门口 注意：杂物 措施=清理",
      hazard,
      { 描述: "门口 注意：杂物", 措施: "清理" },
      [],
      ["注意"],
    ],
    [
      "spaces kept as typed",
      "/隐患 新增 描述=门口　 堆放   杂物",
      hazard,
      { 描述: "门口　 堆放   杂物" },
      [],
      [],
    ],
    [
      "a space after =",
      "/隐患 新增 描述= 门口 杂物 期限=7月31日",
      hazard,
      { 描述: "门口 杂物", 期限: "7月31日" },
      [],
      [],
    ],
    [
      "an empty value stays empty",
      "/隐患 新增 措施= 期限=7月31日",
      hazard,
      { 措施: "", 期限: "7月31日" },
      [],
      [],
    ],
    ["a flag word ends a value", "/隐患 列表 单位=应急办 超期", hazard, { 单位: "应急办" }, ["超期"], []],
    [
      "a mention ends a value",
      "/绑定 角色=干部 @ou_x 单位=应急办",
      { keys: ["角色", "单位"] },
      { 角色: "干部", 单位: "应急办" },
      ["@ou_x"],
      [],
    ],
    [
      "a quoted value is not extended",
      "/隐患 新增 描述=「门口」 杂物",
      hazard,
      { 描述: "门口" },
      ["杂物"],
      [],
    ],
    ["words before any key stay words", "/企业 查看 高兴 化工", { keys: ["名称"] }, {}, ["高兴", "化工"], []],
    [
      "a full-width key of the command ends a value",
      "/隐患 新增 描述=门口 措施：清理",
      hazard,
      { 描述: "门口", 措施: "清理" },
      [],
      [],
    ],
    [
      "without a key list, any key= ends a value",
      "/x 原因=写错 了 单位=应急办",
      {},
      { 原因: "写错 了", 单位: "应急办" },
      [],
      [],
    ],
  ];

  it.each(cases)("%s: %s", (_label, text, known, values, words, glued) => {
    const joined = joinValues(parseLine(text), known);
    expect(named(joined.line.tokens)).toEqual(values);
    // after the first word (the subcommand, or the first key when there is none)
    expect(positional(joined.line.tokens.slice(1))).toEqual(words);
    expect(joined.glued).toEqual(glued);
  });

  it("keeps restAfter working on the joined tokens", () => {
    const joined = joinValues(parseLine("/企业 新增 负责人=曾 勇 电话=1"), { keys: ["负责人", "电话"] });
    expect(restAfter(joined.line, 2)).toBe("电话=1");
  });
});

describe("named: duplicate keys", () => {
  const cases: [string, string, string][] = [
    ["same key twice", "/隐患 新增 单位=a 单位=b", "参数「单位」写了两次，只能写一次"],
    ["same key, different separators", "/隐患 新增 单位=a 单位：b", "参数「单位」写了两次，只能写一次"],
    ["keys equal after NFKC", "/设置 ＡＢ=1 AB=2", "参数「AB」写了两次，只能写一次"],
  ];

  it.each(cases)("%s: %s", (_label, text, message) => {
    const line = parseLine(text);
    expect(parseErrorOf(() => named(line.tokens)).message).toBe(message);
  });

  it("keeps keys such as __proto__ as ordinary properties", () => {
    const values = named(parseLine("/设置 __proto__=x").tokens);
    expect(Object.keys(values)).toEqual(["__proto__"]);
    expect(Object.getOwnPropertyDescriptor(values, "__proto__")?.value).toBe("x");
  });
});

describe("parseLine: lenient mode turns body problems into literal words", () => {
  const cases: [string, string, Reading][] = [
    [
      "unclosed quote at a positional",
      "/隐患 进展 YH-2023-0001 「还没 整改",
      { name: "隐患", positional: ["进展", "YH-2023-0001", "「还没", "整改"], named: {} },
    ],
    [
      "unclosed quote after a separator",
      '/隐患 进展 YH-2023-0001 原因="设备 未到',
      { name: "隐患", positional: ["进展", "YH-2023-0001", "未到"], named: { 原因: '"设备' } },
    ],
    [
      "text glued after a closing quote",
      "/隐患 进展 YH-2023-0001 「仓库」已整改",
      { name: "隐患", positional: ["进展", "YH-2023-0001", "「仓库」已整改"], named: {} },
    ],
    [
      "empty key",
      "/隐患 退回 YH-2023-0001 ：请补照片",
      { name: "隐患", positional: ["退回", "YH-2023-0001", "：请补照片"], named: {} },
    ],
    [
      "well-formed input reads the same as strict",
      "/隐患 新增 描述=「a b」 单位：应急办",
      { name: "隐患", positional: ["新增"], named: { 描述: "a b", 单位: "应急办" } },
    ],
  ];

  it.each(cases)("%s: %s", (_label, text, expected) => {
    expect(read(text, true)).toEqual(expected);
  });
});

describe("parseLine: body and token offsets", () => {
  const cases: [string, string, string, Token[]][] = [
    [
      "keyed and quoted tokens",
      "/隐患 新增 单位=应急办 描述=「a b」",
      "新增 单位=应急办 描述=「a b」",
      [
        { text: "新增", start: 0, end: 2, quoted: false },
        { text: "应急办", start: 3, end: 9, quoted: false, key: "单位" },
        { text: "a b", start: 10, end: 18, quoted: true, key: "描述" },
      ],
    ],
    [
      "quoted positional and mention",
      '/企业 查看 "a b" c=d @ou_x',
      '查看 "a b" c=d @ou_x',
      [
        { text: "查看", start: 0, end: 2, quoted: false },
        { text: "a b", start: 3, end: 8, quoted: true },
        { text: "d", start: 9, end: 12, quoted: false, key: "c" },
        { text: "@ou_x", start: 13, end: 18, quoted: false },
      ],
    ],
    [
      "mixed separators, body kept verbatim",
      "/隐患\n进展\tYH-2023-0001　“x y”",
      "进展\tYH-2023-0001　“x y”",
      [
        { text: "进展", start: 0, end: 2, quoted: false },
        { text: "YH-2023-0001", start: 3, end: 15, quoted: false },
        { text: "x y", start: 16, end: 21, quoted: true },
      ],
    ],
    ["no body", "/帮助", "", []],
  ];

  it.each(cases)("%s: %s", (_label, text, body, tokens) => {
    const line = parseLine(text);
    expect(line.body).toBe(body);
    expect(line.tokens).toEqual(tokens);
    for (const token of line.tokens) expect("key" in token).toBe(token.key !== undefined);
  });
});

describe("restAfter", () => {
  const cases: [string, string, number, boolean, string][] = [
    ["free text after a hazard number", "/隐患 进展 YH-2023-0001 已完成 a=b “x”", 2, false, "已完成 a=b “x”"],
    ["after three tokens", "/隐患 进展 YH-2023-0001 已完成 a=b “x”", 3, false, "a=b “x”"],
    ["n = 0 is the whole body", "/隐患 进展 YH-2023-0001 已完成", 0, false, "进展 YH-2023-0001 已完成"],
    ["nothing left", "/隐患 销号 YH-2023-0001", 2, false, ""],
    ["n beyond the tokens", "/隐患 销号 YH-2023-0001", 5, false, ""],
    ["newlines kept", "/隐患 退回 YH-2023-0001 第一行\n第二行", 2, false, "第一行\n第二行"],
    ["full-width spaces kept", "/隐患　进展　YH-2023-0001　已经　整改", 2, false, "已经　整改"],
    ["key:value kept verbatim", "/隐患 退回 YH-2023-0001 意见：重新整改", 2, false, "意见：重新整改"],
    [
      "unclosed quote in lenient mode",
      "/隐患 进展 YH-2023-0001 “还没好 明天再报",
      2,
      true,
      "“还没好 明天再报",
    ],
    [
      "quoted text kept with its quotes",
      "/隐患 整改完成 YH-2023-0001 「已 加装」避雷针",
      2,
      true,
      "「已 加装」避雷针",
    ],
  ];

  it.each(cases)("%s: %s (n=%i)", (_label, text, n, lenient, expected) => {
    const line: ParsedLine = parseLine(text, { lenient });
    expect(restAfter(line, n)).toBe(expected);
  });
});

describe("isCommandText", () => {
  const cases: [string, boolean][] = [
    ["/帮助", true],
    ["／帮助", true],
    ["  /隐患 列表", true],
    ["\n　／隐患", true],
    ["帮助", false],
    ["a/b", false],
    ["\\帮助", false],
    ["", false],
    ["   ", false],
  ];

  it.each(cases)("%j → %s", (text, expected) => {
    expect(isCommandText(text)).toBe(expected);
  });
});

describe("normaliseWord", () => {
  const cases: [string, string][] = [
    ["ＡＢＣ", "ABC"],
    ["　新增　", "新增"],
    ["１２", "12"],
    ["隐患", "隐患"],
    ["单位：", "单位:"],
  ];

  it.each(cases)("%j → %j", (word, expected) => {
    expect(normaliseWord(word)).toBe(expected);
  });
});
