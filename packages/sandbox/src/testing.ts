// `@zapikit/sandbox/testing`: what a test suite needs to run code against the sandbox and prove
// that no secret leaks: canary secrets, a sandbox that demands them, a log capture and a scan.
import { startSandbox, type Sandbox, type SandboxOptions } from './server.js';

/**
 * Secrets with a recognisable prefix, for tests only: hand them to the sandbox and to the code
 * under test, then scan every response, error and log line for them with {@link leakedSecrets}.
 */
export const CANARY_SECRETS = Object.freeze({
  partnerToken: 'CANARY-partner-7f3a9c1e5b',
  clientToken: 'CANARY-client-2d8e4b6a0f',
});

/** Starts a sandbox on loopback that accepts only the canary partner and client tokens. */
export function startCanarySandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({
    partnerToken: CANARY_SECRETS.partnerToken,
    clientToken: CANARY_SECRETS.clientToken,
    ...options,
  });
}

/** One captured log call: a pino-style object and message, as JSON a transport would write. */
type LogMethod = (object: Record<string, unknown>, message?: string) => void;

/** A pino-style logger (debug, info, warn, error) that keeps every line as JSON. */
export interface CapturedLogger {
  lines: string[];
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

/** A logger for code that takes a pino-style one: every call becomes a JSON line in `lines`. */
export function captureLogger(): CapturedLogger {
  const lines: string[] = [];
  const write =
    (level: string): LogMethod =>
    (object, message) => {
      lines.push(JSON.stringify({ level, ...object, msg: message }));
    };
  return {
    lines,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
}

/**
 * The secrets that appear in `text`, plain or percent-encoded: the canary secrets and any
 * `extra` ones (API keys, instance tokens). Empty when the text is clean.
 */
export function leakedSecrets(text: string, extra: readonly string[] = []): string[] {
  return [...Object.values(CANARY_SECRETS), ...extra].filter(
    (secret) =>
      secret !== '' && (text.includes(secret) || text.includes(encodeURIComponent(secret))),
  );
}

export {
  startWebhookReceiver,
  type ReceivedCallback,
  type WebhookReceiver,
} from './webhook-receiver.js';
