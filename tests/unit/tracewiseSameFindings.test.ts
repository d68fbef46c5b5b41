import { describe, expect, it } from 'vitest';
import type { GradientFindings } from '../../src/core/trace/tracewise/gradientGroups';
import { sameFindings } from '../../src/core/trace/tracewise/sameFindings';

const stops = [{ offset: 0, colour: [255, 0, 0] as [number, number, number] }, { offset: 1, colour: [0, 0, 255] as [number, number, number] }];
const paint = { kind: 'linear' as const, x1: 0, y1: 0, x2: 10, y2: 0, stops };

function findings(): GradientFindings {
  return {
    groups: [{ paint, members: [1, 2] }],
    unclaimed: [{ region: { pixels: new Uint32Array([4, 5, 6]), range: 80 }, fit: { paint, rms: 2 } }],
    splittable: true,
  };
}

describe('sameFindings (whether a facet split changed the grouping)', () => {
  it('holds for equal groupings built apart (new arrays, same contents)', () => {
    expect(sameFindings(findings(), findings())).toBe(true);
  });

  it('fails when a group has other members, another paint, or an overlay', () => {
    const members = findings();
    members.groups[0].members = [1, 3];
    expect(sameFindings(findings(), members)).toBe(false);
    const moved = findings();
    moved.groups[0].paint = { ...paint, x2: 12 };
    expect(sameFindings(findings(), moved)).toBe(false);
    const overlaid = findings();
    overlaid.groups[0].overlay = { colour: [255, 255, 255], opacity: 0.4, rms: 1 };
    expect(sameFindings(findings(), overlaid)).toBe(false);
  });

  it('fails when an unclaimed region has other pixels or another fit, or one more region', () => {
    const pixels = findings();
    pixels.unclaimed[0].region.pixels = new Uint32Array([4, 5, 7]);
    expect(sameFindings(findings(), pixels)).toBe(false);
    const fit = findings();
    fit.unclaimed[0].fit = { paint, rms: 3 };
    expect(sameFindings(findings(), fit)).toBe(false);
    const more = findings();
    more.unclaimed.push(more.unclaimed[0]);
    expect(sameFindings(findings(), more)).toBe(false);
  });
});
