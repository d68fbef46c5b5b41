export { describeImage, extractFeatures, featureRecord, type ImageDescription } from './extractFeatures';
export { FEATURE_COUNT, FEATURE_INDEX, FEATURE_NAMES, type FeatureName } from './names';
