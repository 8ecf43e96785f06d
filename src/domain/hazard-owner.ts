// The township government (高兴镇人民政府) owns no hazards: it is the 责任单位 of 附件2's shops, but a hazard
// belongs to the village or department that found it and answers for its rectification. Known by its reference
// seed key (a rename keeps it) or by its kind 政府, never by the typed name alone (src/store/units.ts).

const INSTEAD = "请写发现或负责整改这条隐患的村（居）委会或镇直（驻镇）单位，例如 单位=应急办";

/** Why a hazard cannot be logged under it, and what to write instead. */
export function governmentOwnsNoHazards(name: string): string {
  return `「${name}」是镇政府本身，不作为隐患的单位：${INSTEAD}。`;
}

/** Said when a registered enterprise's 责任单位 is the government: its 单位 is not taken for the hazard. */
export function governmentNotPrefilled(enterprise: string, name: string): string {
  return `企业「${enterprise}」的责任单位是${name}，镇政府不作为隐患的单位，所以没有按企业填写单位：${INSTEAD}。`;
}

/** Said to anyone but an admin who asks for the hazards still logged under it. */
export function governmentListForAdmins(name: string): string {
  return `登记在「${name}」名下的隐患只列给管理员（镇政府不作为隐患的单位，管理员用 /隐患 修改 编号 单位=… 把它们改到正确的单位）。`;
}
