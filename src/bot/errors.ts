// One error type for everything a user can get wrong or may not do; dispatch turns it into an error card.

export type BotErrorCode =
  | "unreadable" // the command could not be read: a misspelt key, a word where key=value belongs, a stray quote
  | "bad_input" // the command was read, but a value is refused (a bad date, an unknown unit, too long)
  | "unknown_command"
  | "forbidden" // the role may not do this
  | "unbound" // the person is bound to nothing yet
  | "not_found"
  | "conflict" // the state does not allow it (e.g. 销号 before 整改完成), or a duplicate
  | "unavailable"; // a dependency (Feishu) cannot do it now

export class BotError extends Error {
  override name = "BotError";
  constructor(
    readonly code: BotErrorCode,
    message: string,
    /** the right way to write the command, shown under the message */
    readonly usage: string[] = [],
  ) {
    super(message);
  }
}
