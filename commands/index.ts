// The command registry: adding a command is one file and one line here.
import { bindCommand } from "./bind";
import { caseCommand } from "./case";
import { dispatchTableCommand } from "./dispatch-table";
import { enterpriseCommand } from "./enterprise";
import { hazardCommand } from "./hazard";
import { helpCommand } from "./help";
import { ledgerCommand } from "./ledger";
import { meCommand } from "./me";
import { memberListCommand } from "./member-list";
import { rankingCommand } from "./ranking";
import { reminderCommand } from "./reminder";
import { settingsCommand } from "./settings";
import type { Command } from "./types";
import { unbindCommand } from "./unbind";
import { unitCommand } from "./unit";

export const commands: Command[] = [];
commands.push(helpCommand(() => commands));
commands.push(hazardCommand);
commands.push(unitCommand);
commands.push(enterpriseCommand);
commands.push(bindCommand);
commands.push(unbindCommand);
commands.push(memberListCommand);
commands.push(meCommand);
commands.push(reminderCommand);
commands.push(rankingCommand);
commands.push(ledgerCommand);
commands.push(dispatchTableCommand);
commands.push(caseCommand);
commands.push(settingsCommand);

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name || c.aliases?.includes(name));
}
