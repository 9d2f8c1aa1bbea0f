/**
 * A problem with what the user asked for. The CLI prints `convgrad: <message>` as one line and
 * exits with code 2; API callers catch it. `input` names the flag or argument at fault.
 */
export class UsageError extends Error {
  constructor(
    readonly input: string,
    readonly rule: string,
  ) {
    super(`${input}: ${rule}`);
    this.name = "UsageError";
  }
}
