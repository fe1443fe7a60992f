export {
  createZapiClient,
  type CreatedInstance,
  type InstanceRef,
  type ByTarget,
  type InstanceTarget,
  type ZapiClient,
  type ZapiRawCalls,
} from './client.js';
export type { ConnectionCalls, InstanceAddress } from './connection-calls.js';
export { INSTANCE_CACHE_MS, InstanceDirectory } from './directory.js';
export {
  ZapiBadResponseError,
  ZapiCircuitOpenError,
  ZapiError,
  ZapiHttpError,
  ZapiNetworkError,
  ZapiOutcomeUnknownError,
  ZapiRateLimitedError,
  ZapiTimeoutError,
  ZapiValidationError,
  isZapiError,
  type InstanceCandidate,
  type ZapiErrorDetails,
} from './errors.js';
export { candidateOf, outcomeUnknownByName } from './outcome-unknown.js';
export type { CircuitBreakerPolicy, RetryPolicy, ZapiCallReport } from './http.js';
export type { InstancePage, ZapiInstancePage } from './list-page.js';
export { silentLogger, type ZapiLogger } from './logger.js';
export { DEFAULT_UPDATE_PATH, type ZapiClientOptions } from './options.js';
export { REDACTED, redact } from './redact.js';
export { ZAPI_ERROR_CODES, type ZapiErrorCode } from '@zapikit/schema';
