import type { Job } from '../conversion/jobs';
import { saveBlob, uniqueSvgNames, zipSvgs } from '../download';

/** Every finished card's SVG in one archive, named as the cards' own downloads. */
export function ZipButton({ jobs }: { jobs: readonly Job[] }) {
  const done = jobs.filter((job) => job.state === 'done' && job.result);
  if (done.length === 0) return null;
  const onClick = (): void => {
    const names = uniqueSvgNames(done.map((job) => job.file.name));
    const blob = zipSvgs(done.map((job, i) => ({ name: names[i], svg: job.result!.svg })));
    saveBlob(blob, 'tracewise-svgs.zip');
  };
  return (
    <button type="button" className="button-secondary" onClick={onClick} data-testid="download-zip">
      Download all ({done.length}) as ZIP
    </button>
  );
}
