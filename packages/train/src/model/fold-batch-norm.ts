import type { LayersModel } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import { type FunctionalJson, functionalTopology, type LayerJson, modelFromTopology } from './topology-json.js';

/** Layers whose output is `x W + b` along the last axis: a batch norm after them folds into W and b. */
const LINEAR_LAYERS = new Set(['Conv1D', 'Conv2D', 'Dense']);
/** Activations that tfjs fuses into a convolution or matrix product (one kernel instead of two). */
const FUSABLE_ACTIVATIONS = new Set(['relu', 'relu6', 'elu', 'sigmoid', 'linear']);

/** A linear layer, the batch norm folded into it and the activation fused after it (if any). */
interface Fold {
  linear: string;
  batchNorm: string;
  activation?: string;
}

/**
 * The same network for inference, with each batch normalisation that directly follows a Conv1D,
 * Conv2D or Dense layer (and feeds nothing else) folded into that layer: kernel scaled per output
 * channel by gamma / sqrt(variance + epsilon), bias shifted by the moving mean and beta. An
 * Activation layer right after the batch norm is fused into the linear layer too, so tfjs runs one
 * fused kernel where there were three passes over the activations. Inference results equal the
 * original's up to float32 rounding; training would differ (batch statistics), so this is for
 * prediction only. Returns `model` itself when nothing folds (e.g. Sequential models, or models
 * without batch norm); otherwise a new model (the caller keeps and disposes both).
 */
export async function foldBatchNorm(model: LayersModel): Promise<LayersModel> {
  const topology = functionalTopology(model);
  if (topology === undefined) return model;
  const folds = planFolds(topology);
  if (folds.length === 0) return model;
  rewire(topology, folds);
  const folded = await modelFromTopology(topology);
  const foldOf = new Map(folds.map((f) => [f.linear, f]));
  for (const layer of folded.layers) {
    const fold = foldOf.get(layer.name);
    const original = model.getLayer(layer.name);
    if (fold === undefined) {
      const weights = original.getWeights();
      if (weights.length > 0) layer.setWeights(weights);
      continue;
    }
    const weights = foldedWeights(original, model.getLayer(fold.batchNorm));
    layer.setWeights(weights);
    tf.dispose(weights);
  }
  return folded;
}

function planFolds(topology: FunctionalJson): Fold[] {
  const layers = new Map(topology.config.layers.map((l) => [l.config.name, l]));
  const consumers = new Map<string, string[]>();
  for (const layer of topology.config.layers)
    for (const node of layer.inbound_nodes)
      for (const [from] of node) consumers.set(from, [...(consumers.get(from) ?? []), layer.config.name]);
  const outputs = new Set(topology.config.output_layers.map(([name]) => name));
  // The one layer fed by `name` alone (a single call, not a model output), or undefined.
  const soleConsumer = (name: string): LayerJson | undefined => {
    const list = consumers.get(name) ?? [];
    const next = list.length === 1 && !outputs.has(name) ? layers.get(list[0]) : undefined;
    return next !== undefined && next.inbound_nodes.length === 1 && next.inbound_nodes[0].length === 1
      ? next
      : undefined;
  };
  const folds: Fold[] = [];
  for (const linear of topology.config.layers) {
    const c = linear.config;
    if (!LINEAR_LAYERS.has(linear.class_name) || linear.inbound_nodes.length !== 1) continue;
    if (c.activation !== 'linear' || (c.data_format !== undefined && c.data_format !== 'channels_last')) continue;
    const batchNorm = soleConsumer(c.name);
    if (batchNorm?.class_name !== 'BatchNormalization' || !lastAxis(batchNorm.config.axis)) continue;
    const activation = soleConsumer(batchNorm.config.name);
    const fusable =
      activation?.class_name === 'Activation' && FUSABLE_ACTIVATIONS.has(String(activation.config.activation));
    folds.push({
      linear: c.name,
      batchNorm: batchNorm.config.name,
      ...(fusable ? { activation: activation.config.name } : {}),
    });
  }
  return folds;
}

/** Whether a BatchNormalization `axis` setting is the last axis (the channels of channels_last). */
function lastAxis(axis: unknown): boolean {
  return axis === -1 || (Array.isArray(axis) && axis.length === 1 && axis[0] === -1);
}

/** Drops each fold's batch norm and activation layers, pointing their consumers at the linear layer. */
function rewire(topology: FunctionalJson, folds: readonly Fold[]): void {
  const replaced = new Map<string, string>();
  const layers = new Map(topology.config.layers.map((l) => [l.config.name, l]));
  for (const fold of folds) {
    const linear = layers.get(fold.linear) as LayerJson;
    linear.config.use_bias = true;
    replaced.set(fold.batchNorm, fold.linear);
    if (fold.activation !== undefined) {
      linear.config.activation = (layers.get(fold.activation) as LayerJson).config.activation;
      replaced.set(fold.activation, fold.linear);
    }
  }
  const target = (name: string) => replaced.get(name) ?? name;
  topology.config.layers = topology.config.layers.filter((l) => !replaced.has(l.config.name));
  for (const layer of topology.config.layers)
    for (const node of layer.inbound_nodes) for (const input of node) input[0] = target(input[0]);
  for (const output of topology.config.output_layers) output[0] = target(output[0]);
}

/** [kernel, bias] of `linear` with `batchNorm` (inference mode) folded in. */
function foldedWeights(linear: tf.layers.Layer, batchNorm: tf.layers.Layer): tf.Tensor[] {
  return tf.tidy(() => {
    const [kernel, bias] = linear.getWeights();
    const channels = kernel.shape[kernel.shape.length - 1];
    const named = (suffix: string, fallback: number) => {
      const found = batchNorm.weights.find((w) => w.originalName.endsWith(`/${suffix}`));
      return found === undefined ? tf.fill([channels], fallback) : found.read();
    };
    const epsilon = batchNorm.getConfig().epsilon as number;
    const scale = named('gamma', 1).div(named('moving_variance', 1).add(epsilon).sqrt());
    const shift = named('beta', 0).sub(named('moving_mean', 0).mul(scale));
    return [kernel.mul(scale), bias === undefined ? shift : bias.mul(scale).add(shift)];
  });
}
