export { SANDBOX_DATE_FORMATS, writeDate, type SandboxDateFormat } from './date-format.js';
export { type CallbackDelivery } from './callback-sender.js';
export {
  FaultInjector,
  FaultRuleSchema,
  SANDBOX_CALLBACKS,
  parseFaultRule,
  type CallbackFault,
  type Fault,
  type FaultHandle,
  type FaultRule,
  type RequestFault,
  type SandboxCallback,
} from './faults.js';
export { QR_ROTATION_MS } from './qr-code.js';
export { phoneFor } from './simulated-phone.js';
export { ROUTE_NAMES, type RouteName } from './routes.js';
export { startSandbox, type RecordedRequest, type Sandbox, type SandboxOptions } from './server.js';
export {
  InstanceStore,
  SUBSCRIPTION_PERIOD_MS,
  TRIAL_MS,
  type PaymentStatus,
  type SandboxInstance,
} from './state.js';
export { DEFAULT_SANDBOX_PARTNER_TOKEN, DEFAULT_SANDBOX_PORT } from './defaults.js';
