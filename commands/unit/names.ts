// What a unit's name, short forms and type may be, shared by /单位 新增 and /单位 修改: one namespace of names
// and short forms among active units (a retired unit's name is free again).
import { BotError } from "../../src/bot/errors";
import { foldName } from "../../src/domain/names";
import type { UnitRow } from "../../src/store/units";

export const KINDS: Record<string, "村居" | "镇直"> = {
  村居: "村居",
  村: "村居",
  社区: "村居",
  居委会: "村居",
  村委会: "村居",
  镇直: "镇直",
  驻镇: "镇直",
  镇直单位: "镇直",
};
export const MAX_NAME = 30;

/** The short forms typed as `简称=甲、乙`, without the name itself and without repeats. */
export function readAliases(text: string, name: string): string[] {
  const aliases = text
    .split(/[、,，;；]/)
    .map((a) => a.trim())
    .filter((a) => a !== "" && foldName(a) !== foldName(name));
  return [...new Set(aliases)];
}

/** Refuses a name or short form that equals (folded) one of another active unit. */
export function requireFree(
  words: string[],
  units: UnitRow[],
  o: { self?: number; sameName?: string } = {},
): void {
  for (const word of words) {
    const folded = foldName(word);
    const taken = units.find(
      (u) => u.id !== o.self && [u.name, ...u.aliases].some((n) => foldName(n) === folded),
    );
    if (taken) {
      throw new BotError(
        "conflict",
        taken.name === word
          ? `已有单位「${taken.name}」${o.sameName ?? "。"}`
          : `「${word}」已是单位「${taken.name}」的名称或简称。`,
      );
    }
  }
}
