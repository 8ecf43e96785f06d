// The data an enterprise card shows: the 公示牌 fields with its unit and sector named, ready to print.
import type { CheckedEnterpriseText } from "../src/domain/enterprise-fields";

export type EnterpriseView = Omit<CheckedEnterpriseText, "highRisk"> & {
  unitName: string;
  sectorName: string;
  highRisk: boolean;
  /** the bound members linked as 挂点领导 and 责任干部, as shown ("张三（领导）"); null: nobody linked */
  linkedLeader: string | null;
  linkedCadre: string | null;
};

/** A person with a phone, as the board writes them: "张三 13800000001", a dash when nobody is named. */
export function personWithPhone(name: string | null, phone: string | null): string {
  if (!name && !phone) return "—";
  return [name, phone].filter(Boolean).join("　");
}
