// The 公示牌 (附件1) fields of an enterprise as people type them, in a command or a roster row: which are
// required, how long they may be, phones checked and normalised, 高危 read as 是/否. One rule for both doors.
import { foldName } from "./names";
import { normalisePhone } from "./phone";
import { parseYesNo } from "./yes-no";

export type EnterpriseField =
  | "name"
  | "unit"
  | "sector"
  | "head"
  | "headPhone"
  | "liaison"
  | "liaisonPhone"
  | "cadre"
  | "cadrePhone"
  | "highRisk";

/** What each field is called in messages (the 公示牌's own words). */
export const FIELD_LABELS: Record<EnterpriseField, string> = {
  name: "企业名称",
  unit: "责任单位",
  sector: "领域",
  head: "企业主要负责人",
  headPhone: "主要负责人电话",
  liaison: "挂点领导",
  liaisonPhone: "挂点领导电话",
  cadre: "责任干部",
  cadrePhone: "责任干部电话",
  highRisk: "高危",
};

export type RawEnterprise = Partial<Record<EnterpriseField, string>>;

/** The text fields checked: names trimmed (inner spaces kept as typed), phones normalised or null. */
export interface CheckedEnterpriseText {
  name: string;
  headName: string;
  headPhone: string | null;
  liaisonLeader: string | null;
  liaisonLeaderPhone: string | null;
  cadreName: string | null;
  cadrePhone: string | null;
  /** undefined when not given: the caller's default applies */
  highRisk: boolean | undefined;
}

/** The row an enterprise is stored as: the checked text placed in its unit and sector, 高危 defaulted. */
export function enterpriseRecord(
  value: CheckedEnterpriseText,
  unitId: number,
  sectorId: number,
  highRisk: boolean,
) {
  const { highRisk: given, ...fields } = value;
  return { ...fields, unitId, sectorId, highRisk: given ?? highRisk };
}

export interface FieldProblem {
  field: EnterpriseField;
  message: string;
}

const MAX_NAME = 60;
const MAX_PERSON = 30;

function text(value: string | undefined): string | null {
  const trimmed = (value ?? "").replace(/[\u00a0\u3000]/g, " ").trim();
  return trimmed === "" ? null : trimmed;
}

/** Checks every text field at once, so a person sees all problems in one answer. */
export function checkEnterpriseText(
  raw: RawEnterprise,
): { ok: true; value: CheckedEnterpriseText } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const required = (field: EnterpriseField, max: number): string => {
    const value = text(raw[field]);
    if (value === null) problems.push({ field, message: `缺少${FIELD_LABELS[field]}` });
    else if ([...value].length > max)
      problems.push({ field, message: `${FIELD_LABELS[field]}太长（最多 ${max} 个字）` });
    return value ?? "";
  };
  const optional = (field: EnterpriseField, max: number): string | null => {
    const value = text(raw[field]);
    if (value !== null && [...value].length > max)
      problems.push({ field, message: `${FIELD_LABELS[field]}太长（最多 ${max} 个字）` });
    return value;
  };
  const phone = (field: EnterpriseField): string | null => {
    const value = text(raw[field]);
    if (value === null) return null;
    const checked = normalisePhone(value);
    if (checked.ok) return checked.phone;
    problems.push({ field, message: `${FIELD_LABELS[field]}${checked.error}` });
    return null;
  };
  const name = required("name", MAX_NAME);
  const headName = required("head", MAX_PERSON);
  const headPhone = phone("headPhone");
  const liaisonLeader = optional("liaison", MAX_PERSON);
  const liaisonLeaderPhone = phone("liaisonPhone");
  const cadreName = optional("cadre", MAX_PERSON);
  const cadrePhone = phone("cadrePhone");
  let highRisk: boolean | undefined;
  const flag = text(raw.highRisk);
  if (flag !== null) {
    highRisk = parseYesNo(flag);
    if (highRisk === undefined)
      problems.push({ field: "highRisk", message: `高危应写 是 或 否，「${flag}」不行` });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { name, headName, headPhone, liaisonLeader, liaisonLeaderPhone, cadreName, cadrePhone, highRisk },
  };
}

/** Two enterprises' 公示牌 fields are the same when names match folded (spaces, width) and the rest exactly. */
export type ComparableEnterprise = Omit<CheckedEnterpriseText, "name" | "highRisk"> & {
  unitId: number;
  sectorId: number;
  highRisk: boolean;
};

const foldOrNull = (name: string | null) => (name === null ? null : foldName(name));

export function sameEnterpriseFields(a: ComparableEnterprise, b: ComparableEnterprise): boolean {
  return (
    a.unitId === b.unitId &&
    a.sectorId === b.sectorId &&
    foldName(a.headName) === foldName(b.headName) &&
    a.headPhone === b.headPhone &&
    foldOrNull(a.liaisonLeader) === foldOrNull(b.liaisonLeader) &&
    a.liaisonLeaderPhone === b.liaisonLeaderPhone &&
    foldOrNull(a.cadreName) === foldOrNull(b.cadreName) &&
    a.cadrePhone === b.cadrePhone &&
    a.highRisk === b.highRisk
  );
}
