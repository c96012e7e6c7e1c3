/** Planar PCM that a decoder produced from the bytes pushed so far. */
export interface PcmBlock {
  channels: Float32Array[];
  sampleRate: number;
}

/** Header facts an in-process decoder knows about the stream. */
export interface StreamFacts {
  codec: string;
  /** Channels in the file (a decoder may output more, e.g. mpg123 always gives two). */
  channels: number;
  sampleRate: number;
}

/**
 * One file's decode on an in-process decoder. The driver pushes the file's bytes in order, then
 * calls `end` — or `cancel` when it stops early (maxSeconds, abort, timeout). Errors are
 * SerkitErrors naming the file.
 */
export interface DecodeSession {
  push(bytes: Uint8Array): Promise<PcmBlock | null>;
  /** Flushes what is left and checks the file was complete (throws MALFORMED_FILE if cut short). */
  end(): Promise<PcmBlock | null>;
  cancel(): Promise<void>;
  /** Known once the header was seen. */
  facts(): StreamFacts | undefined;
}

/** What a session gets to know about its file. */
export interface SessionFile {
  path: string;
  /** The first bytes (`SNIFF_BYTES`). */
  head: Uint8Array;
  /** The last bytes (up to 64 KiB), for end-of-stream checks. */
  tail: Uint8Array;
  /** File size in bytes. */
  size: number;
}

export interface SessionOptions {
  /** The rate the caller will resample to (lets Opus decode straight to it). */
  targetRate?: number;
  /** A decoder instance of its own instead of the shared one (for long streams). */
  dedicated?: boolean;
}
