import type { LogoClass } from '../../src/core/types';

/** Output order of the model (and of the manifest's class list). */
export const CLASSES: readonly LogoClass[] = ['simple', 'text', 'gradient', 'complex'];
