/**
 * Solves the n×n system `matrix · x = rhs` (row-major) by Gaussian elimination with partial
 * pivoting, on copies; null when a pivot falls below `minPivot` (singular for the fit at hand).
 * The systems here are the 6×6 normal equations of small least-squares fits.
 */
export function solveLinear(matrix: Float64Array, rhs: Float64Array, minPivot: number): Float64Array | null {
  const n = rhs.length;
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(rhs);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row * n + col]) > Math.abs(a[pivot * n + col])) pivot = row;
    if (Math.abs(a[pivot * n + col]) < minPivot) return null;
    if (pivot !== col) {
      for (let j = 0; j < n; j++) [a[col * n + j], a[pivot * n + j]] = [a[pivot * n + j], a[col * n + j]];
      [b[col], b[pivot]] = [b[pivot], b[col]];
    }
    for (let row = col + 1; row < n; row++) {
      const factor = a[row * n + col] / a[col * n + col];
      for (let j = col; j < n; j++) a[row * n + j] -= factor * a[col * n + j];
      b[row] -= factor * b[col];
    }
  }
  const x = new Float64Array(n);
  for (let row = n - 1; row >= 0; row--) {
    let sum = b[row];
    for (let j = row + 1; j < n; j++) sum -= a[row * n + j] * x[j];
    x[row] = sum / a[row * n + row];
  }
  return x;
}
