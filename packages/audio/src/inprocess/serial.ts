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
