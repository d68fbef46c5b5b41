/**
 * The largest relative gap between analytic gradients and central finite differences of `loss`,
 * nudging every entry of `params` (analytic[k] is params[k]'s gradient). Shared by the MLP's and
 * the conv branch's gradient tests.
 */
export function worstGradientError(params: Float64Array[], analytic: Float64Array[], loss: () => number, eps = 1e-6): number {
  let worst = 0;
  params.forEach((p, k) => {
    for (let i = 0; i < p.length; i++) {
      const keep = p[i]!;
      p[i] = keep + eps;
      const up = loss();
      p[i] = keep - eps;
      const down = loss();
      p[i] = keep;
      const numeric = (up - down) / (2 * eps);
      const exact = analytic[k]![i]!;
      worst = Math.max(worst, Math.abs(numeric - exact) / Math.max(1e-4, Math.abs(numeric) + Math.abs(exact)));
    }
  });
  return worst;
}
