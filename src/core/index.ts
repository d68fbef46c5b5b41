// The core's public surface: what src/worker and src/cli may use.
export { convert, convertDecoded, decodeInput, prepareCore } from './pipeline';
export type { DecodedImage } from './decode/decodeImage';
export { DEFAULT_OPTIONS, resolveOptions, type ConvertOptions } from './options';
export { ConvertError, ERROR_CODES, toConvertError, type ErrorCode } from './errors';
export type { AssetName, Host } from './host';
export type { ConvertResult, Fallback, LogoClass, Quality, Raster, StageTimings, Tier } from './types';
export { TIERS } from './types';
export type { SearchReport } from './tiers/closedLoop';
