export { classifyLogo, classifyLogoByRules, type Classification } from './classifyLogo';
export { CLASSIFIER_MODEL, disposeClassifier, loadClassifier, type Classifier } from './loadClassifier';
export { readModelEntry, type ModelEntry, type ModelManifest } from './manifest';
export { classifyByRules, RULES } from './rules';
export { sha256Hex } from './sha256';
