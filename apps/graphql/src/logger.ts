import { pino, type DestinationStream, type Logger } from 'pino';

// A safety net: the gateway never logs these, and pino removes them should one slip through.
export const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'token',
  '*.token',
  'partnerToken',
  '*.partnerToken',
  'clientToken',
  '*.clientToken',
  'apiKey',
  '*.apiKey',
  'variables',
  '*.variables',
];

/** The gateway's pino logger: JSON lines, secrets redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'zapi-graphql' },
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
