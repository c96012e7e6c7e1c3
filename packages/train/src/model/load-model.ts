import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type LayersModel, SerkitError } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import { readChecksummedJson } from './checksummed-json.js';
import { checkCompatibility, type ModelExpectation } from './compatibility.js';
import { FileSystemHandler } from './file-system-handler.js';
import { MODEL_FILES, manifestSchema, type SerkitManifest } from './manifest-schema.js';

export interface LoadedModel {
  readonly model: LayersModel;
  readonly manifest: SerkitManifest;
  readonly dir: string;
}

/** Reads and validates serkit.json of a model folder (schema + its own checksum). */
export async function readManifest(dir: string): Promise<SerkitManifest> {
  const info = await stat(dir).catch((error: unknown) => {
    throw new SerkitError('NOT_FOUND', 'model folder does not exist', { input: dir, cause: error });
  });
  if (!info.isDirectory()) throw new SerkitError('NOT_FOUND', 'is not a model folder', { input: dir });
  if (!existsSync(join(dir, MODEL_FILES.manifest)) && existsSync(join(dir, 'folds'))) {
    throw new SerkitError('NOT_FOUND', 'is a kfold-actor run: its models are in folds/fold-1 … folds/fold-6', {
      input: dir,
    });
  }
  return readChecksummedJson(join(dir, MODEL_FILES.manifest), manifestSchema);
}

/**
 * Loads a model folder after checking, in order: serkit.json (schema and self checksum), that the
 * model suits `expected` (MODEL_INCOMPATIBLE with the reason otherwise), the sha256 of model.json
 * and weights.bin, and that the network's input and output match serkit.json. Anything damaged is
 * CORRUPT_FILE naming the file; nothing is loaded silently.
 */
export async function loadModel(dir: string, expected: ModelExpectation = {}): Promise<LoadedModel> {
  const manifest = await readManifest(dir);
  checkCompatibility(manifest, expected, dir);
  const handler = new FileSystemHandler(dir, manifest.files);
  const artifacts = await handler.load();
  let model: LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (error) {
    throw new SerkitError('CORRUPT_FILE', `tfjs cannot build the model: ${(error as Error).message}`, {
      input: join(dir, MODEL_FILES.topology),
      cause: error,
    });
  }
  const outputUnits = model.outputs[0].shape.at(-1);
  const inputShape = model.inputs[0].shape.slice(1);
  const second = manifest.secondOutput;
  // A second head's classes follow the labels in the one output row (model/second-head.ts).
  const expectedUnits = manifest.labels.length + (second?.labels.length ?? 0);
  const described = second
    ? `${manifest.labels.length} labels + ${second.labels.length} ${second.name}`
    : `${manifest.labels.length} labels`;
  if (outputUnits !== expectedUnits || inputShape.join(',') !== manifest.model.inputShape.join(',')) {
    model.dispose();
    throw new SerkitError(
      'CORRUPT_FILE',
      `the network (input ${inputShape.join('x')}, ${outputUnits} outputs) does not match serkit.json (input ${manifest.model.inputShape.join('x')}, ${described})`,
      { input: dir },
    );
  }
  return { model, manifest, dir };
}
