/** What a secret is replaced with wherever it would be shown. */
export const REDACTED = '[REDACTED]';

// Z-API tokens are long; a shorter "secret" (a test's "a") would shred ordinary words.
const MIN_SECRET_LENGTH = 4;

/** Removes every known secret, and anything sent as a bearer token, from a text. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text.replace(/(Bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`);
  const known = secrets
    .filter(
      (secret): secret is string =>
        typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH,
    )
    .sort((a, b) => b.length - a.length);
  for (const secret of known) {
    result = result.split(secret).join(REDACTED);
    // The same secret may come back percent-encoded, as part of a URL.
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) result = result.split(encoded).join(REDACTED);
  }
  return result;
}
