// The entry form of `/隐患 新增`: sent when the command has no arguments or misses required ones, pre-filled
// with what was given. Field names (unit, description, deadline …) are what the form submit carries back.

import type { HazardFields } from "../src/domain/hazard-input";
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

function input(name: string, label: string, value: string | undefined, max: number, multiline = false) {
  return {
    tag: "input",
    name,
    label: plain(label),
    label_position: "top",
    placeholder: plain(`请填写${label}`),
    max_length: max,
    ...(multiline ? { input_type: "multiline_text", rows: 3 } : {}),
    ...(value ? { default_value: value } : {}),
    required: true,
  } satisfies CardElement;
}

export function hazardFormCard(f: HazardFormInput): Card {
  const v = f.values;
  const unitInitial = v.unit ?? (f.units.length === 1 ? f.units[0] : undefined);
  const elements: CardElement[] = [];
  if (f.notices.length > 0) elements.push(md(f.notices.map(escapeMd).join("\n")));
  elements.push({
    tag: "form",
    name: HAZARD_FORM_NAME,
    elements: [
      // 单位 and 领域 may be left for a registered enterprise to fill in when the form is submitted.
      select("unit", "部门/村居（单位；已登记的企业可不选）", f.units, unitInitial, false),
      input("enterprise", "企业（项目）", v.enterprise, 100),
      select("sector", "所属行业领域（已登记的企业可不选）", f.sectors, v.sector, false),
      input("description", "重大隐患描述", v.description, 1000, true),
      input("measures", "整改措施", v.measures, 1000, true),
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
        placeholder: plain("发现日期（不填为今天）"),
        ...(v.found ? { initial_date: v.found } : {}),
      },
      {
        tag: "button",
        name: "submit",
        text: plain("登记隐患"),
        type: "primary_filled",
        form_action_type: "submit",
        behaviors: [
          {
            type: "callback",
            value: { action: "hazard.create", ...(f.privateChat ? { private: true } : {}) },
          },
        ],
      },
    ],
  });
  return card("登记重大事故隐患", "orange", elements, "附件3 台账：填好后点「登记隐患」");
}
