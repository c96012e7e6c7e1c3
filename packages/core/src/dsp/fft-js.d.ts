// Types for fft.js 4 (the package ships none): a radix-4 FFT over interleaved [re, im, …] arrays.
declare module 'fft.js' {
  type Buffer = Float64Array | number[];
  export default class FFT {
    constructor(size: number);
    readonly size: number;
    createComplexArray(): number[];
    /** Complex forward transform (exp(-i…)); `out` and `data` are interleaved, length 2·size. */
    transform(out: Buffer, data: Buffer): void;
    /** Forward transform of `size` real samples; fills bins 0..size/2 of `out` (interleaved). */
    realTransform(out: Buffer, data: Buffer): void;
    /** Complex inverse transform, scaled by 1/size. */
    inverseTransform(out: Buffer, data: Buffer): void;
    completeSpectrum(spectrum: Buffer): void;
  }
}
