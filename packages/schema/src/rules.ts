import { z } from 'zod';

// The rules below are ours, beyond Z-API's documented https-only webhooks: they stop input that
// Z-API would accept but that would cost the partner an instance nobody can use or find.

/** Longest callback URL we send; browsers and proxies commonly cap URLs near this length. */
export const MAX_URL_LENGTH = 2048;

// C0 and C1 control characters (exactly Unicode's \p{Cc}, spelled as ranges because the property
// escape is several times slower): invisible in every UI, so a name holding one cannot be found
// again by a person.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL_CHARACTERS = /^[^\x00-\x1F\x7F-\x9F]*$/;

/** A display text: no control characters, at most `max` characters after trimming. */
export function displayText(max: number) {
  return z
    .string({ error: textTypeError })
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .regex(NO_CONTROL_CHARACTERS, { error: 'must not contain control characters' });
}

/** An absolute `https:` URL without credentials, as Z-API accepts for every webhook. */
export function httpsUrl() {
  return (
    z
      .string({ error: textTypeError })
      .max(MAX_URL_LENGTH, { error: `must be at most ${MAX_URL_LENGTH} characters`, abort: true })
      .regex(/^https:\/\//, { error: 'must be an https:// URL', abort: true })
      // One URL parse serves every remaining rule: the check is on the hot path of every create.
      .check((ctx) => {
        const reason = urlProblem(ctx.value);
        if (reason) ctx.issues.push({ code: 'custom', message: reason, input: ctx.value });
      })
  );
}

function urlProblem(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\s\x00-\x1F\x7F-\x9F]/.test(value)) return 'must not contain spaces or control characters';
  const url = URL.parse(value);
  if (url === null || url.protocol !== 'https:' || url.hostname.length === 0) {
    return 'must be a valid absolute https:// URL';
  }
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  return undefined;
}

function textTypeError(issue: { input?: unknown }): string {
  return issue.input === undefined ? 'is required' : 'must be a text';
}

/** An instance id or token as it appears in a URL path: nothing that could change the path. */
export function pathSegment(what: string) {
  return z
    .string({ error: textTypeError })
    .min(1, { error: 'is required' })
    .max(256, { error: 'must be at most 256 characters' })
    .regex(/^[A-Za-z0-9_-]+$/, { error: `must be a Z-API ${what} (letters, digits, - and _)` });
}
