/** Extra training images live beside the corpus: corpus/<size>/train-extra/ (see build.ts). */
export const EXTRA_DIR = 'train-extra';
