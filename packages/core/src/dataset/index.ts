export { Deque } from './Deque.js'
export type { DatasetView, LiveDatasetOptions, OnNewData } from './LiveDataset.js'
export {
  DEFAULT_DATA_LIMIT,
  datasetOptionProblems,
  LiveDataset,
  MAX_DATA_LIMIT,
  ON_NEW_DATA,
  validateDatasetOptions,
} from './LiveDataset.js'
export type { RouteDatasetOptions, RoutesOptions } from './routing.js'
export { DatasetRouter, datasetNameProblem, MAX_DATASET_NAME_LENGTH } from './routing.js'
