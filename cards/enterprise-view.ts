// The data an enterprise card shows: the 公示牌 fields with its unit and sector named, ready to print.
import type { CheckedEnterpriseText } from "../src/domain/enterprise-fields";

export type EnterpriseView = Omit<CheckedEnterpriseText, "highRisk"> & {
  unitName: string;
  sectorName: string;
  highRisk: boolean;
};

/** A person with a phone, as the board writes them: "张三 13800000001", a dash when nobody is named. */
export function personWithPhone(name: string | null, phone: string | null): string {
  if (!name && !phone) return "—";
  return [name, phone].filter(Boolean).join("　");
}
