/** Calls `visit` with each of pixel p's (up to) eight neighbours inside the image, row by row. */
export function forEachNeighbour8(p: number, width: number, height: number, visit: (q: number, x: number, y: number) => void): void {
  const x = p % width;
  const y = (p - x) / width;
  for (let dy = -1; dy <= 1; dy++) {
    const ny = y + dy;
    if (ny < 0 || ny >= height) continue;
    for (let dx = -1; dx <= 1; dx++) {
      const nx = x + dx;
      if ((dx === 0 && dy === 0) || nx < 0 || nx >= width) continue;
      visit(ny * width + nx, nx, ny);
    }
  }
}
