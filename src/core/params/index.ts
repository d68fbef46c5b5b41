export { checkParamsEntry, disposeParamsModel, featureOutsideTraining, loadParamsModel, PARAMS_MODEL, tier2MarginFor, type ParamsEntry, type ParamsModel } from './paramsModel';
export { planParams } from './planParams';
export { rankCandidates, scoreToSsim, splitPredictions, ssimToScore, TIER2_OFF_TARGET_SIZE_WEIGHT, type Prediction } from './rankCandidates';
