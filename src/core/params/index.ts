export { checkParamsEntry, disposeParamsModel, featureOutsideTraining, loadParamsModel, PARAMS_MODEL, tier2MarginFor, tier2WeightFor, type ParamsEntry, type ParamsModel } from './paramsModel';
export { planParams } from './planParams';
export { rankCandidates, scoreToSsim, splitPredictions, ssimToScore, TIER2_OFF_TARGET_SIZE_WEIGHT, TIER2_WEIGHTS, type Prediction } from './rankCandidates';
