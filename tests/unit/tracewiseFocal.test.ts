import { beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { loadRenderer, renderSvg } from '../../src/core/quality/renderSvg';
import { fitEllipticalRadial } from '../../src/core/trace/tracewise/ellipticalRadial';
import { fitFocalRadial } from '../../src/core/trace/tracewise/focalRadial';
import { paintColourAt, type GradientPaint } from '../../src/core/trace/tracewise/gradientFit';
import { gradientElement } from '../../src/core/trace/tracewise/gradientSvg';

/** The pixels of a disc painted with `paint`, as the fitters take them, minus those `hidden` hides. */
function discPixels(paint: GradientPaint, cx: number, cy: number, radius: number, hidden = (_x: number, _y: number) => false) {
  const xs: number[] = [];
  const ys: number[] = [];
  const cs: number[][] = [[], [], []];
  for (let y = 0.5; y < 256; y++) {
    for (let x = 0.5; x < 256; x++) {
      if (Math.hypot(x - cx, y - cy) > radius || hidden(x, y)) continue;
      xs.push(x);
      ys.push(y);
      paintColourAt(paint, x, y).forEach((v, k) => cs[k].push(Math.round(v)));
    }
  }
  return [Float64Array.from(xs), Float64Array.from(ys), cs.map((c) => Float64Array.from(c))] as const;
}

describe('off-centre radial gradients', () => {
  it('finds the focal point when the lightest colour is not at the focus (middle stop lightest)', () => {
    // Dark focus, a light ring half-way, a mid-tone rim: the brightest pixels form a ring, whose
    // mean lies near the circle's centre, not at the focus.
    const paint: GradientPaint = {
      kind: 'radial', cx: 128, cy: 128, r: 100, fx: 96, fy: 80,
      stops: [{ offset: 0, colour: [30, 40, 120] }, { offset: 0.5, colour: [250, 240, 200] }, { offset: 1, colour: [200, 40, 90] }],
    };
    const fit = fitFocalRadial(...discPixels(paint, 128, 128, 100));
    expect(fit).not.toBeNull();
    const found = fit!.paint as Extract<GradientPaint, { kind: 'radial' }>;
    expect(Math.hypot(found.fx! - 96, found.fy! - 80)).toBeLessThan(3); // the guess alone: 5.8 px off
    expect(fit!.rms).toBeLessThan(5);
  });

  it('finds the focal point of a sphere whose highlight is brighter than its focus', () => {
    // The sphere of syn-gradient-0015: a dark focus up left, and a light blob (a highlight the
    // region kept) beside it, which the brightest-pixels guess alone lands on.
    const paint: GradientPaint = {
      kind: 'radial', cx: 128, cy: 128, r: 116, fx: 96, fy: 80,
      stops: [{ offset: 0, colour: [30, 74, 203] }, { offset: 0.5, colour: [178, 27, 249] }, { offset: 1, colour: [233, 28, 108] }],
    };
    const [xs, ys, cs] = discPixels(paint, 128, 128, 100);
    xs.forEach((x, i) => {
      if (Math.hypot((x - 118) / 30, (ys[i] - 87) / 14) < 1) [0, 1, 2].forEach((k) => (cs[k][i] = 0.65 * cs[k][i] + 0.35 * 255));
    });
    const fit = fitFocalRadial(xs, ys, cs);
    const found = fit!.paint as Extract<GradientPaint, { kind: 'radial' }>;
    // The highlight's pixels pull the best fit a little (7 px here); the brightest-pixels guess
    // alone was 42 px off, inside the highlight.
    expect(Math.hypot(found.fx! - 96, found.fy! - 80)).toBeLessThan(8);
  });

  describe('on elliptical rings', () => {
    beforeAll(() => loadRenderer(nodeHost));
    // A focal radial gradient in bounding-box units on a 2:1 box: squashed rings, focus up left.
    const paint: GradientPaint = {
      kind: 'radial', cx: 128, cy: 128, r: 110, ratio: 0.5, angle: 0, fx: 100, fy: 110,
      stops: [{ offset: 0, colour: [240, 200, 40] }, { offset: 0.5, colour: [220, 30, 120] }, { offset: 1, colour: [40, 30, 200] }],
    };
    const inside = (x: number, y: number) => ((x - 128) / 100) ** 2 + ((y - 128) / 50) ** 2 <= 1;

    it('finds the focus of squashed rings', () => {
      const [xs, ys, cs] = discPixels(paint, 128, 128, 100, (x, y) => !inside(x, y));
      const fit = fitEllipticalRadial(xs, ys, cs);
      const found = fit!.paint as Extract<GradientPaint, { kind: 'radial' }>;
      expect(found.ratio).toBeCloseTo(0.5, 1);
      // Within 6 px (4.9 here): the rings' centre and squash come from a quadratic of luma, which
      // the focus pulls a little. Without a focus the fit was only the centred rings.
      expect(Math.hypot(found.fx! - 100, found.fy! - 110)).toBeLessThan(6);
      expect(fit!.rms).toBeLessThan(5);
    });

    it('writes the focus where a renderer paints it', () => {
      const turned = { ...paint, angle: 20 } as GradientPaint; // not upright: user space, with a transform
      const element = gradientElement('g', turned, 1);
      expect(element).toContain('gradientTransform');
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256"><defs>${element}</defs><rect width="256" height="256" fill="url(#g)"/></svg>`;
      const raster = renderSvg(svg, 256, 256);
      let worst = 0;
      for (const [x, y] of [[100, 110], [60, 120], [150, 140], [128, 90], [190, 150]]) {
        const expected = paintColourAt(turned, x + 0.5, y + 0.5);
        for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(raster.data[(y * 256 + x) * 4 + k] - expected[k]));
      }
      expect(worst).toBeLessThanOrEqual(4);
    });
  });
});
