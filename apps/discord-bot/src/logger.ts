import { pino, type DestinationStream, type Logger } from 'pino';

// A safety net: the bot never logs these, and pino removes them should one slip through.
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'discordToken',
  '*.discordToken',
  'partnerToken',
  '*.partnerToken',
  'clientToken',
  '*.clientToken',
  'authorization',
  'headers.authorization',
  '*.headers.authorization',
  'secret',
  '*.secret',
];

/** The bot's pino logger: JSON lines, secrets redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'zapi-discord-bot' },
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
