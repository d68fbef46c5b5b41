/** What withTimeout rejects with, so callers can tell "never answered" from "answered badly". */
export class TimeoutError extends Error {}

/** Rejects with a TimeoutError when `promise` has not settled within `ms`: for loads that might
 * never answer. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} within ${ms / 1000} s.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
