/** One entry of public/samples/credits.json (written by scripts/samples/build.ts). */
export interface SampleCredit {
  file: string;
  category: 'simple' | 'text' | 'gradient' | 'complex';
  width: number;
  height: number;
  bytes: number;
  source: string;
  name: string;
  licence: string;
}

const SAMPLES_URL = `${import.meta.env.BASE_URL}samples/`;

let credits: Promise<SampleCredit[]> | null = null;

/** The built-in sample set's list (memoised; precached by the service worker, so offline too). */
export function loadCredits(): Promise<SampleCredit[]> {
  credits ??= fetch(`${SAMPLES_URL}credits.json`)
    .then((response) => {
      if (!response.ok) throw new Error(`samples/credits.json: HTTP ${response.status}`);
      return response.json() as Promise<{ samples: SampleCredit[] }>;
    })
    .then((data) => data.samples)
    .catch((error: unknown) => {
      credits = null;
      throw error;
    });
  return credits;
}

export async function loadSample(credit: SampleCredit): Promise<File> {
  const response = await fetch(`${SAMPLES_URL}${credit.file}`);
  if (!response.ok) throw new Error(`samples/${credit.file}: HTTP ${response.status}`);
  return new File([await response.blob()], credit.file, { type: 'image/png' });
}
