import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SerkitError } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { MODEL_FILES, type ModelTopologyFile, topologySchema } from './manifest-schema.js';
import { parseJsonFile, readVerified } from './read-verified.js';
import { sha256Hex } from './sha256.js';

/** sha256 of the two files a save wrote, for serkit.json. */
export interface SavedFileSums {
  readonly [MODEL_FILES.topology]: string;
  readonly [MODEL_FILES.weights]: string;
}

const BYTES_PER_ELEMENT = 4; // float32 and int32, the only dtypes accepted

/**
 * A tfjs IOHandler for a folder on the file system (pure tfjs has none): `save` writes
 * `weights.bin` then `model.json`, each atomically; `load` reads them back, checks model.json
 * against a strict schema, the weights' size against the manifest and, when given, both files'
 * sha256. Only plain JSON and raw float bytes are read: loading never evaluates code.
 */
export class FileSystemHandler implements tf.io.IOHandler {
  /** Set by `save`: the checksums of what it wrote. */
  savedSums: SavedFileSums | undefined;

  constructor(
    readonly dir: string,
    private readonly expectedSums?: SavedFileSums,
  ) {}

  async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
    if (artifacts.modelTopology === undefined || artifacts.weightSpecs === undefined) {
      throw new SerkitError('INTERNAL', 'tfjs gave no topology or weight specs to save', { input: this.dir });
    }
    await mkdir(this.dir, { recursive: true });
    const weights = new Uint8Array(
      artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData),
    );
    const modelJson: ModelTopologyFile = {
      modelTopology: artifacts.modelTopology as Record<string, unknown>,
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
      weightsManifest: [
        {
          paths: [MODEL_FILES.weights],
          weights: artifacts.weightSpecs.map(({ name, shape, dtype }) => ({ name, shape, dtype: dtype as 'float32' })),
        },
      ],
    };
    const topologyText = `${JSON.stringify(modelJson)}\n`;
    await writeFileAtomic(join(this.dir, MODEL_FILES.weights), weights);
    await writeFileAtomic(join(this.dir, MODEL_FILES.topology), topologyText);
    this.savedSums = { [MODEL_FILES.topology]: sha256Hex(topologyText), [MODEL_FILES.weights]: sha256Hex(weights) };
    return {
      modelArtifactsInfo: {
        dateSaved: new Date(),
        modelTopologyType: 'JSON',
        modelTopologyBytes: topologyText.length,
        weightSpecsBytes: JSON.stringify(artifacts.weightSpecs).length,
        weightDataBytes: weights.byteLength,
      },
    };
  }

  async load(): Promise<tf.io.ModelArtifacts> {
    const topologyPath = join(this.dir, MODEL_FILES.topology);
    const weightsPath = join(this.dir, MODEL_FILES.weights);
    const topologyBytes = await readVerified(topologyPath, this.expectedSums?.[MODEL_FILES.topology]);
    const parsed = topologySchema.safeParse(parseJsonFile(topologyBytes.toString('utf8'), topologyPath));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SerkitError('CORRUPT_FILE', `not a tfjs layers model at ${issue.path.join('.')}: ${issue.message}`, {
        input: topologyPath,
      });
    }
    const specs = parsed.data.weightsManifest[0].weights;
    const weights = await readVerified(weightsPath, this.expectedSums?.[MODEL_FILES.weights]);
    const expectedBytes = specs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1) * BYTES_PER_ELEMENT, 0);
    if (weights.byteLength !== expectedBytes) {
      throw new SerkitError(
        'CORRUPT_FILE',
        `holds ${weights.byteLength} bytes but model.json describes ${expectedBytes}: truncated or from another model`,
        { input: weightsPath },
      );
    }
    return {
      modelTopology: parsed.data.modelTopology,
      format: parsed.data.format,
      generatedBy: parsed.data.generatedBy,
      convertedBy: parsed.data.convertedBy ?? null,
      weightSpecs: specs,
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
    };
  }
}
