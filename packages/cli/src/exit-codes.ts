/** Exit statuses of every serkit command. */
export const EXIT = {
  /** Everything worked. */
  OK: 0,
  /** A runtime failure, or some inputs of a batch failed. */
  FAILED: 1,
  /** Bad usage: unknown/invalid flags or arguments, or a named input that does not exist. */
  USAGE: 2,
} as const;
