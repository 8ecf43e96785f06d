// The reminders' two settings: how many workdays an unacknowledged reminder waits before it escalates, and
// whether an escalated overdue 重大 hazard also gets Feishu's urgent push (加急).
import { DEFAULT_GRACE_WORKDAYS } from "./reminder-escalation";
import type { SettingDef } from "./settings";
import { yesNoSetting } from "./yes-no-setting";

const MAX_GRACE = 10;

export const graceSetting: SettingDef<number> = {
  name: "提醒宽限工作日",
  summary: "提醒发出后几个工作日仍无人点「已知悉」就升级（先到挂点领导、责任干部，再到调度群的管理员）",
  example: "/设置 提醒宽限工作日=2",
  check(text) {
    const value = text
      .normalize("NFKC")
      .trim()
      .replace(/(个)?工作日$|天$/, "");
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    return Number.isInteger(n) && n >= 1 && n <= MAX_GRACE
      ? { ok: true, text: String(n) }
      : { ok: false, error: `提醒宽限工作日应是 1–${MAX_GRACE} 的整数，「${text}」不行` };
  },
  decode: Number,
  defaultText: String(DEFAULT_GRACE_WORKDAYS),
};

export const urgentSetting = yesNoSetting(
  "超期加急",
  "升级的超期重大隐患是否同时用飞书加急（应用内加急，需开通 im:message.urgent 权限，有额度限制）",
  "否",
);
