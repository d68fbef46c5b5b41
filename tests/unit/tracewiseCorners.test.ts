import { describe, expect, it } from 'vitest';
import type { Point, Segment } from '../../src/core/trace/tracewise/bezier';
import { joinCutTips } from '../../src/core/trace/tracewise/chamfers';
import { findCorners } from '../../src/core/trace/tracewise/corners';

const THRESHOLD = (55 * Math.PI) / 180;

/** A closed polygon whose corners are rounded into arcs of the given radii, sampled every ~0.5 px: what
 * marching squares makes of a corner whose anti-aliasing is blurred over a few pixels. */
function roundedPolygon(vertices: Point[], radii: number[]): Point[] {
  const n = vertices.length;
  const sides = vertices.map((v, i) => unit(v, vertices[(i + 1) % n]));
  // Where each corner's arc meets its sides, measured from the vertex.
  const cuts = vertices.map((_, i) => radii[i] * Math.tan(turnAt(sides, i) / 2));
  const points: Point[] = [];
  for (let i = 0; i < n; i++) {
    const [at, next] = [vertices[i], vertices[(i + 1) % n]];
    const [a, b] = [sides[(i - 1 + n) % n], sides[i]];
    const turn = turnAt(sides, i);
    const start = { x: at.x - a.x * cuts[i], y: at.y - a.y * cuts[i] };
    // The arc: its centre lies `radius` from both sides, on the inner side of the turn.
    const side = a.x * b.y - a.y * b.x > 0 ? 1 : -1;
    const centre = { x: start.x - side * a.y * radii[i], y: start.y + side * a.x * radii[i] };
    const from = Math.atan2(start.y - centre.y, start.x - centre.x);
    for (let k = 0; k <= 6; k++) {
      const angle = from + (side * turn * k) / 6;
      points.push({ x: centre.x + radii[i] * Math.cos(angle), y: centre.y + radii[i] * Math.sin(angle) });
    }
    const end = points[points.length - 1];
    const length = Math.hypot(next.x - at.x, next.y - at.y) - cuts[i] - cuts[(i + 1) % n];
    for (let s = 0.5; s < length; s += 0.5) points.push({ x: end.x + b.x * s, y: end.y + b.y * s });
  }
  return points;
}

function turnAt(sides: Point[], i: number): number {
  const [a, b] = [sides[(i - 1 + sides.length) % sides.length], sides[i]];
  return Math.acos(Math.max(-1, Math.min(1, a.x * b.x + a.y * b.y)));
}

function unit(from: Point, to: Point): Point {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  return { x: (to.x - from.x) / length, y: (to.y - from.y) / length };
}

describe('corner finding', () => {
  it('finds a corner whose turn is blurred over a few pixels, from its straight sides', () => {
    // A five-pointed star: its inner corners turn by 72°, here spread over arcs of radius 3 px
    // (its tips stay sharp).
    const star: Point[] = [...Array(10)].map((_, i) => {
      const r = i % 2 === 0 ? 60 : 25;
      const angle = (i * Math.PI) / 5 - Math.PI / 2;
      return { x: 100 + r * Math.cos(angle), y: 100 + r * Math.sin(angle) };
    });
    const points = roundedPolygon(star, star.map((_, i) => (i % 2 === 0 ? 0.2 : 3)));
    const corners = findCorners(points, THRESHOLD);
    expect(corners).toHaveLength(10);
    for (const vertex of star) {
      const nearest = Math.min(...corners.map((c) => Math.hypot(points[c].x - vertex.x, points[c].y - vertex.y)));
      expect(nearest).toBeLessThan(2);
    }
  });

  it('finds the gentle corners of an octagon from its long straight sides', () => {
    // 45° turns, below the 55° corner threshold, blurred over arcs of radius 2 px.
    const octagon: Point[] = [...Array(8)].map((_, i) => ({ x: 100 + 40 * Math.cos((i * Math.PI) / 4), y: 100 + 40 * Math.sin((i * Math.PI) / 4) }));
    const points = roundedPolygon(octagon, octagon.map(() => 2));
    expect(findCorners(points, THRESHOLD)).toHaveLength(8);
  });

  it('finds no corner on a circle, small or large', () => {
    const large: Point[] = [...Array(400)].map((_, i) => ({ x: 100 + 30 * Math.cos((i * 2 * Math.PI) / 400), y: 100 + 30 * Math.sin((i * 2 * Math.PI) / 400) }));
    expect(findCorners(large, THRESHOLD)).toEqual([]);
    const circle: Point[] = [...Array(80)].map((_, i) => ({ x: 50 + 7 * Math.cos((i * 2 * Math.PI) / 80), y: 50 + 7 * Math.sin((i * 2 * Math.PI) / 80) }));
    expect(findCorners(circle, THRESHOLD)).toEqual([]);
  });
});

describe('cut tips', () => {
  const line = (x: number, y: number): Segment => ({ kind: 'L', to: { x, y } });

  it('replaces the short cut across an acute tip with the point its sides meet at', () => {
    // A thin spike whose anti-aliased tip faded below half coverage 2 px early.
    const { start, segments } = joinCutTips({ x: 40, y: 40 }, [line(49.5, 2), line(50.5, 2), line(60, 40), line(40, 40)]);
    expect(segments).toHaveLength(3);
    expect(segments[0].to.x).toBeCloseTo(50, 5);
    expect(segments[0].to.y).toBeCloseTo(0, 5);
    expect(start).toEqual({ x: 40, y: 40 });
  });

  it('keeps the flat end of a bar, whose sides never meet', () => {
    const bar = [line(40, 0), line(43, 0), line(43, 40), line(40, 40)];
    expect(joinCutTips({ x: 40, y: 40 }, bar).segments).toEqual(bar);
  });
});
