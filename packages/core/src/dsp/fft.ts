import FFT from 'fft.js';

/**
 * Real FFTs of any size on fft.js (see packages/core/FFT.md for why that library): powers of two
 * as one complex transform of half the size; other sizes (n_fft = 400, or a whole signal for FFT
 * resampling) by Bluestein's chirp-z algorithm on an fft.js transform of the next power of two
 * >= 2n - 1. Everything is float64.
 */
export interface RealFft {
  readonly size: number;
  /** Bins 0..floor(size/2) of the DFT (exp(-2πi·kn/size)) of `input` (length `size`). */
  forward(input: Float64Array, re: Float64Array, im: Float64Array): void;
  /**
   * numpy's `irfft(X, n=size)`: the inverse DFT, scaled by 1/size, of the Hermitian spectrum whose
   * first floor(size/2)+1 bins are given; the imaginary parts of DC and (even size) Nyquist are ignored.
   */
  inverse(re: Float64Array, im: Float64Array, out: Float64Array): void;
}

interface ComplexFft {
  /** Forward DFT of interleaved `data` (length 2·size) into interleaved `out`. */
  transform(out: Float64Array, data: Float64Array): void;
}

export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && (n & (n - 1)) === 0;
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Bluestein: X[k] = w[k] · Σ_j (x[j] w[j]) · conj(w[k-j]), with w[k] = exp(-iπk²/n), as one FFT convolution. */
/** fft.js instances by size, shared by every plan (building one computes 2·size sines and cosines). */
const engines = new Map<number, FFT>();

function engine(size: number): FFT {
  let fft = engines.get(size);
  if (fft === undefined) {
    fft = new FFT(size);
    if (engines.size >= 24) engines.delete(engines.keys().next().value!);
    engines.set(size, fft);
  }
  return fft;
}

function bluestein(n: number): ComplexFft {
  const m = nextPowerOfTwo(2 * n - 1);
  const inner = engine(m);
  const chirpRe = new Float64Array(n);
  const chirpIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // k² mod 2n keeps the angle small and exact.
    const angle = (Math.PI * ((k * k) % (2 * n))) / n;
    chirpRe[k] = Math.cos(angle);
    chirpIm[k] = -Math.sin(angle);
  }
  const kernel = new Float64Array(2 * m);
  for (let k = 0; k < n; k++) {
    kernel[2 * k] = chirpRe[k]!;
    kernel[2 * k + 1] = -chirpIm[k]!;
    if (k > 0) {
      kernel[2 * (m - k)] = chirpRe[k]!;
      kernel[2 * (m - k) + 1] = -chirpIm[k]!;
    }
  }
  const kernelSpectrum = new Float64Array(2 * m);
  inner.transform(kernelSpectrum, kernel);
  const a = new Float64Array(2 * m);
  const spectrum = new Float64Array(2 * m);
  return {
    transform(out, data) {
      a.fill(0);
      for (let k = 0; k < n; k++) {
        const xr = data[2 * k]!;
        const xi = data[2 * k + 1]!;
        a[2 * k] = xr * chirpRe[k]! - xi * chirpIm[k]!;
        a[2 * k + 1] = xr * chirpIm[k]! + xi * chirpRe[k]!;
      }
      inner.transform(spectrum, a);
      for (let k = 0; k < m; k++) {
        const sr = spectrum[2 * k]!;
        const si = spectrum[2 * k + 1]!;
        const kr = kernelSpectrum[2 * k]!;
        const ki = kernelSpectrum[2 * k + 1]!;
        spectrum[2 * k] = sr * kr - si * ki;
        spectrum[2 * k + 1] = sr * ki + si * kr;
      }
      inner.inverseTransform(a, spectrum);
      for (let k = 0; k < n; k++) {
        const cr = a[2 * k]!;
        const ci = a[2 * k + 1]!;
        out[2 * k] = cr * chirpRe[k]! - ci * chirpIm[k]!;
        out[2 * k + 1] = cr * chirpIm[k]! + ci * chirpRe[k]!;
      }
    },
  };
}

/** n = 2: fft.js's own real transform (the packed form below needs n >= 4). */
function smallRealFft(n: number): RealFft {
  const fft = engine(n);
  const out = new Float64Array(2 * n);
  const full = new Float64Array(2 * n);
  return {
    size: n,
    forward(input, re, im) {
      fft.realTransform(out, input);
      for (let k = 0; k <= n / 2; k++) {
        re[k] = out[2 * k]!;
        im[k] = out[2 * k + 1]!;
      }
    },
    inverse(re, im, result) {
      fillHermitian(re, im, n, full);
      fft.inverseTransform(out, full);
      for (let i = 0; i < n; i++) result[i] = out[2 * i]!;
    },
  };
}

/**
 * Power-of-two sizes >= 4: the n real samples, read as n/2 interleaved complex values, go through
 * one fft.js complex transform of size n/2, and the two interleaved half-spectra are separated
 * afterwards (the standard "real FFT via half-size complex FFT"; the inverse runs the same steps
 * backwards). Measured ~1.6x faster here than fft.js's own realTransform for n = 2048.
 */
function powerOfTwoRealFft(n: number): RealFft {
  if (n < 4) return smallRealFft(n);
  const half = n / 2;
  const packed = engine(half);
  const z = new Float64Array(n);
  const spectrum = new Float64Array(n);
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  return {
    size: n,
    forward(input, re, im) {
      // z[k] = x[2k] + i·x[2k+1] is `input` itself, read as interleaved complex.
      packed.transform(z, input);
      re[0] = z[0]! + z[1]!;
      im[0] = 0;
      re[half] = z[0]! - z[1]!;
      im[half] = 0;
      for (let k = 1; k < half; k++) {
        const zr = z[2 * k]!;
        const zi = z[2 * k + 1]!;
        const cr = z[2 * (half - k)]!;
        const ci = -z[2 * (half - k) + 1]!;
        // Even part E = (Z[k] + conj Z[M-k]) / 2, odd part O = (Z[k] - conj Z[M-k]) / 2i.
        const er = 0.5 * (zr + cr);
        const ei = 0.5 * (zi + ci);
        const or = 0.5 * (zi - ci);
        const oi = -0.5 * (zr - cr);
        // X[k] = E + exp(-2πik/n)·O
        re[k] = er + cos[k]! * or + sin[k]! * oi;
        im[k] = ei + cos[k]! * oi - sin[k]! * or;
      }
    },
    inverse(re, im, result) {
      // Rebuild Z[k] = E[k] + i·O[k] from X; its inverse transform is x[2j] + i·x[2j+1], which is
      // `result`'s own layout read as interleaved complex.
      for (let k = 0; k < half; k++) {
        const xr = re[k]!;
        const xi = k === 0 ? 0 : im[k]!; // numpy ignores the imaginary parts of DC and Nyquist
        const yr = re[half - k]!;
        const yi = k === 0 ? 0 : -im[half - k]!; // conj(X[M-k])
        const er = 0.5 * (xr + yr);
        const ei = 0.5 * (xi + yi);
        const dr = 0.5 * (xr - yr);
        const di = 0.5 * (xi - yi);
        // O = D · exp(+2πik/n)
        const or = dr * cos[k]! - di * sin[k]!;
        const oi = dr * sin[k]! + di * cos[k]!;
        spectrum[2 * k] = er - oi;
        spectrum[2 * k + 1] = ei + or;
      }
      packed.inverseTransform(result, spectrum);
    },
  };
}

/** The full interleaved spectrum of a real signal from its first floor(n/2)+1 bins. */
function fillHermitian(re: Float64Array, im: Float64Array, n: number, full: Float64Array): void {
  const half = Math.floor(n / 2);
  full[0] = re[0]!;
  full[1] = 0;
  for (let k = 1; k <= half; k++) {
    full[2 * k] = re[k]!;
    full[2 * k + 1] = im[k]!;
  }
  if (n % 2 === 0) full[2 * half + 1] = 0;
  for (let k = half + 1; k < n; k++) {
    full[2 * k] = re[n - k]!;
    full[2 * k + 1] = -im[n - k]!;
  }
}

function bluesteinRealFft(n: number): RealFft {
  const engine = bluestein(n);
  const data = new Float64Array(2 * n);
  const out = new Float64Array(2 * n);
  const half = Math.floor(n / 2);
  return {
    size: n,
    forward(input, re, im) {
      for (let i = 0; i < n; i++) {
        data[2 * i] = input[i]!;
        data[2 * i + 1] = 0;
      }
      engine.transform(out, data);
      for (let k = 0; k <= half; k++) {
        re[k] = out[2 * k]!;
        im[k] = out[2 * k + 1]!;
      }
    },
    inverse(re, im, result) {
      // ifft(X) = conj(fft(conj(X))) / n; only the real part is kept.
      fillHermitian(re, im, n, data);
      for (let k = 0; k < n; k++) data[2 * k + 1] = -data[2 * k + 1]!;
      engine.transform(out, data);
      for (let i = 0; i < n; i++) result[i] = out[2 * i]! / n;
    },
  };
}

/** Plans reused across calls; Bluestein plans of large one-off sizes are not kept (they are big). */
const cache = new Map<number, RealFft>();
const MAX_CACHED = 16;
const MAX_CACHED_BLUESTEIN = 1 << 14;

/** An FFT plan for real signals of length `n` (n >= 1). Plans are cached; a plan is not re-entrant. */
export function realFft(n: number): RealFft {
  const hit = cache.get(n);
  if (hit !== undefined) return hit;
  const plan = n === 1 ? identityFft() : isPowerOfTwo(n) ? powerOfTwoRealFft(n) : bluesteinRealFft(n);
  if (isPowerOfTwo(n) || n <= MAX_CACHED_BLUESTEIN) {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(n, plan);
  }
  return plan;
}

function identityFft(): RealFft {
  return {
    size: 1,
    forward(input, re, im) {
      re[0] = input[0]!;
      im[0] = 0;
    },
    inverse(re, _im, out) {
      out[0] = re[0]!;
    },
  };
}
