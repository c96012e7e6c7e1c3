/**
 * The one error type serkit throws on purpose. `code` is stable and machine-readable (the CLI maps
 * it to exit statuses and `--json` error objects); `input` names what was bad (a file, a flag, a
 * parameter); `reason` says why in plain words.
 */
export type SerkitErrorCode =
  | 'INVALID_ARGUMENT' // a parameter or flag value is out of range or of the wrong type
  | 'INVALID_AUDIO' // samples are empty, too short, or contain NaN/Inf
  | 'MALFORMED_FILE' // a file's bytes do not form what its format promises (bad WAV header, …)
  | 'DECODE_FAILED' // a decoder (in-process or ffmpeg) could not decode the file
  | 'NOT_FOUND' // a file, directory, plugin or model does not exist
  | 'UNSUPPORTED' // a valid input serkit cannot handle (codec, layout, …)
  | 'TIMEOUT'
  | 'ABORTED'
  | 'NO_FFMPEG'
  | 'PLUGIN_LOAD' // a plugin failed to load or register
  | 'PLUGIN_FAILED' // a plugin threw something other than a SerkitError while running
  | 'CONTRACT_VERSION' // a plugin was built against another contract version
  | 'MODEL_INCOMPATIBLE' // a model's labels/extractor do not match what was asked
  | 'CORRUPT_FILE' // a model or checkpoint fails its integrity check
  | 'DATASET' // a dataset is empty, has one class, …
  | 'INTERNAL';

export interface SerkitErrorOptions {
  /** What was bad: a file path, a flag name, a parameter name. */
  input?: string;
  cause?: unknown;
}

export class SerkitError extends Error {
  readonly code: SerkitErrorCode;
  readonly input: string | undefined;
  readonly reason: string;

  constructor(code: SerkitErrorCode, reason: string, options: SerkitErrorOptions = {}) {
    super(options.input === undefined ? reason : `${options.input}: ${reason}`, { cause: options.cause });
    this.name = 'SerkitError';
    this.code = code;
    this.input = options.input;
    this.reason = reason;
  }

  /** A plain object for `--json` output and logs. */
  toJSON(): { code: SerkitErrorCode; input?: string; reason: string; message: string } {
    return {
      code: this.code,
      ...(this.input === undefined ? {} : { input: this.input }),
      reason: this.reason,
      message: this.message,
    };
  }
}

export function isSerkitError(value: unknown): value is SerkitError {
  return value instanceof SerkitError;
}

/** Throws INVALID_ARGUMENT naming `input` unless `condition` holds. */
export function check(condition: boolean, input: string, reason: string): asserts condition {
  if (!condition) throw new SerkitError('INVALID_ARGUMENT', reason, { input });
}
