import { z } from 'zod';

/** A yes/no variable: `true`/`false` or `1`/`0`. */
export const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true, false, 1 or 0' })
  .transform((value) => value === 'true' || value === '1');

/**
 * The environment variables that point an app at Z-API, for apps that read their configuration
 * from the environment. Extend it with the app's own variables.
 */
export const ZapiEnvironment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  ZAPI_SANDBOX: booleanFlag.optional(),
  ZAPI_PARTNER_TOKEN: z.string().trim().min(1).optional(),
  ZAPI_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.z-api.io'),
  ZAPI_CLIENT_TOKEN: z.string().trim().min(1).optional(),
  ZAPI_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
});

/**
 * `REDIS_URL`: where state shared between processes lives (`redis://` or `rediss://`, with a
 * password and a database number if needed). Unset, each process keeps its own, in memory.
 */
export const RedisEnvironment = z.object({
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
    .refine((url) => /^\/?\d*$/.test(new URL(url).pathname), {
      error: 'the path must be a database number, as in redis://host:6379/2',
    })
    .optional(),
});

/**
 * A comma-separated variable as a list: items trimmed, empty ones dropped, and every item that
 * `isValid` refuses named in the error as not being `expected` (say, "a Discord id").
 */
export function commaSeparated(isValid: (item: string) => boolean, expected: string) {
  return z
    .string()
    .default('')
    .transform((text, context) => {
      const items = text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
      for (const item of items) {
        if (!isValid(item))
          context.addIssue({
            code: 'custom',
            message: `"${item}" is not ${expected}; separate items with commas`,
          });
      }
      return items;
    });
}

/** A start-up failure whose message names the environment variable at fault. */
export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
  readonly code = 'INVALID_ENVIRONMENT';
}

/**
 * Parses an app's environment with its zod schema; throws an EnvironmentError naming every bad
 * variable.
 */
export function readEnvironment<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new EnvironmentError(`Invalid environment: ${problems.join('; ')}`);
}

/** Where an app's calls go: Z-API itself, or a local sandbox. */
export type ZapiUpstream =
  | { mode: 'live'; partnerToken: string; baseUrl: string; clientToken?: string }
  | { mode: 'sandbox' };

/**
 * Live when a partner token is set; otherwise the sandbox, which production must ask for by name
 * (`ZAPI_SANDBOX=true`), so a deployment that lost its token fails at start-up instead of
 * quietly answering from a simulator. Throws an EnvironmentError naming the variable.
 */
export function upstreamFromEnvironment(env: z.output<typeof ZapiEnvironment>): ZapiUpstream {
  const token = env.ZAPI_PARTNER_TOKEN;
  if (env.ZAPI_SANDBOX === true && token !== undefined) {
    throw new EnvironmentError(
      'ZAPI_SANDBOX: true asks for the sandbox, but ZAPI_PARTNER_TOKEN is set too; unset one of them',
    );
  }
  if (env.ZAPI_SANDBOX === false && token === undefined) {
    throw new EnvironmentError('ZAPI_PARTNER_TOKEN: required when ZAPI_SANDBOX=false');
  }
  if (token === undefined && env.NODE_ENV === 'production' && env.ZAPI_SANDBOX !== true) {
    throw new EnvironmentError(
      'ZAPI_PARTNER_TOKEN: required when NODE_ENV=production; set ZAPI_SANDBOX=true to run on the embedded sandbox on purpose',
    );
  }
  if (token === undefined) return { mode: 'sandbox' };
  return {
    mode: 'live',
    partnerToken: token,
    baseUrl: env.ZAPI_BASE_URL,
    ...(env.ZAPI_CLIENT_TOKEN === undefined ? {} : { clientToken: env.ZAPI_CLIENT_TOKEN }),
  };
}
