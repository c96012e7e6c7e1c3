import type { LayersModel } from '@serkit/core';
import * as tf from '@tensorflow/tfjs';

/** An inbound tensor reference: [layer name, node index, tensor index, call kwargs]. */
export type TensorRef = [string, number, number, unknown];

/** A layer of a functional model's JSON topology (Keras layout, as `model.toJSON` writes it). */
export interface LayerJson {
  class_name: string;
  /** The layer's name again (tfjs resolves inbound references by this one). */
  name?: string;
  config: { name: string; [key: string]: unknown };
  inbound_nodes: TensorRef[][];
}

/** A functional model's JSON topology; surgery on it builds new models from old weights. */
export interface FunctionalJson {
  class_name: string;
  config: {
    name: string;
    layers: LayerJson[];
    input_layers: [string, number, number][];
    output_layers: [string, number, number][];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** The model's topology when it is a functional model (not Sequential), else undefined. */
export function functionalTopology(model: LayersModel): FunctionalJson | undefined {
  const topology = model.toJSON(null, false) as unknown as FunctionalJson;
  return topology.class_name === 'Model' || topology.class_name === 'Functional' ? topology : undefined;
}

/** Builds the (untrained) model a topology describes; the caller sets its weights. */
export function modelFromTopology(topology: FunctionalJson): Promise<LayersModel> {
  return tf.models.modelFromJSON({ modelTopology: topology as unknown as tf.io.ModelJSON['modelTopology'] });
}
