// The keys /企业 新增 and /企业 修改 read (the 公示牌's words and their short forms), one table for both.
import type { EnterpriseField } from "../../src/domain/enterprise-fields";

export const ENTERPRISE_KEYS: Record<string, EnterpriseField> = {
  名称: "name",
  企业: "name",
  企业名称: "name",
  单位: "unit",
  责任单位: "unit",
  领域: "sector",
  行业领域: "sector",
  负责人: "head",
  主要负责人: "head",
  企业主要负责人: "head",
  电话: "headPhone",
  负责人电话: "headPhone",
  挂点领导: "liaison",
  挂点领导电话: "liaisonPhone",
  责任干部: "cadre",
  责任干部电话: "cadrePhone",
  高危: "highRisk",
};
