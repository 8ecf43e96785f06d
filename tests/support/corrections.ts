// Where the tests of correcting a hazard (typed `/隐患 修改` and the card's 修改 form) start: two units' 干部, a
// 领导, an enterprise head, two registered enterprises, and YH-2023-0001 logged by the 应急办 干部.
import type { Harness } from "./harness";
import { addEnterprise, ask, bind, newHazardLine, startLedger } from "./ledger";

export const CADRE = "ou_cadre0000000000000000000000001";
export const WATER_CADRE = "ou_cadre0000000000000000000000002";
export const LEADER = "ou_leader000000000000000000000001";
export const HEAD = "ou_head00000000000000000000000001";

/** The bot with YH-2023-0001: 应急办, 东风加油站, 危险化学品, 期限 2023-07-31, found 2023-07-01. */
export async function startCorrections(): Promise<Harness> {
  const h = await startLedger();
  const east = await addEnterprise(h, "东风加油站", "应急办", 5, "王加油");
  await addEnterprise(h, "西山石场", "水务站", 4);
  await bind(h, CADRE, "干部", { name: "李干部", unit: "应急办" });
  await bind(h, WATER_CADRE, "干部", { name: "赵水务", unit: "水务站" });
  await bind(h, LEADER, "领导", { name: "张镇长" });
  await bind(h, HEAD, "企业负责人", { name: "王加油", enterpriseId: east });
  await ask(h, newHazardLine(), { sender: CADRE });
  return h;
}
