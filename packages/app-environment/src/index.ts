export {
  booleanFlag,
  commaSeparated,
  EnvironmentError,
  readEnvironment,
  upstreamFromEnvironment,
  ZapiEnvironment,
  type ZapiUpstream,
} from './environment.js';
