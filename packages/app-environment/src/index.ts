export {
  booleanFlag,
  commaSeparated,
  EnvironmentError,
  readEnvironment,
  RedisEnvironment,
  upstreamFromEnvironment,
  ZapiEnvironment,
  type ZapiUpstream,
} from './environment.js';
