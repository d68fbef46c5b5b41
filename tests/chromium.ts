import { devices } from '@playwright/test';

/**
 * How every Playwright run here starts Chromium: Debian's build (Playwright cannot download its
 * own on these machines) with the flags that keep it from reaching for the network — without
 * them it tries Google's hosts at start-up and this machine's closed network refuses them.
 */
export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The one Playwright project both test configs run (e2e, load): desktop Chrome's viewport and
 * user agent on Debian's Chromium, with any extra flags a config needs. */
export function chromiumProject(extraArgs: readonly string[] = []) {
  return {
    name: 'chromium',
    use: {
      ...devices['Desktop Chrome'],
      launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS, ...extraArgs] },
    },
  };
}
