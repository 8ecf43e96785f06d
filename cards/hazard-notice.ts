// The words of the notices that follow a hazard's logging and later moves (整改完成, 退回, 销号, 督办): lines for the top of
// a hazard card (hazardCard escapes them), and the small card that @mentions the people a notice is for. User
// text (notes, 文号, names) only ever goes into cards, escaped: a text message would honour `<at user_id="all">`
// and turn URLs into links. Pure: data in, card out.
import { atMention, card, escapeMd, md } from "./fragments";
import type { Card } from "./types";

/** The hazard as the notices name it. */
export interface NoticeHazard {
  number: string;
  enterpriseName: string;
}

export interface Supervision {
  level: string;
  doc: string;
  date: string;
  /** the substantive-progress due date */
  due: string;
}

/** A notice for people @mentioned in a chat: their mentions, then the lines (escaped: user text is shown as typed). */
export function mentionCard(title: string, openIds: string[], lines: string[]): Card {
  const mentions = openIds.map(atMention).filter((m) => m !== "");
  return card(title, "orange", [
    ...(mentions.length > 0 ? [md(mentions.join(" "))] : []),
    md(lines.map((l) => escapeMd(l)).join("\n")),
  ]);
}

function withNote(label: string, note: string): string[] {
  return note.trim() === "" ? [] : [`${label}：${note.trim()}`];
}

/** A new hazard: the lines atop the card the enterprise's head gets privately. */
export function loggedHeadLines(h: NoticeHazard): string[] {
  return [`你的企业「${h.enterpriseName}」有一条新登记的隐患，请按期整改，并用「报进展」「整改完成」反馈。`];
}

/** A hazard logged on a form: the lines for the sector's 责任干部, @mentioned in the form's chat. */
export function loggedCadreLines(h: NoticeHazard, withLeaders = false): string[] {
  return [
    withLeaders
      ? `新登记重大隐患 ${h.number}，请责任领导、责任干部关注。`
      : `新登记隐患 ${h.number}，请责任干部关注。`,
  ];
}

/** 整改完成 → 待验收: the lines atop the card posted for the checkers. */
export function rectifiedLines(h: NoticeHazard, by: string, note: string): string[] {
  return [
    `${h.number} 已整改完成，待验收（报告人 ${by}）。`,
    ...withNote("说明", note),
    `请验收人现场核查后发送 /隐患 销号 ${h.number} [意见] 或 /隐患 退回 ${h.number} <意见>；/隐患 查看 ${h.number} 可取得带按钮的卡片。`,
  ];
}

/** 退回: the lines for the unit's 干部, @mentioned in the hazard's chat. */
export function returnedCadreLines(h: NoticeHazard, by: string, reason: string): string[] {
  return [
    `隐患 ${h.number}（${h.enterpriseName}）验收未通过，已退回整改（退回人 ${by}）。`,
    ...withNote("退回意见", reason),
    "请督促整改后再报整改完成。",
  ];
}

/** 退回: the lines atop the enterprise head's private card. */
export function returnedHeadLines(h: NoticeHazard, by: string, reason: string): string[] {
  return [
    `你的企业「${h.enterpriseName}」的隐患 ${h.number} 验收未通过，已退回整改（退回人 ${by}）。`,
    ...withNote("退回意见", reason),
    "请整改到位后点「整改完成」再报验收。",
  ];
}

/** 销号: the lines atop the card the enterprise head gets privately. */
export function closedHeadLines(h: NoticeHazard, by: string, note: string): string[] {
  return [`${h.number} 已验收销号（验收人 ${by}）。`, ...withNote("意见", note)];
}

function supervisionText(s: Supervision): string {
  return `${s.level}挂牌督办（${s.doc}，${s.date}），实质进展期限 ${s.due}`;
}

/** 督办: the lines for the unit's 干部, @mentioned in the hazard's chat. */
export function supervisedCadreLines(h: NoticeHazard, s: Supervision): string[] {
  return [`隐患 ${h.number}（${h.enterpriseName}）已${supervisionText(s)}，请按期取得实质进展并报进展。`];
}

/** 督办: the lines atop the enterprise head's private card. */
export function supervisedHeadLines(h: NoticeHazard, s: Supervision): string[] {
  return [
    `你的企业「${h.enterpriseName}」的隐患 ${h.number} 已${supervisionText(s)}。`,
    "请在期限前取得实质进展，并用「报进展」反馈。",
  ];
}

/** 修改 单位=…: the lines for the new unit's 干部, @mentioned in the hazard's chat. */
export function handedOverCadreLines(h: NoticeHazard, fromUnit: string, by: string): string[] {
  return [
    `隐患 ${h.number}（${h.enterpriseName}）已由「${fromUnit}」移交本单位整改（${by} 修改）。发送 /隐患 查看 ${h.number} 查看并跟进。`,
  ];
}
