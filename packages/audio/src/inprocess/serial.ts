/**
 * One file at a time per shared decoder instance: a reused WebAssembly decoder holds the state of
 * the stream it is decoding, so two files must not interleave on it. `acquire` waits for the
 * previous holder; the returned release is idempotent.
 */
export class DecoderLock {
  private tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => released);
    await previous;
    return release;
  }
}

interface WasmDecoder {
  readonly ready: Promise<void>;
  reset(): Promise<void>;
  free(): void;
}

/**
 * A decoder checked out for one file; `release` returns (or frees) it, once. `failed`: the file
 * hit a decode error, which can leave the instance unusable ("Too many input buffers" for every
 * later file), so it is reset before the next file.
 */
export interface Checkout<D> {
  decoder: D;
  release(failed?: boolean): void;
}

/**
 * One WebAssembly decoder instance reused across files (instantiating costs more than decoding a
 * short clip), lent to one file at a time. `resetBetweenFiles`: the codec keeps state across
 * frames, so a used instance is reset before the next file. A dedicated checkout gets a fresh
 * instance of its own, freed on release.
 */
export class SharedDecoder<D extends WasmDecoder> {
  private instance: D | undefined;
  private used = false;
  private broken = false;
  private readonly lock = new DecoderLock();

  constructor(
    private readonly create: () => D,
    private readonly resetBetweenFiles: boolean,
  ) {}

  async checkout(dedicated = false): Promise<Checkout<D>> {
    if (dedicated) {
      const decoder = this.create();
      await decoder.ready;
      let freed = false;
      return {
        decoder,
        release: () => {
          if (!freed) decoder.free();
          freed = true;
        },
      };
    }
    const release = await this.lock.acquire();
    try {
      if (!this.instance) {
        this.instance = this.create();
        await this.instance.ready;
      } else if (this.broken || (this.used && this.resetBetweenFiles)) {
        await this.instance.reset();
        this.broken = false;
      }
    } catch (error) {
      this.instance = undefined;
      release();
      throw error;
    }
    this.used = true;
    return {
      decoder: this.instance,
      release: (failed = false) => {
        if (failed) this.broken = true;
        release();
      },
    };
  }

  /** The instance was reset by its own flush: the next file needs no reset. */
  markClean(): void {
    this.used = false;
  }
}

/** Remembers whether a wrapped call threw, so a shared decoder can be released as broken. */
export class ErrorFlag {
  errored = false;

  async run<T>(fn: () => T | Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      this.errored = true;
      throw error;
    }
  }
}
