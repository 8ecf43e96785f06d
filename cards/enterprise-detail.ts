// One enterprise's card (/企业 查看, and the answer to /企业 新增): its 公示牌 fields, unit, sector, 高危 flag.

import { type EnterpriseView, personWithPhone } from "./enterprise-view";
import { card, fields, md } from "./fragments";
import type { Card } from "./types";

export function enterpriseDetailCard(e: EnterpriseView, title = "企业"): Card {
  return card(
    title,
    e.highRisk ? "orange" : "blue",
    [
      fields([
        ["公司/企业名称", e.name],
        ["责任单位", e.unitName],
        ["行业领域", e.sectorName],
        ["高危", e.highRisk ? "是" : "否"],
        ["企业主要负责人", personWithPhone(e.headName, e.headPhone)],
        ["挂点领导", personWithPhone(e.liaisonLeader, e.liaisonLeaderPhone)],
        ["责任干部", personWithPhone(e.cadreName, e.cadrePhone)],
        ["关联的挂点领导", e.linkedLeader ?? "未关联"],
        ["关联的责任干部", e.linkedCadre ?? "未关联"],
      ]),
      md(
        "发送 `/企业 公示牌 企业名称` 查看它的安全生产责任公示牌。关联的成员在提醒无人知悉时收到升级提醒：`/企业 修改 企业名称 挂点领导=@某人 责任干部=@某人`，写 `=无` 取消关联。",
      ),
    ],
    e.name,
  );
}
