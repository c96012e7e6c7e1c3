import type { Tf } from './types.js';

/** tfjs's window geometry (computeConv2DInfo and computePool2DInfo both give this type). */
export type WindowInfo = ReturnType<Tf['backend_util']['computeConv2DInfo']>;

/**
 * The geometry as the addon's 15 numbers (native/kernels/conv_dims.h): [batch, inH, inW, inC, outH,
 * outW, outC, filterH, filterW, strideH, strideW, dilationH, dilationW, padTop, padLeft].
 */
export function windowDims(c: WindowInfo): number[] {
  return [
    c.batchSize,
    c.inHeight,
    c.inWidth,
    c.inChannels,
    c.outHeight,
    c.outWidth,
    c.outChannels,
    c.filterHeight,
    c.filterWidth,
    c.strideHeight,
    c.strideWidth,
    c.dilationHeight,
    c.dilationWidth,
    c.padInfo.top,
    c.padInfo.left,
  ];
}
