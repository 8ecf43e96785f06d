// Pins the card validator to every rule of Feishu's card JSON 2.0 pages it enforces, with exact codes and paths.
import { describe, expect, it } from "vitest";
import { CARD_MAX_BYTES, type CardProblem, validateCard } from "../src/feishu/card-rules/validate";

type Json = Record<string, unknown>;

function card(elements: unknown[], extra: Json = {}): Json {
  return {
    schema: "2.0",
    config: { update_multi: true },
    header: { title: { tag: "plain_text", content: "安督" }, template: "blue" },
    body: { elements },
    ...extra,
  };
}

const md = (content: string): Json => ({ tag: "markdown", content });
const submit = (name: string): Json => ({
  tag: "button",
  name,
  text: { tag: "plain_text", content: "提交" },
  form_action_type: "submit",
});
const form = (name: string, elements: unknown[]): Json => ({ tag: "form", name, elements });
const table = (extra: Json = {}): Json => ({
  tag: "table",
  page_size: 10,
  columns: [
    { name: "hazard", display_name: "隐患", data_type: "text" },
    { name: "count", display_name: "数量", data_type: "number" },
  ],
  rows: [{ hazard: "消防通道堵塞", count: 3 }],
  ...extra,
});

function problem(code: number, path: string, message: string): CardProblem {
  return { code, path, message };
}

describe("validateCard accepts", () => {
  it("a markdown card with a header", () => {
    expect(validateCard(card([md("**本周** <at id=ou_x></at>")]))).toEqual([]);
  });

  it("a card without a header and with every header colour", () => {
    const { header: _omitted, ...bare } = card([md("x")]);
    expect(validateCard(bare)).toEqual([]);
    for (const template of ["wathet", "turquoise", "green", "yellow", "orange", "red", "carmine"]) {
      expect(
        validateCard(card([md("x")], { header: { title: { tag: "plain_text", content: "t" }, template } })),
      ).toEqual([]);
    }
    for (const template of ["violet", "purple", "indigo", "grey", "default"]) {
      expect(
        validateCard(card([md("x")], { header: { title: { tag: "plain_text", content: "t" }, template } })),
      ).toEqual([]);
    }
  });

  it("a column_set card", () => {
    const columns = [1, 2].map((weight) => ({
      tag: "column",
      width: "weighted",
      weight,
      elements: [md(`col ${weight}`), { tag: "div", text: { tag: "plain_text", content: "d" } }],
    }));
    expect(validateCard(card([{ tag: "column_set", flex_mode: "bisect", columns }, { tag: "hr" }]))).toEqual(
      [],
    );
  });

  it("a card with five tables of every data_type", () => {
    const types = ["text", "lark_md", "options", "number", "persons", "date", "markdown"];
    const columns = types.map((type) => ({ name: type, display_name: type, data_type: type }));
    const wide = table({ columns, rows: [{ text: "a", number: 1 }], page_size: 1 });
    expect(validateCard(card([wide, table(), table(), table(), table()]))).toEqual([]);
  });

  it("a chart card", () => {
    const chart = {
      tag: "chart",
      height: "auto",
      chart_spec: {
        type: "bar",
        data: { values: [{ town: "高兴镇", open: 4, kind: "重大" }] },
        xField: "town",
        yField: "open",
        seriesField: "kind",
      },
    };
    expect(validateCard(card([chart]))).toEqual([]);
  });

  it("an image card", () => {
    expect(
      validateCard(card([{ tag: "img", img_key: "img_v3_abc", alt: { tag: "plain_text", content: "" } }])),
    ).toEqual([]);
  });

  it("a form card with every field kind, nested in a column_set", () => {
    const fields = [
      { tag: "input", name: "title" },
      {
        tag: "select_static",
        name: "level",
        options: [{ text: { tag: "plain_text", content: "重大" }, value: "major" }],
      },
      { tag: "multi_select_static", name: "towns", options: [] },
      { tag: "date_picker", name: "due" },
      { tag: "checker", name: "confirmed" },
      {
        tag: "column_set",
        columns: [{ tag: "column", elements: [submit("submit"), { tag: "button", name: "reset" }] }],
      },
    ];
    expect(validateCard(card([md("填写"), form("report", fields)]))).toEqual([]);
  });

  it("a card with buttons, element_ids, a panel and an interactive container", () => {
    const buttons = [
      { tag: "button", element_id: "close_1", behaviors: [{ type: "callback", value: { action: "close" } }] },
      {
        tag: "button",
        element_id: "Open_URL_2",
        behaviors: [{ type: "open_url", default_url: "https://x" }],
      },
    ];
    const panel = { tag: "collapsible_panel", elements: [md("more"), { tag: "person", user_id: "ou_x" }] };
    const box = { tag: "interactive_container", elements: [{ tag: "person_list", persons: [] }] };
    const imgs = { tag: "img_combination", img_list: [] };
    expect(validateCard(card([...buttons, panel, box, imgs, { tag: "plain_text", content: "p" }]))).toEqual(
      [],
    );
  });

  it("exactly 200 components and exactly 30720 bytes", () => {
    expect(validateCard(card(Array.from({ length: 200 }, () => ({ tag: "hr" }))))).toEqual([]);
    const base = new TextEncoder().encode(JSON.stringify(card([md("")]))).length;
    const room = CARD_MAX_BYTES - base;
    const content = "隐".repeat(Math.floor(room / 3)) + "a".repeat(room % 3);
    expect(new TextEncoder().encode(JSON.stringify(card([md(content)]))).length).toBe(30720);
    expect(validateCard(card([md(content)]))).toEqual([]);
  });
});

describe("validateCard refuses", () => {
  it("a card that is not an object", () => {
    expect(validateCard(null)).toEqual([problem(200621, "", "card must be a JSON object")]);
    expect(validateCard([])).toEqual([problem(200621, "", "card must be a JSON object")]);
  });

  it("schema other than 2.0", () => {
    expect(validateCard(card([md("x")], { schema: "1.0" }))).toEqual([
      problem(200621, "schema", 'schema must be "2.0"'),
    ]);
  });

  it("update_multi false or missing", () => {
    const expected = [problem(200621, "config.update_multi", "config.update_multi must be true")];
    expect(validateCard(card([md("x")], { config: { update_multi: false } }))).toEqual(expected);
    expect(validateCard(card([md("x")], { config: {} }))).toEqual(expected);
    expect(validateCard(card([md("x")], { config: undefined }))).toEqual(expected);
  });

  it("a header template outside the 13 colours", () => {
    const header = { title: { tag: "plain_text", content: "t" }, template: "pink" };
    expect(validateCard(card([md("x")], { header }))).toEqual([
      problem(200621, "header.template", "unknown header template pink"),
    ]);
  });

  it("a header title that is not plain_text", () => {
    const header = { title: { tag: "lark_md", content: "t" }, template: "red" };
    expect(validateCard(card([md("x")], { header }))).toEqual([
      problem(200621, "header.title", 'must be {tag:"plain_text", content:string}'),
    ]);
    expect(validateCard(card([md("x")], { header: "t" }))).toEqual([
      problem(200621, "header", "header must be an object"),
    ]);
  });

  it("root elements (JSON 1.0)", () => {
    expect(validateCard(card([md("x")], { elements: [md("y")] }))).toEqual([
      problem(200621, "elements", "root elements is JSON 1.0; use body.elements"),
    ]);
  });

  it("a body without an elements array", () => {
    const expected = [problem(200621, "body.elements", "body.elements must be an array")];
    expect(validateCard(card([], { body: {} }))).toEqual(expected);
    expect(validateCard(card([], { body: undefined }))).toEqual(expected);
    expect(validateCard(card([], { body: { elements: {} } }))).toEqual(expected);
  });

  it("the removed 1.0 tags action and note (200861)", () => {
    expect(
      validateCard(
        card([
          { tag: "action", actions: [] },
          { tag: "note", elements: [] },
        ]),
      ),
    ).toEqual([
      problem(200861, "body.elements[0].tag", "tag action does not exist in card JSON 2.0"),
      problem(200861, "body.elements[1].tag", "tag note does not exist in card JSON 2.0"),
    ]);
  });

  it("an unknown tag (200861), even nested", () => {
    const panel = { tag: "collapsible_panel", elements: [{ tag: "select_person" }] };
    expect(validateCard(card([panel]))).toEqual([
      problem(200861, "body.elements[0].elements[0].tag", "unknown tag select_person"),
    ]);
  });

  it("an element that is not an object with a tag", () => {
    expect(validateCard(card([md("x"), "text", { content: "no tag" }]))).toEqual([
      problem(200621, "body.elements[1]", "element must be an object with a tag"),
      problem(200621, "body.elements[2]", "element must be an object with a tag"),
    ]);
  });

  it("a column outside column_set.columns", () => {
    expect(validateCard(card([{ tag: "column", elements: [] }]))).toEqual([
      problem(200621, "body.elements[0]", "column is allowed only inside column_set.columns"),
    ]);
  });

  it("a column_set holding something other than columns", () => {
    expect(validateCard(card([{ tag: "column_set", columns: [md("x")] }]))).toEqual([
      problem(200621, "body.elements[0].columns[0].tag", 'column_set.columns holds only tag "column"'),
    ]);
    expect(validateCard(card([{ tag: "column_set", columns: {} }]))).toEqual([
      problem(200621, "body.elements[0].columns", "columns must be an array"),
    ]);
  });

  it("a table that is not at the body root", () => {
    const set = { tag: "column_set", columns: [{ tag: "column", elements: [table()] }] };
    expect(validateCard(card([set]))).toEqual([
      problem(200621, "body.elements[0].columns[0].elements[0]", "table is allowed only in body.elements"),
    ]);
  });

  it("a form that is not at the body root", () => {
    const panel = { tag: "collapsible_panel", elements: [form("f", [submit("go")])] };
    expect(validateCard(card([panel]))).toEqual([
      problem(200621, "body.elements[0].elements[0]", "form is allowed only in body.elements"),
    ]);
  });

  it("a sixth table", () => {
    expect(validateCard(card([table(), table(), table(), table(), table(), table()]))).toEqual([
      problem(200621, "body.elements[5]", "more than 5 tables in the card"),
    ]);
  });

  it("a table column data_type outside the list (200915)", () => {
    const columns = [
      { name: "hazard", data_type: "string" },
      { display_name: "unnamed", data_type: "text" },
    ];
    expect(validateCard(card([table({ columns, rows: [] })]))).toEqual([
      problem(200915, "body.elements[0].columns[0].data_type", "bad data_type string"),
      problem(200915, "body.elements[0].columns[1].name", "table column needs a name"),
    ]);
  });

  it("a table row using an undeclared column (200914)", () => {
    const rows = [
      { hazard: "a", count: 1 },
      { hazard: "b", owner: "张三" },
    ];
    expect(validateCard(card([table({ rows })]))).toEqual([
      problem(200914, "body.elements[0].rows[1].owner", "row uses undeclared column owner"),
    ]);
  });

  it("table page_size outside 1..10", () => {
    for (const pageSize of [0, 11, 2.5, "5"]) {
      expect(validateCard(card([table({ page_size: pageSize })]))).toEqual([
        problem(200621, "body.elements[0].page_size", "page_size must be an integer from 1 to 10"),
      ]);
    }
  });

  it("a form without a name", () => {
    expect(validateCard(card([{ tag: "form", elements: [submit("go")] }]))).toEqual([
      problem(200621, "body.elements[0].name", "form needs a name"),
    ]);
  });

  it("a form field without a name", () => {
    const fields = [{ tag: "input" }, { tag: "date_picker", name: "" }, submit("go")];
    expect(validateCard(card([form("f", fields)]))).toEqual([
      problem(200621, "body.elements[0].elements[0].name", "input in a form needs a name"),
      problem(200621, "body.elements[0].elements[1].name", "name must be a non-empty string"),
    ]);
  });

  it("a name used twice in the card, across forms", () => {
    const first = form("f1", [{ tag: "input", name: "title" }, submit("go")]);
    const second = form("f2", [{ tag: "select_static", name: "title", options: [] }, submit("go2")]);
    const third = form("f1", [submit("go3")]);
    expect(validateCard(card([first, second, third]))).toEqual([
      problem(200621, "body.elements[1].elements[0].name", "name title is not unique in the card"),
      problem(200621, "body.elements[2].name", "name f1 is not unique in the card"),
    ]);
  });

  it("a form without a submit button", () => {
    const fields = [
      { tag: "input", name: "title" },
      { tag: "button", name: "cancel", form_action_type: "reset" },
    ];
    expect(validateCard(card([form("f", fields)]))).toEqual([
      problem(200621, "body.elements[0]", 'form holds no button with form_action_type "submit"'),
    ]);
  });

  it("multi_select_static outside a form", () => {
    expect(validateCard(card([{ tag: "multi_select_static", name: "towns", options: [] }]))).toEqual([
      problem(200621, "body.elements[0]", "multi_select_static is allowed only inside a form"),
    ]);
  });

  it("markdown content that is not a string", () => {
    expect(validateCard(card([{ tag: "markdown", content: 42 }, { tag: "markdown" }]))).toEqual([
      problem(200621, "body.elements[0].content", "markdown content must be a string"),
      problem(200621, "body.elements[1].content", "markdown content must be a string"),
    ]);
  });

  it("an img without an img_key", () => {
    expect(validateCard(card([{ tag: "img", img_key: "" }, { tag: "img" }]))).toEqual([
      problem(200621, "body.elements[0].img_key", "img needs an img_key"),
      problem(200621, "body.elements[1].img_key", "img needs an img_key"),
    ]);
  });

  it("a chart_spec that is not an object (200550)", () => {
    expect(
      validateCard(
        card([
          { tag: "chart", chart_spec: "{}" },
          { tag: "chart", chart_spec: [] },
        ]),
      ),
    ).toEqual([
      problem(200550, "body.elements[0].chart_spec", "chart_spec must be an object"),
      problem(200550, "body.elements[1].chart_spec", "chart_spec must be an object"),
    ]);
  });

  it("button behaviors other than callback and open_url", () => {
    const button = { tag: "button", behaviors: [{ type: "callback" }, { type: "form_submit" }, "x"] };
    expect(validateCard(card([button, { tag: "button", behaviors: {} }]))).toEqual([
      problem(200621, "body.elements[0].behaviors[1].type", "behavior type form_submit is not supported"),
      problem(200621, "body.elements[0].behaviors[2].type", "behavior type undefined is not supported"),
      problem(200621, "body.elements[1].behaviors", "behaviors must be an array"),
    ]);
  });

  it("a malformed or repeated element_id", () => {
    const elements = [
      { tag: "hr", element_id: "1abc" },
      { tag: "hr", element_id: "a".repeat(21) },
      { tag: "hr", element_id: "has-dash" },
      { tag: "hr", element_id: "same" },
      { tag: "column_set", columns: [{ tag: "column", element_id: "same", elements: [] }] },
    ];
    const bad = "element_id must be a letter then ≤19 [A-Za-z0-9_]";
    expect(validateCard(card(elements))).toEqual([
      problem(200621, "body.elements[0].element_id", bad),
      problem(200621, "body.elements[1].element_id", bad),
      problem(200621, "body.elements[2].element_id", bad),
      problem(200621, "body.elements[4].columns[0].element_id", "element_id same is not unique in the card"),
    ]);
    expect(validateCard(card([{ tag: "hr", element_id: "a".repeat(20) }]))).toEqual([]);
  });

  it("more than 200 components, counting nested ones", () => {
    const column = { tag: "column", elements: Array.from({ length: 198 }, () => ({ tag: "hr" })) };
    expect(validateCard(card([{ tag: "column_set", columns: [column] }, { tag: "hr" }]))).toEqual([
      problem(200621, "body.elements", "201 components; at most 200"),
    ]);
  });

  it("a card over 30720 bytes (230025)", () => {
    const base = new TextEncoder().encode(JSON.stringify(card([md("")]))).length;
    const content = "a".repeat(CARD_MAX_BYTES - base + 1);
    expect(validateCard(card([md(content)]))).toEqual([
      problem(230025, "", "card is 30721 bytes; at most 30720"),
    ]);
  });

  it("a card that cannot be serialised", () => {
    const cyclic: Json = card([md("x")]);
    cyclic.self = cyclic;
    expect(validateCard(cyclic)).toEqual([problem(200621, "", "card cannot be serialised as JSON")]);
  });

  it("every fault in one card, in document order", () => {
    const bad = {
      schema: "2.0",
      config: { update_multi: false },
      header: { title: { tag: "plain_text", content: "t" }, template: "pink" },
      body: { elements: [{ tag: "note" }, { tag: "chart", chart_spec: null }] },
    };
    expect(validateCard(bad)).toEqual([
      problem(200621, "config.update_multi", "config.update_multi must be true"),
      problem(200621, "header.template", "unknown header template pink"),
      problem(200861, "body.elements[0].tag", "tag note does not exist in card JSON 2.0"),
      problem(200550, "body.elements[1].chart_spec", "chart_spec must be an object"),
    ]);
  });
});
