/** Extra training images live beside the corpus: corpus/<size>/train-extra/ (see build.ts). */
export const EXTRA_DIR = 'train-extra';
/** A larger held-out set: test-split ids the corpus left (build.ts --test-extra-factor). */
export const TEST_EXTRA_DIR = 'test-extra';
