import { type LayersModel, SerkitError } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';
import {
  type FunctionalJson,
  functionalTopology,
  type LayerJson,
  modelFromTopology,
  type TensorRef,
} from './topology-json.js';

/** Name of the ensemble's input layer and of the layer that averages the members' outputs. */
export const ENSEMBLE_INPUT = 'features';
export const ENSEMBLE_MEAN = 'ensemble_mean';

/** `layer` under another name (both places a layer's JSON names it). */
function renamed(layer: LayerJson, name: string): LayerJson {
  return { ...layer, ...(layer.name === undefined ? {} : { name }), config: { ...layer.config, name } };
}

/** Prefix of member i's layers in the ensemble (m1_, m2_, ...): layer and weight names stay unique. */
export const memberPrefix = (i: number) => `m${i + 1}_`;

/**
 * What a member does to the shared input before its own layers: x * scale + offset per feature
 * dimension (the last axis). Members whose features were standardised with other statistics
 * (trained on other augmentations) get theirs back this way.
 */
export interface InputAffine {
  readonly scale: readonly number[];
  readonly offset: readonly number[];
}

/** Name of the layer that re-standardises member i's input. */
const restandardiseName = (i: number) => `${memberPrefix(i)}restandardise`;
// A frozen batch normalisation computes gamma * (x - mean) / sqrt(variance + epsilon) + beta: with
// mean 0 and variance 1 - epsilon it is the affine map gamma * x + beta, a standard layer that
// saves, loads and runs on every backend.
const RESTANDARDISE_EPSILON = 1e-3;

/**
 * One network that runs every member on the same input and outputs the mean of their outputs (a
 * Keras `Average` layer): for softmax members, the mean class probability; for two-head members
 * (`[emotion | second]` rows), each head's mean, so each part still sums to 1. The result is a
 * plain functional model of standard layers (the members' layers, renamed `m1_...`, `m2_...`),
 * so it saves, loads, folds and classifies like any other. Members must be functional models
 * with one input of the same shape and one output of the same width.
 */
export async function averageModels(
  members: readonly LayersModel[],
  inputName = 'members',
  inputAffines: readonly (InputAffine | undefined)[] = [],
): Promise<LayersModel> {
  if (members.length < 2)
    throw new SerkitError('INVALID_ARGUMENT', 'an ensemble needs at least two models', { input: inputName });
  const topologies = members.map((m, i) => {
    const topology = functionalTopology(m);
    if (
      topology === undefined ||
      topology.config.input_layers.length !== 1 ||
      topology.config.output_layers.length !== 1
    )
      throw new SerkitError(
        'INVALID_ARGUMENT',
        `model ${i + 1} is not a functional model with one input and one output`,
        {
          input: inputName,
        },
      );
    return topology;
  });
  const shapes = members.map((m) => JSON.stringify([m.inputs[0].shape, m.outputs[0].shape]));
  const odd = shapes.findIndex((s) => s !== shapes[0]);
  if (odd > 0)
    throw new SerkitError(
      'INVALID_ARGUMENT',
      `model ${odd + 1} has input/output shapes ${shapes[odd]}, model 1 ${shapes[0]}`,
      {
        input: inputName,
      },
    );

  // Checked before the ensemble is built, so a bad map leaves no half-made model (and its weights) behind.
  const dims = members[0].inputs[0].shape.at(-1) as number;
  const badMap = inputAffines.findIndex(
    (a) => a !== undefined && (a.scale.length !== dims || a.offset.length !== dims),
  );
  if (badMap >= 0)
    throw new SerkitError('INVALID_ARGUMENT', `model ${badMap + 1}'s input map has not ${dims} dimensions`, {
      input: inputName,
    });

  const inputLayer = topologies[0].config.layers.find((l) => l.config.name === topologies[0].config.input_layers[0][0]);
  const layers: LayerJson[] = [renamed(inputLayer as LayerJson, ENSEMBLE_INPUT)];
  const outputs: TensorRef[] = [];
  topologies.forEach((topology, i) => {
    const input = topology.config.input_layers[0][0];
    const affine = inputAffines[i];
    if (affine !== undefined)
      layers.push({
        class_name: 'BatchNormalization',
        name: restandardiseName(i),
        config: { name: restandardiseName(i), axis: -1, epsilon: RESTANDARDISE_EPSILON, trainable: false },
        inbound_nodes: [[[ENSEMBLE_INPUT, 0, 0, {}]]],
      });
    const memberInput = affine === undefined ? ENSEMBLE_INPUT : restandardiseName(i);
    const rename = (name: string) => (name === input ? memberInput : memberPrefix(i) + name);
    for (const layer of topology.config.layers) {
      if (layer.config.name === input) continue;
      layers.push({
        ...renamed(layer, rename(layer.config.name)),
        inbound_nodes: layer.inbound_nodes.map((node) =>
          node.map(([name, ...rest]) => [rename(name), ...rest] as TensorRef),
        ),
      });
    }
    const [name, node, tensor] = topology.config.output_layers[0];
    outputs.push([rename(name), node, tensor, {}]);
  });
  layers.push({
    class_name: 'Average',
    name: ENSEMBLE_MEAN,
    config: { name: ENSEMBLE_MEAN, trainable: false, dtype: 'float32' },
    inbound_nodes: [outputs],
  });
  const topology: FunctionalJson = {
    ...topologies[0],
    config: {
      name: 'ensemble',
      layers,
      input_layers: [[ENSEMBLE_INPUT, 0, 0]],
      output_layers: [[ENSEMBLE_MEAN, 0, 0]],
    },
  };
  const ensemble = await modelFromTopology(topology);
  members.forEach((member, i) => {
    for (const layer of member.layers) {
      const weights = layer.getWeights();
      if (weights.length > 0) ensemble.getLayer(memberPrefix(i) + layer.name).setWeights(weights);
    }
    const affine = inputAffines[i];
    if (affine !== undefined) {
      const values = [
        affine.scale,
        affine.offset,
        new Array(dims).fill(0),
        new Array(dims).fill(1 - RESTANDARDISE_EPSILON),
      ];
      const tensors = values.map((v) => tf.tensor1d(v as number[]));
      ensemble.getLayer(restandardiseName(i)).setWeights(tensors);
      for (const t of tensors) t.dispose();
    }
  });
  return ensemble;
}
