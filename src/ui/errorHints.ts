import type { JobError } from './conversion/jobs';

/** What the user can do about each stable error code. */
const HINTS: Partial<Record<JobError['code'], string>> = {
  INVALID_IMAGE: 'Check that the file opens in an image viewer, or export it again as PNG.',
  UNSUPPORTED_FORMAT: 'Use a PNG, JPEG, WebP or GIF file.',
  TOO_LARGE: 'Scale the image down and try again.',
  EMPTY_IMAGE: 'The image has nothing to trace (it is blank or fully transparent).',
  TIMEOUT: 'Try a lower tier or a smaller image.',
  WORKER_CRASHED: 'The converter stopped unexpectedly. Reload the page and try again.',
};

export function errorHint(code: JobError['code']): string | null {
  return HINTS[code] ?? null;
}
