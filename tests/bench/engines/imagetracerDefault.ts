import ImageTracer from 'imagetracerjs';
import type { BenchEngine } from './benchEngine';

/** imagetracerjs with its `default` preset and raw output: what a user of the library gets. */
export const imagetracerDefault: BenchEngine = {
  id: 'imagetracer-default',
  label: 'imagetracerjs default',
  kind: 'anchor',
  nodeOnly: false,
  init: async () => {},
  async convert({ decode }) {
    return ImageTracer.imagedataToSVG(decode(), 'default');
  },
};
