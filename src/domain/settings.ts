// The named settings an admin changes with /设置: each one's name, check, default and environment fallback.
// A value stored in chat wins over the environment, which wins over the default. `effectiveSetting` is
// the one door other code (hazards, jobs) reads them through, so the precedence lives in one place.
import type { Config } from "../config";
import { parseDate } from "./dates";
import { graceSetting, urgentSetting } from "./reminder-settings";
import { yesNoSetting } from "./yes-no-setting";

export type SettingSource = "群内设置" | "环境变量" | "默认" | "未设置";

type Checked = { ok: true; text: string } | { ok: false; error: string };

export interface SettingDef<T> {
  name: string;
  summary: string;
  /** `/设置 名称=值` as an example */
  example: string;
  /** checks the typed value; the normalised text to store, or why it is wrong */
  check(text: string, thisYear: number): Checked;
  /** the stored (checked) text as the value callers use */
  decode(text: string): T;
  defaultText: string | null;
  envText?(config: Config): string | undefined;
}

const MIN_DAYS = 1;
const MAX_DAYS = 90;

const chatSetting: SettingDef<string | null> = {
  name: "调度群",
  summary: "接收周调度、月小结、季通报等定时卡片和绑定申请的群",
  example: "/设置 本群为调度群",
  check(text) {
    const id = text.trim();
    return /^oc_[0-9A-Za-z_-]+$/.test(id)
      ? { ok: true, text: id }
      : {
          ok: false,
          error: `「${text}」不是群的 chat_id（以 oc_ 开头）。在要设置的群里发送 /设置 本群为调度群 更简单`,
        };
  },
  decode: (text) => text,
  defaultText: null,
  envText: (config) => config.groupChatId,
};

const daysSetting: SettingDef<number> = {
  name: "镇级督办天数",
  summary: "镇级挂牌督办的隐患须见到实质进展的天数",
  example: "/设置 镇级督办天数=15",
  check(text) {
    const value = text.normalize("NFKC").trim().replace(/天$/, "");
    const days = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    return Number.isInteger(days) && days >= MIN_DAYS && days <= MAX_DAYS
      ? { ok: true, text: String(days) }
      : { ok: false, error: `镇级督办天数应是 ${MIN_DAYS}–${MAX_DAYS} 的整数，「${text}」不行` };
  },
  decode: Number,
  defaultText: "15",
};

/** A date setting: any accepted date form, stored as YYYY-MM-DD. */
function dateSetting<T extends string | null>(
  name: string,
  summary: string,
  example: string,
  defaultText: T,
): SettingDef<string | T> {
  return {
    name,
    summary,
    example: `/设置 ${name}=${example}`,
    check(text, thisYear) {
      const date = parseDate(text, { year: thisYear });
      return date.ok ? { ok: true, text: date.date } : { ok: false, error: `${name}：${date.error}` };
    },
    decode: (text) => text,
    defaultText,
  };
}

const startSetting = dateSetting<string>(
  "专项开始",
  "专项整治的起始日：月报、调度表的累计数从这天算起",
  "2023-05-01",
  "2023-05-01",
);

const endSetting = dateSetting<null>(
  "专项结束",
  "专项整治的结束日：之后的隐患不再计入专项；不设则一直进行",
  "2023-12-31",
  null,
);

const MAX_QUOTA = 1000;

const quotaSetting: SettingDef<number> = {
  name: "季度隐患目标",
  summary: "全镇每季度至少排查的重大事故隐患条数（全镇的目标，各单位只显示占比）",
  example: "/设置 季度隐患目标=10",
  check(text) {
    const value = text.normalize("NFKC").trim().replace(/条$/, "");
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    return Number.isInteger(n) && n >= 1 && n <= MAX_QUOTA
      ? { ok: true, text: String(n) }
      : { ok: false, error: `季度隐患目标应是 1–${MAX_QUOTA} 的整数，「${text}」不行` };
  },
  decode: Number,
  defaultText: "10",
};

const selfCheckSetting = yesNoSetting(
  "允许自验",
  "是：报整改完成的人也可以自己销号、退回（记为自验）；否：须由别人验收",
  "否",
);

export const SETTINGS = {
  调度群: chatSetting,
  镇级督办天数: daysSetting,
  专项开始: startSetting,
  允许自验: selfCheckSetting,
  提醒宽限工作日: graceSetting,
  超期加急: urgentSetting,
  专项结束: endSetting,
  季度隐患目标: quotaSetting,
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = ReturnType<(typeof SETTINGS)[K]["decode"]>;

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function isSettingKey(name: string): name is SettingKey {
  return Object.hasOwn(SETTINGS, name);
}

export interface ResolvedSetting {
  key: SettingKey;
  /** the text in force, null when nothing is set anywhere */
  text: string | null;
  source: SettingSource;
}

/** Which value is in force: stored in chat, else the environment, else the default. Pure. */
export function resolveSetting(key: SettingKey, stored: string | undefined, config: Config): ResolvedSetting {
  const def: SettingDef<unknown> = SETTINGS[key];
  if (stored !== undefined) return { key, text: stored, source: "群内设置" };
  const env = def.envText?.(config);
  if (env !== undefined) return { key, text: env, source: "环境变量" };
  if (def.defaultText !== null) return { key, text: def.defaultText, source: "默认" };
  return { key, text: null, source: "未设置" };
}

/** Checks a value typed for a setting; the text to store, or a sentence saying what is wrong. */
export function checkSetting(key: SettingKey, text: string, thisYear: number): Checked {
  return SETTINGS[key].check(text, thisYear);
}
