import type { YogaLogger } from 'graphql-yoga';
import { pino, type DestinationStream, type Logger } from 'pino';
import { zapiErrorOf } from './errors.js';

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

/**
 * The gateway's logger as yoga's. Yoga logs each error its `maskError` replaced; a Z-API failure
 * is replaced only to be answered with its code (the client and the operation log record it
 * already), so it goes to debug, and only unexpected errors reach error.
 */
export function yogaLogger(logger: Logger): YogaLogger {
  const line = (args: unknown[]) => args.map(String).join(' ');
  return {
    debug: (...args: unknown[]) => {
      logger.debug(line(args));
    },
    info: (...args: unknown[]) => {
      logger.info(line(args));
    },
    warn: (...args: unknown[]) => {
      logger.warn(line(args));
    },
    error: (...args: unknown[]) => {
      const err = args.find((arg) => arg instanceof Error);
      const zapi = zapiErrorOf(err);
      if (zapi) logger.debug({ code: zapi.code }, line(args));
      else logger.error({ err }, line(args));
    },
  };
}
