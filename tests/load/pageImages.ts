/**
 * Runs inside the page (passed to `page.evaluate`, so it must be self-contained): `count` PNG
 * logos drawn with OffscreenCanvas — seeded shapes in 2–4 flat colours on transparency, sizes
 * from `minSide` to `maxSide`. Stored on `globalThis.__loadImages` so no bytes cross the CDP pipe.
 */
export async function makePageImages({ count, minSide, maxSide, seed }: { count: number; minSide: number; maxSide: number; seed: number }) {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const images: Blob[] = [];
  for (let i = 0; i < count; i++) {
    const side = Math.round(minSide + random() * (maxSide - minSide));
    const canvas = new OffscreenCanvas(side, side);
    const ctx = canvas.getContext('2d')!;
    const shapes = 2 + Math.floor(random() * 3);
    for (let s = 0; s < shapes; s++) {
      ctx.fillStyle = `hsl(${Math.floor(random() * 360)} 70% ${30 + Math.floor(random() * 40)}%)`;
      const x = random() * side * 0.6;
      const y = random() * side * 0.6;
      const w = side * (0.2 + random() * 0.4);
      if (random() < 0.5) {
        ctx.beginPath();
        ctx.arc(x + w / 2, y + w / 2, w / 2, 0, Math.PI * 2);
        ctx.fill();
      } else {
        ctx.fillRect(x, y, w, w * (0.5 + random() * 0.5));
      }
    }
    images.push(await canvas.convertToBlob({ type: 'image/png' }));
  }
  (globalThis as { __loadImages?: Blob[] }).__loadImages = images;
  return images.reduce((sum, blob) => sum + blob.size, 0);
}
