// A call Feishu refused for a missing scope (code 99991672) needs a console step, not a retry: it is logged once
// per scope, with the scope and the step, however many calls it refuses.
import type { Logger } from "../logger";
import type { LarkClient } from "./client";
import type { FeishuApiError } from "./errors";
import { addScopeStep } from "./scopes";

/** Logs a missing scope the first time a call is refused for it; true when the error was a missing scope. */
export function reportMissingScope(
  lark: LarkClient | null,
  logger: Logger,
  error: FeishuApiError,
  call: string,
): boolean {
  if (!error.missingScope) return false;
  const reported = lark?.reportedScopes;
  if (reported && error.scopes.some((scope) => reported.has(scope))) return true;
  for (const scope of error.scopes) reported?.add(scope);
  logger.warn("the Feishu app lacks a scope: run npm run doctor", {
    call,
    scopes: error.scopes.join(","),
    fix: addScopeStep(error.scopes),
  });
  return true;
}
