// The entry form of `/隐患 新增`: sent when the command has no arguments or misses required ones, pre-filled
// with what was given; and the same form in edit mode, opened by a hazard card's 修改 button, pre-filled with the
// hazard as it is. Field names (unit, description, deadline …) are what the form submit carries back.

import { HAZARD_FIELDS, type HazardFields, TEXT_MAX } from "../src/domain/hazard-input";
import { DEFAULT_LEVEL, DEFAULT_SOURCE, HAZARD_LEVELS, HAZARD_SOURCES } from "../src/domain/hazard-lifecycle";
import { card, escapeMd, md } from "./fragments";
import type { Card, CardElement } from "./types";

export const HAZARD_FORM_NAME = "hazard_form";

export interface HazardFormInput {
  /** the units the person may log for (a 干部: only their own) */
  units: string[];
  sectors: string[];
  /** what was already given, as names and YYYY-MM-DD */
  values: HazardFields;
  /** lines above the form: what is missing, hints (plain text, escaped here) */
  notices: string[];
  /** sent in a private chat: a hazard logged there has no group of its own (the dispatch group stands in) */
  privateChat?: boolean;
  /**
   * Edit mode (the card's 修改): the hazard's number and the revision its values were read at, carried by the
   * submit so a form older than the hazard writes nothing; with a 原因 field for a later 期限.
   */
  edit?: { number: string; revision: number };
}

const plain = (content: string) => ({ tag: "plain_text", content });

function select(
  name: string,
  label: string,
  options: string[],
  initial: string | undefined,
  required = true,
): CardElement {
  return {
    tag: "select_static",
    name,
    placeholder: plain(label),
    options: options.map((o) => ({ text: plain(o), value: o })),
    ...(initial && options.includes(initial) ? { initial_option: initial } : {}),
    required,
  };
}

function input(
  name: string,
  label: string,
  value: string | undefined,
  max: number,
  o: { multiline?: boolean; required?: boolean } = {},
) {
  return {
    tag: "input",
    name,
    label: plain(label),
    label_position: "top",
    placeholder: plain(`请填写${label}`),
    max_length: max,
    ...(o.multiline ? { input_type: "multiline_text", rows: 3 } : {}),
    ...(value ? { default_value: value } : {}),
    required: o.required ?? true,
  } satisfies CardElement;
}

/** The submit's callback value: a new hazard (and where it is logged), or the correction of one at a revision. */
function submitValue(f: HazardFormInput): Record<string, unknown> {
  if (f.edit) return { action: "hazard.edit", number: f.edit.number, revision: f.edit.revision };
  return { action: "hazard.create", ...(f.privateChat ? { private: true } : {}) };
}

export function hazardFormCard(f: HazardFormInput): Card {
  const v = f.values;
  const edit = f.edit;
  // A new hazard of a 干部 is their unit's; a correction never picks a unit the hazard does not have.
  const unitInitial = v.unit ?? (!edit && f.units.length === 1 ? f.units[0] : undefined);
  const elements: CardElement[] = [];
  if (f.notices.length > 0) elements.push(md(f.notices.map(escapeMd).join("\n")));
  elements.push({
    tag: "form",
    name: HAZARD_FORM_NAME,
    elements: [
      // 单位 and 领域 may be left for a registered enterprise to fill in when the form is submitted; in a
      // correction one left unchosen stays as it is.
      select(
        "unit",
        edit ? "部门/村居（单位）" : "部门/村居（单位；已登记的企业可不选）",
        f.units,
        unitInitial,
        false,
      ),
      input("enterprise", "企业（项目）", v.enterprise, 100),
      select(
        "sector",
        edit ? "所属行业领域" : "所属行业领域（已登记的企业可不选）",
        f.sectors,
        v.sector,
        false,
      ),
      input("description", "重大隐患描述", v.description, 1000, { multiline: true }),
      input("measures", "整改措施", v.measures, 1000, { multiline: true }),
      {
        tag: "date_picker",
        name: "deadline",
        placeholder: plain("整改期限"),
        ...(v.deadline ? { initial_date: v.deadline } : {}),
        required: true,
      },
      select("source", "来源", [...HAZARD_SOURCES], v.source ?? DEFAULT_SOURCE),
      select("level", "等级", [...HAZARD_LEVELS], v.level ?? DEFAULT_LEVEL),
      {
        tag: "date_picker",
        name: "found",
        placeholder: plain(edit ? "发现日期" : "发现日期（不填为今天）"),
        ...(v.found ? { initial_date: v.found } : {}),
      },
      ...(edit ? [input("reason", "原因（延期时必填）", undefined, TEXT_MAX, { required: false })] : []),
      {
        tag: "button",
        name: "submit",
        text: plain(edit ? "保存修改" : "登记隐患"),
        type: "primary_filled",
        form_action_type: "submit",
        behaviors: [{ type: "callback", value: submitValue(f) }],
      },
    ],
  });
  if (!edit) return card("登记重大事故隐患", "orange", elements, "附件3 台账：填好后点「登记隐患」");
  elements.push({
    tag: "button",
    name: "cancel",
    text: plain("不改了，返回隐患卡片"),
    type: "default",
    behaviors: [{ type: "callback", value: { action: "hazard.edit_cancel", number: edit.number } }],
  });
  return card(`修改隐患 ${edit.number}`, "blue", elements, "改好后点「保存修改」：只记下改动的项");
}

/** What a submit of this form carries back: each field it sent, by name (a select left unchosen sends none). */
export function readHazardForm(form: Record<string, unknown>): HazardFields {
  const raw: HazardFields = {};
  for (const field of HAZARD_FIELDS) {
    const value = form[field];
    if (typeof value === "string") raw[field] = value;
  }
  return raw;
}
