// The core's public surface: what src/worker and src/cli may use.
export { convert, convertDecoded, decodeInput, prepareConversion, prepareCore, prepareDecoder, prepareTracer, releaseModels } from './pipeline';
export type { DecodedImage } from './decode/decodeImage';
export { DEFAULT_OPTIONS, hardDeadlineMs, resolveOptions, TIER_DEADLINES_MS, tier1RescueMs, type ConvertOptions } from './options';
export { ConvertError, ERROR_CODES, toConvertError, type ErrorCode } from './errors';
export type { AssetName, Host, ModelAssetName } from './host';
// Types only: the classifier's runtime (onnxruntime-web, a 14 MB wasm) enters a bundle through
// pipeline.ts when it uses the classifier, not through this index.
export type { Classification } from './classify';
export { extractFeatures, FEATURE_NAMES, type FeatureName } from './features';
export type { ConvertResult, Fallback, LogoClass, Quality, Raster, StageTimings, Tier } from './types';
export { TIERS } from './types';
export type { SearchReport } from './tiers/closedLoop';
export { DEFAULT_THRESHOLDS_MS, PerformanceMonitor, type OperationName, type OperationStats, type SlowOperation } from './monitor/performanceMonitor';
