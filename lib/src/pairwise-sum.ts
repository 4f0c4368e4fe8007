// numpy sums contiguous runs pairwise; doing the same keeps printed digits identical.

/**
 * numpy's pairwise summation (pairwise_sum in its loops): eight running sums over
 * blocks of up to 128 values, halved recursively above that. Its rounding is what
 * numpy prints, e.g. 0.5975 where a plain left-to-right sum gives 0.5974999999999999.
 */
export function pairwiseSum(a: ArrayLike<number>, start: number, n: number, stride: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i * stride];
    return res;
  }
  if (n <= 128) {
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let j = 0; j < 8; j++) r[j] = a[start + j * stride];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[start + (i + j) * stride];
    let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) res += a[start + i * stride];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2, stride) + pairwiseSum(a, start + n2 * stride, n - n2, stride);
}
