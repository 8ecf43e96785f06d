// The rules of each element tag: containers and columns, tables, forms and their fields, buttons, markdown,
// images and charts. Each checker reports into the shared walk.
import { CARD_MAX_TABLES, CardErrorCode } from "./limits";
import {
  type Checker,
  checkElementId,
  type FormState,
  isNonEmptyString,
  isObject,
  type Json,
  nested,
  type Place,
  registerName,
  report,
  type Walk,
  walkElements,
} from "./walk";

const TABLE_DATA_TYPES = new Set(["text", "lark_md", "options", "number", "persons", "date", "markdown"]);

const BEHAVIOR_TYPES = new Set(["callback", "open_url"]);

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

export const CHECKERS: Record<string, Checker> = {
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
