export {
  createAppMetrics,
  labelValuesOf,
  type AppMetrics,
  type AppMetricsOptions,
} from './app-metrics.js';
