// The limits and error codes of Feishu's card JSON 2.0 that the card rules enforce (open.feishu.cn "卡片 JSON 2.0
// 结构" and the send-message page's card errors); cards read CARD_MAX_BYTES to stay under it.

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
