/**
 * Eigenvalues and eigenvectors of a small symmetric matrix by the cyclic Jacobi method: plane
 * rotations that zero one off-diagonal element at a time until the off-diagonal part vanishes
 * (to the precision of doubles). Accurate for the correlation matrices of an index's groups
 * (a few to a few dozen variables).
 *
 * @module
 */

/** Eigenvalues (largest first) and the matching unit eigenvectors (`vectors[k]` belongs to `values[k]`). */
export interface Eigensystem {
  values: number[];
  vectors: number[][];
}

/** The eigensystem of the symmetric matrix `matrix` (only its upper triangle is read). */
export function symmetricEigen(matrix: readonly (readonly number[])[]): Eigensystem {
  const n = matrix.length;
  const a = matrix.map((row, i) => row.map((_, j) => (j >= i ? matrix[i]![j]! : matrix[j]![i]!)));
  const v: number[][] = a.map((_, i) => a.map((__, j) => (i === j ? 1 : 0)));
  const scale = a.reduce((s, row) => row.reduce((t, x) => t + x * x, s), 0);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off <= scale * 1e-32 || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = a.map((_, i) => i).sort((i, j) => a[j]![j]! - a[i]![i]! || i - j);
  return { values: order.map((i) => a[i]![i]!), vectors: order.map((i) => v.map((row) => row[i]!)) };
}
