import { describe, expect, it } from 'vitest';
import { familyOf } from '../../scripts/corpus/family';
import { wilson } from '../../scripts/train/metrics';

describe('familyOf', () => {
  it('maps the variants a source ships of one icon to one family', () => {
    const same = [
      ['noto-handshake-light-skin-tone-dark-skin-tone', 'noto-handshake'],
      ['emojione-raised-hand-medium-dark-skin-tone', 'emojione-raised-hand'],
      ['skill-nestjs-dark', 'skill-nestjs-light'],
      ['vscode-file-type-light-rust', 'vscode-file-type-rust'],
      ['vscode-folder-type-dist-opened', 'vscode-folder-type-dist'],
      ['devicon-go-original-wordmark', 'devicon-go-plain'],
      ['devicon-react-bootstrap-line', 'devicon-react-bootstrap-original'],
      ['tabler-flower-filled', 'tabler-flower-outline'],
      ['bootstrap-0-circle-fill', 'bootstrap-0-circle'],
    ];
    for (const [a, b] of same) expect(familyOf(a!), `${a} ~ ${b}`).toBe(familyOf(b!));
  });

  it('keeps different icons apart', () => {
    expect(familyOf('noto-raised-hand')).not.toBe(familyOf('noto-raised-fist'));
    expect(familyOf('skill-nestjs-dark')).not.toBe(familyOf('skill-nextjs-dark'));
    // Another source's drawing of the same emoji is a different image.
    expect(familyOf('noto-grapes')).not.toBe(familyOf('emojione-grapes'));
    // A name that only contains a variant word keeps it.
    expect(familyOf('lucide-sun-dim')).toBe('lucide-sun-dim');
    expect(familyOf('syn-text-0012')).toBe('syn-text-0012');
  });
});

describe('wilson', () => {
  it('gives the textbook bounds at the edges', () => {
    // 0 of 10: upper bound z²/(n + z²); 10 of 10 is its mirror.
    const [lo0, hi0] = wilson(0, 10);
    expect(lo0).toBeCloseTo(0, 12);
    expect(hi0).toBeCloseTo(3.8415 / 13.8415, 4);
    const [lo10, hi10] = wilson(10, 10);
    expect(lo10).toBeCloseTo(1 - 3.8415 / 13.8415, 4);
    expect(hi10).toBeCloseTo(1, 12);
  });

  it('brackets the observed proportion and narrows as n grows', () => {
    const [lo, hi] = wilson(57, 67);
    expect(lo).toBeCloseTo(0.7466, 3);
    expect(hi).toBeCloseTo(0.9169, 3);
    const [loBig, hiBig] = wilson(5700, 6700);
    expect(loBig).toBeGreaterThan(lo);
    expect(hiBig).toBeLessThan(hi);
    expect(loBig).toBeLessThan(57 / 67);
    expect(hiBig).toBeGreaterThan(57 / 67);
  });

  it('has no interval without trials', () => {
    expect(wilson(0, 0)).toEqual([0, 1]);
  });
});
