import { describe, expect, it } from 'vitest';
import { traceContours } from '../../src/core/trace/tracewise/contours';
import { cutHiddenStretches, hiddenArea } from '../../src/core/trace/tracewise/hiddenChords';

/** The lower layer's own colour under an upper gradient shape: the two-colour mixture gives it
 * small shares all over the upper shape (the gradient blended with the nearest other colour),
 * which must not count as the own colour showing. */
describe('small own shares far from the own colour', () => {
  const size = 48;
  // Own square x 4–19, y 12–27; upper square x 16–39, y 4–35 over it.
  const own = new Float32Array(size * size);
  const union = new Float32Array(size * size);
  for (let y = 12; y < 28; y++) for (let x = 4; x < 20; x++) own[y * size + x] = 1;
  for (let y = 4; y < 36; y++) {
    for (let x = 16; x < 40; x++) {
      const p = y * size + x;
      // Under the upper shape: a mixture share of 5% of the own colour, or none where it is hidden.
      own[p] = x < 20 && y >= 12 && y < 28 ? 0 : 0.05;
    }
  }
  for (let p = 0; p < size * size; p++) {
    const x = p % size;
    const y = (p - x) / size;
    const upper = x >= 16 && x < 40 && y >= 4 && y < 36 ? 1 - own[p] : 0;
    union[p] = own[p] + upper;
  }

  it('cuts the upper shape’s far rim out of the lower layer’s outline all the same', () => {
    const [contour] = traceContours(union, size, size);
    const area = hiddenArea(union, own, size, size, { x0: 4, y0: 4, x1: 40, y1: 36 });
    const cut = cutHiddenStretches(contour, area);
    const points = (c: Float64Array) => Array.from({ length: c.length / 2 }, (_, i) => [c[2 * i], c[2 * i + 1]]);
    // Points on the upper square's rim away from the own square: its top and bottom past x = 20,
    // and its right side.
    const onFarRim = ([x, y]: number[]) => ((y === 4 || y === 36) && x > 20) || x === 40;
    expect(points(contour).filter(onFarRim).length).toBeGreaterThan(60);
    expect(points(cut).filter(onFarRim).length).toBeLessThanOrEqual(2);
    // The own square's visible outline (its left side, x = 4) is kept.
    expect(points(cut).filter(([x]) => x === 4).length).toBe(points(contour).filter(([x]) => x === 4).length);
  });

  it('still counts an anti-aliased rim next to the own colour as showing', () => {
    // A faint own rim (20%) right beside the own square's solid pixels is the colour showing.
    const rim = own.slice();
    for (let y = 12; y < 28; y++) rim[y * size + 16] = 0.2; // beside the solid own pixels at x = 15
    const area = hiddenArea(union, rim, size, size, { x0: 4, y0: 4, x1: 40, y1: 36 });
    const local = (x: number, y: number) => (y - area.y0) * area.width + x - area.x0;
    expect(area.far[local(17, 20)]).toBe(0); // within the margin of the rim
    expect(area.far[local(34, 20)]).toBe(1); // the 5% share far inside the upper shape is not
  });
});
