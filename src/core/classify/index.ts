export { classifyLogo, classifyLogoByRules, type Classification } from './classifyLogo';
export { CLASSIFIER_MODEL, disposeClassifier, loadClassifier, type Classifier } from './loadClassifier';
export { readModelEntry, requireLogoClasses, type ClassifierEntry, type ModelEntry, type ModelManifest } from './manifest';
export { openModelSession, sharedModel, type ModelSession, type ModelSpec } from './modelSession';
export { classifyByRules, RULES } from './rules';
export { sha256Hex } from './sha256';
