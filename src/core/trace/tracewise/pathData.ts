import type { Point } from './bezier';
import type { FittedPath } from './fitContour';

/**
 * Compact path data: an absolute move, then relative commands computed between *rounded*
 * absolute positions (so rounding never accumulates), h/v for axis-aligned lines, repeated command
 * letters omitted, and the shortest number spelling (".5", "-.5", no separator before "-").
 */
export function pathData(paths: FittedPath[], decimals: number): string {
  const unit = 10 ** decimals;
  const q = (v: number) => Math.round(v * unit);
  const out = new NumberWriter(decimals);
  for (const path of paths) {
    let cx = q(path.start.x);
    let cy = q(path.start.y);
    const startX = cx;
    const startY = cy;
    out.command('M', [cx, cy]);
    path.segments.forEach((segment, index) => {
      const tx = q(segment.to.x);
      const ty = q(segment.to.y);
      const closing = index === path.segments.length - 1 && tx === startX && ty === startY;
      if (segment.kind === 'L') {
        if (closing) return; // z draws the closing line
        if (ty === cy && tx !== cx) out.command('h', [tx - cx]);
        else if (tx === cx && ty !== cy) out.command('v', [ty - cy]);
        else if (tx !== cx || ty !== cy) out.command('l', [tx - cx, ty - cy]);
      } else {
        out.command('c', [...rel(segment.c1, cx, cy, q), ...rel(segment.c2, cx, cy, q), tx - cx, ty - cy]);
      }
      cx = tx;
      cy = ty;
    });
    out.command('z', []);
  }
  return out.toString();
}

function rel(p: Point, cx: number, cy: number, q: (v: number) => number): [number, number] {
  return [q(p.x) - cx, q(p.y) - cy];
}

class NumberWriter {
  private text = '';
  private last = '';
  constructor(private readonly decimals: number) {}

  command(letter: string, integers: number[]): void {
    const repeat = letter === this.last && letter !== 'M' && letter !== 'z';
    if (!repeat) this.text += letter;
    let previous = repeat ? 'number' : 'letter';
    for (const value of integers) {
      const word = this.format(value);
      const needsSpace = previous !== 'letter' && !word.startsWith('-') && !(word.startsWith('.') && previous === 'dotted');
      this.text += (needsSpace ? ' ' : '') + word;
      previous = word.includes('.') ? 'dotted' : 'number';
    }
    // After M, implicit repeats would mean "line to": never omit the next letter.
    this.last = letter === 'M' ? 'M' : letter;
  }

  private format(integer: number): string {
    if (integer === 0) return '0';
    const negative = integer < 0;
    const digits = String(Math.abs(integer)).padStart(this.decimals + 1, '0');
    const whole = digits.slice(0, digits.length - this.decimals).replace(/^0+/, '');
    const fraction = this.decimals > 0 ? digits.slice(digits.length - this.decimals).replace(/0+$/, '') : '';
    return (negative ? '-' : '') + whole + (fraction ? `.${fraction}` : '');
  }

  toString(): string {
    return this.text;
  }
}
