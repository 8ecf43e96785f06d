// The command registry: adding a command is one file and one line here.
import { helpCommand } from "./help";
import type { Command } from "./types";

export const commands: Command[] = [];
commands.push(helpCommand(() => commands));

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name || c.aliases?.includes(name));
}
