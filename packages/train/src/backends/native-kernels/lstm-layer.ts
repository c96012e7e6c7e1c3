import type { layers, Tensor } from '@tensorflow/tfjs';
import { LSTM_KERNEL, type RecurrentActivationName } from './lstm-kernel.js';
import type { Tf } from './types.js';

type LstmLayer = ReturnType<typeof layers.lstm>;
type LstmArgs = Parameters<typeof layers.lstm>[0];
type CallKwargs = Parameters<LstmLayer['call']>[1];

/** The LSTMCell internals the fused path reads (public fields of tfjs-layers' LSTMCell). */
interface LstmCellView {
  units: number;
  useBias: boolean;
  dropout: number;
  recurrentDropout: number;
  activation: { getClassName(): string };
  recurrentActivation: { getClassName(): string };
  kernel: { read(): Tensor };
  recurrentKernel: { read(): Tensor };
  bias: { read(): Tensor } | null;
}

/** Creates an LSTM layer like `tf.layers.lstm(args)` whose forward and backward pass run natively when they can. */
export type NativeLstmFactory = (args: LstmArgs) => LstmLayer;

type BidirectionalLayer = ReturnType<typeof layers.bidirectional>;
type BidirectionalArgs = Parameters<typeof layers.bidirectional>[0];

/** `tf.layers.bidirectional(args)` whose two LSTM directions are native LSTMs (see nativeLstmFactory). */
export type NativeBidirectionalFactory = (args: BidirectionalArgs) => BidirectionalLayer;

/** The two directions tfjs's Bidirectional wrapper rebuilds from the wrapped layer's config. */
interface BidirectionalView {
  forwardLayer: { getClassName(): string; getConfig(): object };
  backwardLayer: { getClassName(): string; getConfig(): object };
}

/**
 * A subclass of tfjs's own LSTM layer that overrides only `call`: when the current backend has the
 * fused kernel and the layer uses what the kernel implements (tanh activation, sigmoid or
 * hardSigmoid recurrent activation, no dropout inside the cell, no mask, no initial or returned
 * state, not stateful), the whole sequence runs as one native kernel with a native gradient;
 * otherwise tfjs's step-by-step code runs. Weights, config and class name are the LSTM's, so a saved
 * model is an ordinary tfjs LSTM model that loads anywhere.
 */
export function nativeLstmLayers(tf: Tf): { lstm: NativeLstmFactory; bidirectional: NativeBidirectionalFactory } {
  const Base = tf.layers.lstm({ units: 1 }).constructor as new (args: LstmArgs) => LstmLayer;

  class NativeLstm extends Base {
    override call(inputs: Tensor | Tensor[], kwargs: CallKwargs): Tensor | Tensor[] {
      const cell = this.cell as unknown as LstmCellView;
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const recurrentActivation = cell.recurrentActivation.getClassName();
      const fusable =
        tf.getKernel(LSTM_KERNEL, tf.getBackend()) !== undefined &&
        (!Array.isArray(inputs) || inputs.length === 1) &&
        kwargs?.mask == null &&
        kwargs?.initialState == null &&
        !this.stateful &&
        !this.returnState &&
        x.rank === 3 &&
        x.dtype === 'float32' &&
        cell.dropout === 0 &&
        cell.recurrentDropout === 0 &&
        cell.activation.getClassName() === 'tanh' &&
        (recurrentActivation === 'sigmoid' || recurrentActivation === 'hardSigmoid');
      if (!fusable) return super.call(inputs, kwargs);
      return tf.tidy(() => {
        const sequence = this.goBackwards ? tf.reverse(x, 1) : x;
        const lstmInputs: Record<string, Tensor> = {
          x: sequence,
          kernel: cell.kernel.read(),
          recurrentKernel: cell.recurrentKernel.read(),
        };
        if (cell.useBias && cell.bias !== null) lstmInputs.bias = cell.bias.read();
        const attrs = { recurrentActivation: recurrentActivation as RecurrentActivationName };
        const [h] = tf.engine().runKernel(LSTM_KERNEL, lstmInputs, attrs) as Tensor[];
        if (this.returnSequences) return h;
        const steps = h.shape[1] as number;
        return tf.squeeze(tf.slice(h, [0, steps - 1, 0], [-1, 1, -1]), [1]);
      });
    }
  }

  const lstm: NativeLstmFactory = (args) => new NativeLstm(args);
  // tfjs's Bidirectional clones the wrapped layer through the serialization registry, where 'LSTM'
  // is tfjs's own class: swap both clones for native ones built from the same config (name included).
  const bidirectional: NativeBidirectionalFactory = (args) => {
    const wrapper = tf.layers.bidirectional(args);
    const view = wrapper as unknown as BidirectionalView;
    for (const side of ['forwardLayer', 'backwardLayer'] as const) {
      const inner = view[side];
      if (inner.getClassName() === 'LSTM' && !(inner instanceof NativeLstm)) {
        view[side] = new NativeLstm(inner.getConfig() as LstmArgs);
      }
    }
    return wrapper;
  };
  return { lstm, bidirectional };
}
