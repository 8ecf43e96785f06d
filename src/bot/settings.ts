// The value in force for a setting: stored in chat (/设置) wins over the environment, which wins over the
// default. The only settings code that reads the database; the rules themselves are in src/domain/settings.
import {
  resolveSetting,
  SETTINGS,
  type SettingDef,
  type SettingKey,
  type SettingValue,
} from "../domain/settings";
import { getSetting } from "../store/settings";
import type { Deps } from "./deps";

/** The value in force for a setting, typed: 调度群 → chat id or null, 镇级督办天数 → number, 专项开始 → date. */
export async function effectiveSetting<K extends SettingKey>(
  deps: Pick<Deps, "config" | "db">,
  key: K,
): Promise<SettingValue<K>> {
  const resolved = resolveSetting(key, await getSetting(deps.db, key), deps.config);
  const def = SETTINGS[key] as SettingDef<SettingValue<K>>;
  if (resolved.text === null) return null as SettingValue<K>;
  // A stored value was checked when it was set; one that no longer passes (a rule tightened) falls back.
  // (Stored dates are full YYYY-MM-DD, so the year passed for month-day forms does not matter here.)
  if (resolved.source === "群内设置" && !def.check(resolved.text, 2000).ok) {
    const fallback = resolveSetting(key, undefined, deps.config);
    return (fallback.text === null ? null : def.decode(fallback.text)) as SettingValue<K>;
  }
  return def.decode(resolved.text);
}
