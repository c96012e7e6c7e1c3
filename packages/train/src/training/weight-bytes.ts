import * as tf from '@tensorflow/tfjs';

/** Weight tensors flattened for storage: their shapes (in order) and one float32 byte buffer. */
export interface StoredWeights {
  readonly shapes: number[][];
  readonly bytes: Uint8Array;
}

/** Copies `tensors` (float32) into one buffer, in order. */
export function weightsToBytes(tensors: readonly tf.Tensor[]): StoredWeights {
  const total = tensors.reduce((sum, t) => sum + t.size, 0);
  const out = new Float32Array(total);
  let offset = 0;
  for (const t of tensors) {
    out.set(t.dataSync() as Float32Array, offset);
    offset += t.size;
  }
  return { shapes: tensors.map((t) => [...t.shape]), bytes: new Uint8Array(out.buffer) };
}

/** Inverse of `weightsToBytes`; the caller disposes the tensors. */
export function bytesToWeights(stored: StoredWeights): tf.Tensor[] {
  const floats = new Float32Array(stored.bytes.byteLength / 4);
  new Uint8Array(floats.buffer).set(stored.bytes);
  let offset = 0;
  return stored.shapes.map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const t = tf.tensor(floats.subarray(offset, offset + size), shape, 'float32');
    offset += size;
    return t;
  });
}
