/** The slice of a pino-style logger the client uses; pass a pino logger or a child of one. */
export interface ZapiLogger {
  debug(object: Record<string, unknown>, message?: string): void;
  warn(object: Record<string, unknown>, message?: string): void;
}

/** Logs nothing: the client's default. */
export const silentLogger: ZapiLogger = {
  debug: () => undefined,
  warn: () => undefined,
};
