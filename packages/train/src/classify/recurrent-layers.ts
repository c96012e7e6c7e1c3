import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Keras layer classes that tfjs runs one time step after another. */
const RECURRENT = new Set(['LSTM', 'GRU', 'SimpleRNN', 'RNN', 'Bidirectional', 'ConvLSTM2D']);

/** Every `class_name` in a JSON value, depth first (nested models and wrapped layers included). */
function* classNames(value: unknown): Generator<string> {
  if (Array.isArray(value)) {
    for (const item of value) yield* classNames(item);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'class_name' && typeof item === 'string') yield item;
      else yield* classNames(item);
    }
  }
}

/**
 * The recurrent layer classes in the topology of the model folder's model.json (empty when it has
 * none, or when model.json cannot be read: loading the model reports that properly).
 */
export async function recurrentLayers(modelDir: string): Promise<string[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(modelDir, 'model.json'), 'utf8'));
  } catch {
    return [];
  }
  const topology = (json as { modelTopology?: unknown }).modelTopology;
  return [...new Set([...classNames(topology)].filter((name) => RECURRENT.has(name)))];
}
