import { z } from 'zod';

/** File names inside a model folder. */
export const MODEL_FILES = {
  topology: 'model.json',
  weights: 'weights.bin',
  manifest: 'serkit.json',
} as const;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest');
const configValue = z.union([z.string(), finite, z.boolean(), z.null()]);

/** How the test data was separated from the training data; `leaky` marks the paper's protocol. */
export const splitSchema = z.strictObject({
  protocol: z.enum(['seed', 'actors', 'kfold-actor']),
  /** True when augmented copies of a test file's source are in training (the `seed` protocol). */
  leaky: z.boolean(),
  description: z.string(),
  testSpeakers: z.array(z.string()).optional(),
  validationSpeakers: z.array(z.string()).optional(),
  fold: z.number().int().min(1).optional(),
});

export const metricsSummarySchema = z.strictObject({
  accuracy: finite,
  uar: finite,
  macroF1: finite,
  loss: finite.optional(),
  examples: z.number().int().min(0),
  /** Which data the figures come from, e.g. 'test (held-out actors 01, 02)'. */
  on: z.string(),
});

/**
 * serkit.json: everything needed to use a trained model and to judge it. Parsed strictly (unknown
 * keys are errors) and checked against `manifestSha256`, the sha256 of the file's own JSON without
 * that field, so a flipped byte is caught as surely as a truncation.
 */
export const manifestSchema = z.strictObject({
  format: z.literal('serkit-model'),
  formatVersion: z.literal(1),
  serkitVersion: z.string(),
  createdAt: z.string(),
  labels: z.array(z.string().min(1)).min(2),
  extractor: z.strictObject({
    id: z.string().min(1),
    config: z.record(z.string(), configValue),
    fingerprint: z.string().min(1),
    sampleRate: z.number().int().positive(),
    output: z.enum(['vector', 'sequence']),
    dims: z.number().int().positive(),
  }),
  model: z.strictObject({
    id: z.string().min(1),
    version: z.string(),
    hyper: z.record(z.string(), z.union([z.string(), finite, z.boolean()])),
    inputShape: z.array(z.number().int().positive()).min(1),
  }),
  /**
   * A second head trained beside the emotion head on another label of the data (e.g. intensity): the
   * model's output row is `[labels..., secondOutput.labels...]`. Absent for one-head models.
   */
  secondOutput: z
    .strictObject({
      name: z.string().min(1),
      labels: z.array(z.string().min(1)).min(2),
      /** Test accuracy and UAR of the second head, on the same data as `metrics`. */
      metrics: z.strictObject({ accuracy: finite, uar: finite }).nullable(),
    })
    .optional(),
  /** Per-feature-dim z-score statistics, fitted on the training part only. */
  normalisation: z.strictObject({ mean: z.array(finite), std: z.array(finite) }),
  training: z.strictObject({
    seed: z.number().int(),
    epochs: z.number().int().positive(),
    epochsRun: z.number().int().min(0),
    bestEpoch: z.number().int().min(0),
    batchSize: z.number().int().positive(),
    learningRate: finite,
    patience: z.number().int().min(0),
    /** false: the model holds the last epoch's weights, not the best validation epoch's. */
    restoreBest: z.boolean().optional(),
    augment: z.array(z.string()),
    backend: z.string(),
    /** 'adamw': Adam with decoupled weight decay (`recipe.weightDecay` > 0). */
    optimizer: z.enum(['adam', 'adamw']),
    /** The regularisation recipe (absent in models trained before it existed: none). */
    recipe: z
      .strictObject({
        specAugment: z
          .strictObject({
            bandMasks: z.number().int().min(0),
            maxBands: z.number().int().min(0),
            frameMasks: z.number().int().min(0),
            maxFrames: z.number().int().min(0),
          })
          .nullable(),
        mixupAlpha: finite,
        schedule: z.enum(['constant', 'one-cycle', 'cosine']),
        weightDecay: finite,
        randomCrop: z.boolean(),
      })
      .optional(),
    /** Trained and tested on per-speaker standardised features: an evaluation model, not for classify. */
    speakerNormalisation: z.boolean().optional(),
  }),
  split: splitSchema,
  dataset: z.strictObject({
    id: z.string().min(1),
    files: z.number().int().min(0),
    trainExamples: z.number().int().min(0),
    testExamples: z.number().int().min(0),
  }),
  metrics: metricsSummarySchema.nullable(),
  /** The data licence the model inherits (RAVDESS: CC BY-NC-SA 4.0), or null when none is known. */
  licence: z.string().nullable(),
  files: z.strictObject({ [MODEL_FILES.topology]: sha256, [MODEL_FILES.weights]: sha256 }),
  manifestSha256: sha256,
});

export type SerkitManifest = z.infer<typeof manifestSchema>;
export type SplitInfo = z.infer<typeof splitSchema>;
export type MetricsSummary = z.infer<typeof metricsSummarySchema>;
/** What a caller provides; the checksums and stamps are filled in when the model is saved. */
export type ManifestDraft = Omit<
  SerkitManifest,
  'format' | 'formatVersion' | 'serkitVersion' | 'createdAt' | 'files' | 'manifestSha256'
>;

/** tfjs's model.json, restricted to what a layers model needs; weights must live in weights.bin. */
export const topologySchema = z.object({
  modelTopology: z.record(z.string(), z.unknown()),
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
  weightsManifest: z
    .array(
      z.strictObject({
        paths: z.tuple([z.literal(MODEL_FILES.weights)]),
        weights: z.array(
          z.strictObject({
            name: z.string(),
            shape: z.array(z.number().int().min(0)),
            dtype: z.enum(['float32', 'int32']),
          }),
        ),
      }),
    )
    .length(1),
});
export type ModelTopologyFile = z.infer<typeof topologySchema>;
