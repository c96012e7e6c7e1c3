/**
 * Savitzky-Golay weights: the linear functional that fits a polynomial of degree `polyorder` by least
 * squares to samples at offsets `positions` and returns its `deriv`-th derivative at offset 0
 * (scipy.signal.savgol_coeffs, minimum-norm solution c = Aᵀ(AAᵀ)⁻¹e).
 */
export function savgolWeights(positions: Float64Array, polyorder: number, deriv: number): Float64Array {
  const terms = polyorder + 1;
  const weights = new Float64Array(positions.length);
  if (deriv > polyorder) return weights;
  // Gram matrix G = A Aᵀ with A[p][j] = positions[j]^p, and e = deriv! · unit(deriv).
  const gram = new Float64Array(terms * terms);
  for (let p = 0; p < terms; p++) {
    for (let q = 0; q < terms; q++) {
      let s = 0;
      for (const x of positions) s += x ** (p + q);
      gram[p * terms + q] = s;
    }
  }
  const rhs = new Float64Array(terms);
  let factorial = 1;
  for (let i = 2; i <= deriv; i++) factorial *= i;
  rhs[deriv] = factorial;
  const z = solve(gram, rhs, terms);
  for (let j = 0; j < positions.length; j++) {
    let s = 0;
    for (let p = 0; p < terms; p++) s += z[p]! * positions[j]! ** p;
    weights[j] = s;
  }
  return weights;
}

/** Gaussian elimination with partial pivoting on a small dense system. */
function solve(matrix: Float64Array, rhs: Float64Array, n: number): Float64Array {
  const a = matrix.slice();
  const b = rhs.slice();
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]!) > Math.abs(a[pivot * n + col]!)) pivot = r;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) [a[col * n + c], a[pivot * n + c]] = [a[pivot * n + c]!, a[col * n + c]!];
      [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    }
    for (let r = col + 1; r < n; r++) {
      const f = a[r * n + col]! / a[col * n + col]!;
      for (let c = col; c < n; c++) a[r * n + c]! -= f * a[col * n + c]!;
      b[r]! -= f * b[col]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let c = r + 1; c < n; c++) s -= a[r * n + c]! * x[c]!;
    x[r] = s / a[r * n + r]!;
  }
  return x;
}
