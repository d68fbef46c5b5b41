import { useState, type ReactNode } from 'react';

interface Props {
  src: string | null;
  alt: string;
  caption: string;
  testId: string;
  /** Shown while there is no `src` yet (or the browser cannot display it). */
  fallback: ReactNode;
}

/** One side of the before/after comparison, on a checkerboard that makes transparency visible. */
export function Preview({ src, alt, caption, testId, fallback }: Props) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const showImage = src !== null && failedSrc !== src;
  return (
    <figure>
      {showImage ? (
        <img src={src} alt={alt} data-testid={testId} onError={() => setFailedSrc(src)} />
      ) : (
        <div className="placeholder">{fallback}</div>
      )}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
