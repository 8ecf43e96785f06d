// The 附件4 filing form (`/调度表 填报`): one input per figure the ledger cannot give, the seed's labels and units
// word for word, two inputs where an item has two figures; pre-filled with this month's figures when it was
// filed (amending), else blank with last month's as placeholders (a hint, never submitted). Pure: a view in,
// card JSON 2.0 out.
import { ENTERED_FIELDS, type EnteredFigures } from "../src/domain/form4";
import { card, escapeMd, md } from "./fragments";
import type { Card, CardElement } from "./types";

export const FORM4_FORM_NAME = "form4_form";

export interface Form4FormView {
  sectorId: number;
  sectorName: string;
  /** YYYY-MM */
  month: string;
  monthLabel: string;
  /** what the inputs hold first: the month's own filed figures, none for a month never filed */
  values: Partial<EnteredFigures>;
  /** shown greyed in empty inputs (last month's figures), never submitted */
  hints: Partial<EnteredFigures>;
  registryCount: number;
  /** lines above the form */
  notices: string[];
}

const plain = (content: string) => ({ tag: "plain_text", content });

export function form4FormCard(view: Form4FormView): Card {
  const inputs: CardElement[] = ENTERED_FIELDS.map((f) => {
    const value = view.values[f.key];
    const note = f.key === "enterprises" ? `（不填为名录里的 ${view.registryCount} 家）` : "";
    return {
      tag: "input",
      name: f.key,
      label: plain(`${f.label}（${f.unit}）${note}`),
      label_position: "left",
      placeholder: plain(
        view.hints[f.key] !== undefined
          ? `上月 ${view.hints[f.key]}`
          : f.key === "enterprises"
            ? `${view.registryCount}`
            : f.unit === "万元"
              ? "必填，最多两位小数"
              : "必填，没有填 0",
      ),
      max_length: 12,
      ...(value !== undefined ? { default_value: String(value) } : {}),
      required: f.key !== "enterprises",
    };
  });
  const elements: CardElement[] = [];
  if (view.notices.length > 0) elements.push(md(view.notices.map(escapeMd).join("\n")));
  elements.push({
    tag: "form",
    name: FORM4_FORM_NAME,
    elements: [
      ...inputs,
      {
        tag: "input",
        name: "confirm",
        label: plain("确认（累计数比上月少时填「是」）"),
        label_position: "left",
        max_length: 2,
        required: false,
      },
      {
        tag: "button",
        name: "submit",
        text: plain("提交调度表"),
        type: "primary_filled",
        form_action_type: "submit",
        behaviors: [
          { type: "callback", value: { action: "form4.submit", sectorId: view.sectorId, month: view.month } },
        ],
      },
    ],
  });
  return card(
    `填报附件4：${view.sectorName}领域 ${view.monthLabel}`,
    "turquoise",
    elements,
    "累计数：从专项开始到该月底",
  );
}
