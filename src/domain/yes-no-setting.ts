// A named setting whose value is 是 or 否 (允许自验, 超期加急): one definition, so every such setting reads the
// same words and refuses with the same wording.
import type { SettingDef } from "./settings";
import { parseYesNo } from "./yes-no";

export function yesNoSetting(name: string, summary: string, defaultValue: "是" | "否"): SettingDef<boolean> {
  return {
    name,
    summary,
    example: `/设置 ${name}=是`,
    check(text) {
      const value = parseYesNo(text);
      return value === undefined
        ? { ok: false, error: `${name}只能写 是 或 否，「${text}」不行` }
        : { ok: true, text: value ? "是" : "否" };
    },
    decode: (text) => text === "是",
    defaultText: defaultValue,
  };
}
