// Refuses, before sending, every card JSON 2.0 that Feishu would refuse. Follows open.feishu.cn "卡片 JSON 2.0 结构"
// (feishu-cards/card-json-v2-structure) and its component pages, and the send-message page's card errors
// (230099 with a sub-code and a path, 230025 over 30 KB).

export interface CardProblem {
  /** A sub-code Feishu reports inside 230099, or 230025 for a card over 30 KB. */
  code: number;
  /** Where the fault is, e.g. `body.elements[2].columns[0].data_type`; "" for the card itself. */
  path: string;
  message: string;
}

export const CARD_MAX_BYTES = 30720;
export const CARD_MAX_COMPONENTS = 200;
export const CARD_MAX_TABLES = 5;

/**
 * Codes used in problems. 200861, 200914/200915, 200550 and 230025 are the codes Feishu's card pages name;
 * `invalid` (200621, Feishu's "parse card json err") stands for every other rule, whose exact sub-code
 * Feishu does not document.
 */
export const CardErrorCode = {
  invalid: 200621,
  unsupportedTag: 200861,
  tableRow: 200914,
  tableColumn: 200915,
  chartSpec: 200550,
  tooLarge: 230025,
} as const;

const HEADER_TEMPLATES = new Set([
  "blue",
  "wathet",
  "turquoise",
  "green",
  "yellow",
  "orange",
  "red",
  "carmine",
  "violet",
  "purple",
  "indigo",
  "grey",
  "default",
]);

const TABLE_DATA_TYPES = new Set(["text", "lark_md", "options", "number", "persons", "date", "markdown"]);
const BEHAVIOR_TYPES = new Set(["callback", "open_url"]);
const REMOVED_TAGS = new Set(["action", "note"]);
const ELEMENT_ID = /^[A-Za-z][A-Za-z0-9_]{0,19}$/;

type Json = Record<string, unknown>;

interface FormState {
  hasSubmit: boolean;
}

/** Where an element sits: directly in `body.elements`, and inside which form (if any). */
interface Place {
  root: boolean;
  form: FormState | null;
}

interface Walk {
  problems: CardProblem[];
  components: number;
  tables: number;
  elementIds: Set<string>;
  names: Set<string>;
}

type Checker = (el: Json, path: string, place: Place, walk: Walk) => void;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

function report(walk: Walk, code: number, path: string, message: string): void {
  walk.problems.push({ code, path, message });
}

function serialisedBytes(card: unknown): number | null {
  try {
    const json = JSON.stringify(card);
    return json === undefined ? null : new TextEncoder().encode(json).length;
  } catch {
    return null;
  }
}

function checkSize(card: Json, walk: Walk): void {
  const bytes = serialisedBytes(card);
  if (bytes === null) {
    report(walk, CardErrorCode.invalid, "", "card cannot be serialised as JSON");
  } else if (bytes > CARD_MAX_BYTES) {
    report(walk, CardErrorCode.tooLarge, "", `card is ${bytes} bytes; at most ${CARD_MAX_BYTES}`);
  }
}

function checkRoot(card: Json, walk: Walk): void {
  if (card.schema !== "2.0") report(walk, CardErrorCode.invalid, "schema", 'schema must be "2.0"');
  if (card.elements !== undefined) {
    report(walk, CardErrorCode.invalid, "elements", "root elements is JSON 1.0; use body.elements");
  }
  const config = card.config;
  if (!isObject(config) || config.update_multi !== true) {
    report(walk, CardErrorCode.invalid, "config.update_multi", "config.update_multi must be true");
  }
}

function checkPlainText(value: unknown, path: string, walk: Walk): void {
  if (!isObject(value) || value.tag !== "plain_text" || typeof value.content !== "string") {
    report(walk, CardErrorCode.invalid, path, 'must be {tag:"plain_text", content:string}');
  }
}

function checkHeader(header: unknown, walk: Walk): void {
  if (header === undefined) return;
  if (!isObject(header)) {
    report(walk, CardErrorCode.invalid, "header", "header must be an object");
    return;
  }
  checkPlainText(header.title, "header.title", walk);
  if (header.template !== undefined && !HEADER_TEMPLATES.has(String(header.template))) {
    report(
      walk,
      CardErrorCode.invalid,
      "header.template",
      `unknown header template ${String(header.template)}`,
    );
  }
}

function checkElementId(el: Json, path: string, walk: Walk): void {
  const id = el.element_id;
  if (id === undefined) return;
  if (typeof id !== "string" || !ELEMENT_ID.test(id)) {
    report(
      walk,
      CardErrorCode.invalid,
      `${path}.element_id`,
      "element_id must be a letter then ≤19 [A-Za-z0-9_]",
    );
  } else if (walk.elementIds.has(id)) {
    report(walk, CardErrorCode.invalid, `${path}.element_id`, `element_id ${id} is not unique in the card`);
  } else {
    walk.elementIds.add(id);
  }
}

/** Registers a component's `name` (unique across the card); false when it is absent. */
function registerName(el: Json, path: string, walk: Walk): boolean {
  const name = el.name;
  if (name === undefined) return false;
  if (!isNonEmptyString(name)) {
    report(walk, CardErrorCode.invalid, `${path}.name`, "name must be a non-empty string");
  } else if (walk.names.has(name)) {
    report(walk, CardErrorCode.invalid, `${path}.name`, `name ${name} is not unique in the card`);
  } else {
    walk.names.add(name);
  }
  return true;
}

function walkElements(list: unknown, path: string, place: Place, walk: Walk): void {
  if (!Array.isArray(list)) {
    report(walk, CardErrorCode.invalid, path, "elements must be an array");
    return;
  }
  list.forEach((el, i) => {
    walkElement(el, `${path}[${i}]`, place, walk);
  });
}

function walkElement(el: unknown, path: string, place: Place, walk: Walk): void {
  if (!isObject(el) || typeof el.tag !== "string") {
    report(walk, CardErrorCode.invalid, path, "element must be an object with a tag");
    return;
  }
  walk.components += 1;
  checkElementId(el, path, walk);
  const checker = CHECKERS[el.tag];
  if (REMOVED_TAGS.has(el.tag)) {
    report(
      walk,
      CardErrorCode.unsupportedTag,
      `${path}.tag`,
      `tag ${el.tag} does not exist in card JSON 2.0`,
    );
  } else if (checker === undefined) {
    report(walk, CardErrorCode.unsupportedTag, `${path}.tag`, `unknown tag ${el.tag}`);
  } else {
    checker(el, path, place, walk);
  }
}

function nested(place: Place): Place {
  return { root: false, form: place.form };
}

function checkContainer(el: Json, path: string, place: Place, walk: Walk): void {
  walkElements(el.elements ?? [], `${path}.elements`, nested(place), walk);
}

function checkColumnSet(el: Json, path: string, place: Place, walk: Walk): void {
  const columns = el.columns ?? [];
  if (!Array.isArray(columns)) {
    report(walk, CardErrorCode.invalid, `${path}.columns`, "columns must be an array");
    return;
  }
  columns.forEach((column, i) => {
    checkColumn(column, `${path}.columns[${i}]`, place, walk);
  });
}

function checkColumn(column: unknown, path: string, place: Place, walk: Walk): void {
  if (!isObject(column) || column.tag !== "column") {
    report(walk, CardErrorCode.invalid, `${path}.tag`, 'column_set.columns holds only tag "column"');
    return;
  }
  walk.components += 1;
  checkElementId(column, path, walk);
  checkContainer(column, path, place, walk);
}

function checkStrayColumn(_el: Json, path: string, _place: Place, walk: Walk): void {
  report(walk, CardErrorCode.invalid, path, "column is allowed only inside column_set.columns");
}

function requireRoot(path: string, tag: string, place: Place, walk: Walk): void {
  if (!place.root) report(walk, CardErrorCode.invalid, path, `${tag} is allowed only in body.elements`);
}

function checkTable(el: Json, path: string, place: Place, walk: Walk): void {
  requireRoot(path, "table", place, walk);
  walk.tables += 1;
  if (walk.tables > CARD_MAX_TABLES) {
    report(walk, CardErrorCode.invalid, path, `more than ${CARD_MAX_TABLES} tables in the card`);
  }
  const declared = checkTableColumns(el.columns, `${path}.columns`, walk);
  checkTableRows(el.rows, `${path}.rows`, declared, walk);
  checkPageSize(el.page_size, `${path}.page_size`, walk);
}

function checkTableColumns(columns: unknown, path: string, walk: Walk): Set<string> {
  const declared = new Set<string>();
  if (!Array.isArray(columns)) {
    report(walk, CardErrorCode.tableColumn, path, "table columns must be an array");
    return declared;
  }
  columns.forEach((column, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(column) || !isNonEmptyString(column.name)) {
      report(walk, CardErrorCode.tableColumn, `${at}.name`, "table column needs a name");
      return;
    }
    declared.add(column.name);
    if (!TABLE_DATA_TYPES.has(String(column.data_type))) {
      report(walk, CardErrorCode.tableColumn, `${at}.data_type`, `bad data_type ${String(column.data_type)}`);
    }
  });
  return declared;
}

function checkTableRows(rows: unknown, path: string, declared: Set<string>, walk: Walk): void {
  if (rows === undefined) return;
  if (!Array.isArray(rows)) {
    report(walk, CardErrorCode.tableRow, path, "table rows must be an array");
    return;
  }
  rows.forEach((row, i) => {
    if (!isObject(row)) {
      report(walk, CardErrorCode.tableRow, `${path}[${i}]`, "table row must be an object");
      return;
    }
    for (const key of Object.keys(row)) {
      if (!declared.has(key)) {
        report(walk, CardErrorCode.tableRow, `${path}[${i}].${key}`, `row uses undeclared column ${key}`);
      }
    }
  });
}

function checkPageSize(pageSize: unknown, path: string, walk: Walk): void {
  if (pageSize === undefined) return;
  if (typeof pageSize !== "number" || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10) {
    report(walk, CardErrorCode.invalid, path, "page_size must be an integer from 1 to 10");
  }
}

function checkForm(el: Json, path: string, place: Place, walk: Walk): void {
  requireRoot(path, "form", place, walk);
  if (!registerName(el, path, walk)) {
    report(walk, CardErrorCode.invalid, `${path}.name`, "form needs a name");
  }
  const form: FormState = { hasSubmit: false };
  walkElements(el.elements ?? [], `${path}.elements`, { root: false, form }, walk);
  if (!form.hasSubmit) {
    report(walk, CardErrorCode.invalid, path, 'form holds no button with form_action_type "submit"');
  }
}

function checkField(el: Json, path: string, place: Place, walk: Walk): void {
  const named = registerName(el, path, walk);
  if (place.form !== null && !named) {
    report(walk, CardErrorCode.invalid, `${path}.name`, `${String(el.tag)} in a form needs a name`);
  }
}

function checkMultiSelect(el: Json, path: string, place: Place, walk: Walk): void {
  if (place.form === null) {
    report(walk, CardErrorCode.invalid, path, "multi_select_static is allowed only inside a form");
  }
  checkField(el, path, place, walk);
}

function checkButton(el: Json, path: string, place: Place, walk: Walk): void {
  checkField(el, path, place, walk);
  if (place.form !== null && el.form_action_type === "submit") place.form.hasSubmit = true;
  checkBehaviors(el.behaviors, `${path}.behaviors`, walk);
}

function checkBehaviors(behaviors: unknown, path: string, walk: Walk): void {
  if (behaviors === undefined) return;
  if (!Array.isArray(behaviors)) {
    report(walk, CardErrorCode.invalid, path, "behaviors must be an array");
    return;
  }
  behaviors.forEach((behavior, i) => {
    const type = isObject(behavior) ? behavior.type : undefined;
    if (!BEHAVIOR_TYPES.has(String(type))) {
      report(
        walk,
        CardErrorCode.invalid,
        `${path}[${i}].type`,
        `behavior type ${String(type)} is not supported`,
      );
    }
  });
}

function checkMarkdown(el: Json, path: string, _place: Place, walk: Walk): void {
  if (typeof el.content !== "string") {
    report(walk, CardErrorCode.invalid, `${path}.content`, "markdown content must be a string");
  }
}

function checkImg(el: Json, path: string, _place: Place, walk: Walk): void {
  if (!isNonEmptyString(el.img_key)) {
    report(walk, CardErrorCode.invalid, `${path}.img_key`, "img needs an img_key");
  }
}

function checkChart(el: Json, path: string, _place: Place, walk: Walk): void {
  if (!isObject(el.chart_spec)) {
    report(walk, CardErrorCode.chartSpec, `${path}.chart_spec`, "chart_spec must be an object");
  }
}

function noCheck(): void {}

const CHECKERS: Record<string, Checker> = {
  markdown: checkMarkdown,
  div: noCheck,
  plain_text: noCheck,
  hr: noCheck,
  column_set: checkColumnSet,
  column: checkStrayColumn,
  table: checkTable,
  chart: checkChart,
  img: checkImg,
  form: checkForm,
  input: checkField,
  select_static: checkField,
  multi_select_static: checkMultiSelect,
  date_picker: checkField,
  button: checkButton,
  checker: checkField,
  person: noCheck,
  person_list: noCheck,
  collapsible_panel: checkContainer,
  interactive_container: checkContainer,
  img_combination: noCheck,
};

function checkBody(card: Json, walk: Walk): void {
  const body = card.body;
  if (!isObject(body) || !Array.isArray(body.elements)) {
    report(walk, CardErrorCode.invalid, "body.elements", "body.elements must be an array");
    return;
  }
  walkElements(body.elements, "body.elements", { root: true, form: null }, walk);
  if (walk.components > CARD_MAX_COMPONENTS) {
    report(
      walk,
      CardErrorCode.invalid,
      "body.elements",
      `${walk.components} components; at most ${CARD_MAX_COMPONENTS}`,
    );
  }
}

/** Every reason Feishu would refuse this card; [] when it would accept it. */
export function validateCard(card: unknown): CardProblem[] {
  if (!isObject(card)) {
    return [{ code: CardErrorCode.invalid, path: "", message: "card must be a JSON object" }];
  }
  const walk: Walk = { problems: [], components: 0, tables: 0, elementIds: new Set(), names: new Set() };
  checkSize(card, walk);
  checkRoot(card, walk);
  checkHeader(card.header, walk);
  checkBody(card, walk);
  return walk.problems;
}
