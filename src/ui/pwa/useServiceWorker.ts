import { useEffect, useRef, useState } from 'react';
import { Workbox } from 'workbox-window';

export interface ServiceWorkerState {
  /** A new version is installed and waiting for the page's go-ahead. */
  updateReady: boolean;
  /** True once a service worker controls this page (it then loads offline). */
  offlineReady: boolean;
  /** Activates the waiting version; the page reloads once it controls the page and `idle()`. */
  applyUpdate(): void;
}

/**
 * Registers the service worker that vite-plugin-pwa generates (production builds only: the dev
 * server has none), once `startedUp()` resolves (its precache would otherwise compete with the
 * page's first conversion; see afterStartUp.ts). `registerType: 'prompt'`: a new version waits
 * until `applyUpdate()`, and the reload it needs is held back while `busy()` — a reload mid-batch
 * would lose every result.
 */
export function useServiceWorker(busy: () => boolean, startedUp: () => Promise<void>): ServiceWorkerState {
  const [updateReady, setUpdateReady] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);
  const workbox = useRef<Workbox | null>(null);
  const busyRef = useRef(busy);
  busyRef.current = busy;

  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL, type: 'classic' });
    workbox.current = wb;
    wb.addEventListener('waiting', () => setUpdateReady(true));
    wb.addEventListener('activated', () => setOfflineReady(true));
    let unmounted = false;
    startedUp()
      .then(() => (unmounted ? undefined : wb.register()))
      .then(
        // undefined when the browser refuses service workers (some private modes, test runners).
        (registration) => registration && navigator.serviceWorker.ready.then(() => setOfflineReady(true)),
        (error: unknown) => console.warn('Service worker registration failed: the app will not work offline.', error),
      );
    return () => {
      unmounted = true;
    };
  }, []);

  return {
    updateReady,
    offlineReady,
    applyUpdate() {
      const wb = workbox.current;
      if (!wb) return;
      wb.addEventListener('controlling', () => reloadWhenIdle(() => busyRef.current()));
      wb.messageSkipWaiting();
    },
  };
}

function reloadWhenIdle(busy: () => boolean): void {
  if (!busy()) location.reload();
  else setTimeout(() => reloadWhenIdle(busy), 500);
}
