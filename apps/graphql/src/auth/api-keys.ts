import { hash, timingSafeEqual } from 'node:crypto';

/** What an API key may do: run queries, run mutations, see instance tokens, read /metrics. */
export const SCOPES = ['read', 'write', 'token', 'metrics'] as const;
export type Scope = (typeof SCOPES)[number];

/** Shorter keys are refused: they could be guessed. */
export const MIN_API_KEY_LENGTH = 32;

/** A configured API key, kept as a digest so the key itself is never held or logged. */
export interface ApiKey {
  /** A short, non-secret name for logs: the first 8 hex characters of the key's SHA-256. */
  id: string;
  digest: Buffer;
  scopes: ReadonlySet<Scope>;
}

// The one-shot hash: a Hash object per request cost about 2% of the gateway's CPU.
const digestOf = (key: string) => hash('sha256', key, 'buffer');

/**
 * Parses `GRAPHQL_API_KEYS`: `<key>=<scope>+<scope>,<key2>=read`. A key without `=` gets read and
 * write. Throws with a message that never contains a key.
 */
export function parseApiKeys(text: string): ApiKey[] {
  const keys: ApiKey[] = [];
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const separator = entry.lastIndexOf('=');
    const key = separator === -1 ? entry : entry.slice(0, separator);
    const scopeText = separator === -1 ? 'read+write' : entry.slice(separator + 1);
    if (key.length < MIN_API_KEY_LENGTH) {
      throw new Error(
        `key #${index + 1} is ${key.length} characters; keys need at least ${MIN_API_KEY_LENGTH}`,
      );
    }
    const scopes = scopeText.split('+').map((scope) => scope.trim());
    if (!scopes.every((scope) => (SCOPES as readonly string[]).includes(scope))) {
      // Never the scope text itself: in a key that contains "=" and was listed without scopes,
      // what follows its last "=" is part of the key.
      throw new Error(
        `key #${index + 1}: what follows its last "=" is not a list of scopes (${SCOPES.join(', ')}, joined with +); a key that contains "=" must be followed by its scopes`,
      );
    }
    const digest = digestOf(key);
    if (keys.some((other) => other.digest.equals(digest)))
      throw new Error(`key #${index + 1} is listed twice`);
    keys.push({
      id: digest.toString('hex').slice(0, 8),
      digest,
      scopes: new Set(scopes as Scope[]),
    });
  });
  return keys;
}

/**
 * The API key a bearer token matches, compared in constant time: digests of equal length are
 * compared with timingSafeEqual, and every configured key is compared, match or not.
 */
export function findApiKey(keys: readonly ApiKey[], presented: string): ApiKey | undefined {
  const digest = digestOf(presented);
  let found: ApiKey | undefined;
  for (const key of keys) {
    if (timingSafeEqual(key.digest, digest) && !found) found = key;
  }
  return found;
}

/** The bearer token of an Authorization header, if it has one. */
export function bearerToken(header: string | null): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
