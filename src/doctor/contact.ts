// The contact scope, the contact range (通讯录权限范围) and the name field, by looking up the first admin
// (open.feishu.cn contact/v3 user get: the name needs contact:user.base:readonly; 41050 = outside the range).
import type { LarkClient } from "../feishu/client";
import { OUT_OF_CONTACT_RANGE } from "../feishu/errors";
import { addScopeStep, NAME_FIELD_SCOPE } from "../feishu/scopes";
import { notChecked, PROBE_ID, probe, scopeResult } from "./probe";
import { ADMIN_STEP, RANGE_STEP } from "./steps";
import { type CheckResult, fail, ok, warn } from "./types";

const SCOPE_CHECK = "通讯录权限";
const RANGE_CHECK = "通讯录范围与姓名";

export async function checkContact(lark: LarkClient, adminOpenId: string | null): Promise<CheckResult[]> {
  const openId = adminOpenId ?? `ou_${PROBE_ID}`;
  const probed = await probe(() =>
    lark.client.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: "open_id" } }),
  );
  const scope = scopeResult(SCOPE_CHECK, "按 open_id 查成员", probed);
  if (scope.status !== "ok") return [scope, fail(RANGE_CHECK, "没能检查", scope.fix ?? RANGE_STEP)];
  if (adminOpenId === null) return [scope, warn(RANGE_CHECK, "没有可查的管理员，没能检查", ADMIN_STEP)];
  if (!probed.ok) {
    if (probed.error.code === OUT_OF_CONTACT_RANGE) {
      return [
        scope,
        fail(RANGE_CHECK, `管理员 ${adminOpenId} 不在通讯录权限范围内，成员会显示成 open_id`, RANGE_STEP),
      ];
    }
    return [
      scope,
      notChecked(RANGE_CHECK, probed.error) ??
        fail(RANGE_CHECK, `查不到管理员 ${adminOpenId}（${probed.error.message}）`, RANGE_STEP),
    ];
  }
  const name = probed.value.data?.user?.name;
  if (!name) {
    return [
      scope,
      fail(RANGE_CHECK, "查得到成员但没有姓名，成员会显示成 open_id", addScopeStep([NAME_FIELD_SCOPE])),
    ];
  }
  return [scope, ok(RANGE_CHECK, `查得到管理员「${name}」`)];
}
