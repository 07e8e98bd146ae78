/**
 * Input that can never be processed (empty, binary, malformed): the batch names the file with this reason
 * and goes on; the BullMQ worker turns it into an UnrecoverableError so it is not retried.
 */
export class BadInputError extends Error {
  override readonly name = 'BadInputError';
  constructor(reason: string) {
    super(reason);
  }
}

/** Wrong command-line usage: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function reasonOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
