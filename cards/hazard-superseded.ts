// What an older card of a hazard becomes once a newer one is posted in the hazard's group: the same content
// (the registration and its @mentions stay in the group's history), the header greyed, the buttons and forms
// removed (they would act on a state that has moved on), and one line pointing to the newer card.
import { card, escapeMd, md } from "./fragments";
import type { Card, CardElement } from "./types";

const INTERACTIVE = new Set([
  "form",
  "button",
  "input",
  "select_static",
  "multi_select_static",
  "date_picker",
]);

/** The elements without anything a person could press or fill in, containers searched too. */
function withoutActions(elements: CardElement[]): CardElement[] {
  return elements
    .filter((el) => !INTERACTIVE.has(el.tag))
    .map((el) => {
      const out: CardElement = { ...el };
      if (Array.isArray(el.elements)) out.elements = withoutActions(el.elements as CardElement[]);
      if (Array.isArray(el.columns)) out.columns = withoutActions(el.columns as CardElement[]);
      return out;
    });
}

/** The line that says where the hazard's card is now. */
export function newerCardLine(number: string, status: string): string {
  return `这张卡片已有更新的一张，当前状态 **${escapeMd(status)}**：请看本群最新的卡片，或发送 \`/隐患 查看 ${number}\` 取得办理按钮。`;
}

/** `shown` is what the older card showed (its content is kept); `status` is the hazard's state now. */
export function supersededHazardCard(shown: Card, number: string, status: string): Card {
  const kept = withoutActions(shown.body.elements);
  const title = shown.header?.title.content ?? `隐患 ${number}`;
  return card(title, "grey", [...kept, md(newerCardLine(number, status))], shown.header?.subtitle?.content);
}
