// The words of the notices that follow a hazard's logging and later moves (整改完成, 退回, 销号, 督办): lines for the top of
// a hazard card (hazardCard escapes them) and whole text messages with their @mentions. Pure: data in, text out.

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

const OPEN_ID = /^ou_[0-9A-Za-z_-]+$/;

/**
 * User text inside a text message, where Feishu reads `<at …>` as a mention: angle brackets become their
 * full-width look-alikes, so a note or a name can never forge a mention (or @all).
 */
export function plainText(text: string): string {
  return text.replace(/</g, "＜").replace(/>/g, "＞");
}

/** An @mention in a text message; "" for anything that is not an open_id. */
export function textMention(openId: string, name: string | undefined): string {
  return OPEN_ID.test(openId) ? `<at user_id="${openId}">${plainText(name ?? "")}</at>` : "";
}

function mentionsOf(people: { openId: string; name?: string | undefined }[]): string {
  return people
    .map((p) => textMention(p.openId, p.name))
    .filter((m) => m !== "")
    .join(" ");
}

function withNote(label: string, note: string): string[] {
  return note.trim() === "" ? [] : [`${label}：${note.trim()}`];
}

/** A new hazard: the lines atop the card the enterprise's head gets privately. */
export function loggedHeadLines(h: NoticeHazard): string[] {
  return [`你的企业「${h.enterpriseName}」有一条新登记的隐患，请按期整改，并用「报进展」「整改完成」反馈。`];
}

/** A hazard logged on a form: the text that @mentions the sector's 责任干部 in the form's chat. */
export function loggedCadreText(
  h: NoticeHazard,
  cadres: { openId: string; name?: string | undefined }[],
): string {
  return `${mentionsOf(cadres)} 新登记隐患 ${h.number}，请责任干部关注。`;
}

/** 整改完成 → 待验收: the lines atop the card posted for the checkers. */
export function rectifiedLines(h: NoticeHazard, by: string, note: string): string[] {
  return [
    `${h.number} 已整改完成，待验收（报告人 ${by}）。`,
    ...withNote("说明", note),
    `请验收人现场核查后发送 /隐患 销号 ${h.number} [意见] 或 /隐患 退回 ${h.number} <意见>；/隐患 查看 ${h.number} 可取得带按钮的卡片。`,
  ];
}

/** 退回: the text that @mentions the unit's 干部 in the hazard's chat. */
export function returnedCadreText(
  h: NoticeHazard,
  cadres: { openId: string; name?: string | undefined }[],
  by: string,
  reason: string,
): string {
  return `${mentionsOf(cadres)} 隐患 ${h.number}（${plainText(h.enterpriseName)}）验收未通过，已退回整改（退回人 ${plainText(by)}）。退回意见：${plainText(reason.trim())}。请督促整改后再报整改完成。`;
}

/** 退回: the lines atop the enterprise head's private card. */
export function returnedHeadLines(h: NoticeHazard, by: string, reason: string): string[] {
  return [
    `你的企业「${h.enterpriseName}」的隐患 ${h.number} 验收未通过，已退回整改（退回人 ${by}）。`,
    ...withNote("退回意见", reason),
    "请整改到位后点「整改完成」再报验收。",
  ];
}

/** 销号: the short text the enterprise head gets privately. */
export function closedHeadText(h: NoticeHazard, by: string, note: string): string {
  const opinion = note.trim() === "" ? "" : `意见：${plainText(note.trim())}`;
  return `${h.number} 已验收销号（验收人 ${plainText(by)}）。${opinion}`;
}

function supervisionText(s: Supervision): string {
  return `${s.level}挂牌督办（${s.doc}，${s.date}），实质进展期限 ${s.due}`;
}

/** 督办: the text that @mentions the unit's 干部 in the hazard's chat. */
export function supervisedCadreText(
  h: NoticeHazard,
  cadres: { openId: string; name?: string | undefined }[],
  s: Supervision,
): string {
  return `${mentionsOf(cadres)} 隐患 ${h.number}（${plainText(h.enterpriseName)}）已${plainText(supervisionText(s))}，请按期取得实质进展并报进展。`;
}

/** 督办: the lines atop the enterprise head's private card. */
export function supervisedHeadLines(h: NoticeHazard, s: Supervision): string[] {
  return [
    `你的企业「${h.enterpriseName}」的隐患 ${h.number} 已${supervisionText(s)}。`,
    "请在期限前取得实质进展，并用「报进展」反馈。",
  ];
}

/** 修改 单位=…: the text that @mentions the new unit's 干部 in the hazard's chat. */
export function handedOverCadreText(
  h: NoticeHazard,
  cadres: { openId: string; name?: string | undefined }[],
  fromUnit: string,
  by: string,
): string {
  return `${mentionsOf(cadres)} 隐患 ${h.number}（${plainText(h.enterpriseName)}）已由「${plainText(fromUnit)}」移交本单位整改（${plainText(by)} 修改）。发送 /隐患 查看 ${h.number} 查看并跟进。`;
}
