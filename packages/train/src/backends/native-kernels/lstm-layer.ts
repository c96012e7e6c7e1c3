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

/**
 * A subclass of tfjs's own LSTM layer that overrides only `call`: when the current backend has the
 * fused kernel and the layer uses what the kernel implements (tanh activation, sigmoid or
 * hardSigmoid recurrent activation, no dropout inside the cell, no mask, no initial or returned
 * state, not stateful), the whole sequence runs as one native kernel with a native gradient;
 * otherwise tfjs's step-by-step code runs. Weights, config and class name are the LSTM's, so a saved
 * model is an ordinary tfjs LSTM model that loads anywhere.
 */
export function nativeLstmFactory(tf: Tf): NativeLstmFactory {
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

  return (args) => new NativeLstm(args);
}
