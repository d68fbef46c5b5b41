export { extractFeatures, featureRecord } from './extractFeatures';
export { FEATURE_COUNT, FEATURE_INDEX, FEATURE_NAMES, type FeatureName } from './names';
export { THUMBNAIL_CHANNELS, THUMBNAIL_SIDE, thumbnail } from './thumbnail';
