import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';

/**
 * A stable digest of what a paid call would send: the mutation's name and its validated input,
 * as canonical JSON (keys sorted), hashed with SHA-256. The same key with another fingerprint is
 * IDEMPOTENCY_KEY_REUSED. Hashed, so the store never holds the input itself (webhook URLs).
 */
export function fingerprintOf(operation: string, input: unknown): string {
  return createHash('sha256')
    .update(stringify({ operation, input }) ?? '')
    .digest('base64url');
}
