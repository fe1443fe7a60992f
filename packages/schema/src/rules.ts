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

/**
 * Characters that make two names look alike or a name look like something else, by kind:
 * controls (\p{Cc}), bidirectional controls, other format characters such as zero-width ones
 * (\p{Cf}), line and paragraph separators, halves of a broken character (lone surrogates) and
 * U+FFFD, which invalid UTF-8 leaves behind.
 */
const INDISTINCT_CHARACTER = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFD]/u;
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// What trim() removes at the edges, less U+FEFF: a tab or line break around a pasted name is
// dropped as before, while a zero-width no-break space is refused wherever it is.
const EDGE_SPACE =
  /^[\t-\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+|[\t-\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+$/g;
// The same rule as a JSON Schema `pattern` for forms, in the regex dialect every validator reads
// (no Unicode property escapes): controls and the common format characters, not every one.
const NAME_PATTERN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /^[^\x00-\x1F\x7F-\x9F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2028\u2029\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\uFFFD]*$/;
// The common case, printable ASCII, skips the Unicode property scan.
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/** What kind of character a name may not hold; the words for each are below. */
export type IndistinctKind =
  'control' | 'bidi' | 'format' | 'separator' | 'surrogate' | 'replacement';

/** The words for each kind, in English and Brazilian Portuguese. */
export const INDISTINCT_CHARACTER_WORDS: Readonly<
  Record<IndistinctKind, { en: string; ptBr: string }>
> = Object.freeze({
  control: { en: 'a control character', ptBr: 'um caractere de controle' },
  bidi: {
    en: 'a bidirectional control, which reorders the text around it',
    ptBr: 'um controle bidirecional, que reordena o texto ao redor',
  },
  format: {
    en: 'an invisible formatting character (zero-width or similar)',
    ptBr: 'um caractere de formatação invisível (largura zero ou similar)',
  },
  separator: { en: 'a line or paragraph separator', ptBr: 'um separador de linha ou parágrafo' },
  surrogate: {
    en: 'half of a broken character (a lone surrogate)',
    ptBr: 'metade de um caractere quebrado (um surrogate isolado)',
  },
  replacement: {
    en: 'the replacement character, left where the text was not valid UTF-8',
    ptBr: 'o caractere de substituição, deixado onde o texto não era UTF-8 válido',
  },
});

/** The first character of `text` a name may not hold, with its kind; undefined when none. */
export function indistinctCharacter(
  text: string,
): { codePoint: string; kind: IndistinctKind } | undefined {
  if (PRINTABLE_ASCII.test(text)) return undefined;
  const match = INDISTINCT_CHARACTER.exec(text);
  if (!match) return undefined;
  const character = match[0];
  const code = character.codePointAt(0) ?? 0;
  const codePoint = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const kind: IndistinctKind = BIDI_CONTROL.test(character)
    ? 'bidi'
    : code === 0xfffd
      ? 'replacement'
      : code >= 0xd800 && code <= 0xdfff
        ? 'surrogate'
        : code === 0x2028 || code === 0x2029
          ? 'separator'
          : /\p{Cc}/u.test(character)
            ? 'control'
            : 'format';
  return { codePoint, kind };
}

/** Why a text holding `character` is refused, in English and Brazilian Portuguese. */
export function indistinctReason(character: { codePoint: string; kind: IndistinctKind }): {
  en: string;
  ptBr: string;
} {
  const words = INDISTINCT_CHARACTER_WORDS[character.kind];
  return {
    en: `must not contain ${character.codePoint} (${words.en})`,
    ptBr: `não pode conter ${character.codePoint} (${words.ptBr})`,
  };
}

/**
 * A name people must be able to tell apart: none of the characters above (white space around it
 * aside, which is trimmed), in Unicode NFC so that the same name typed two ways is one name (it is
 * compared and sent in that form), 1 to `max` characters.
 */
export function distinctName(max: number) {
  return (
    z
      .string({ error: textTypeError })
      .check((ctx) => {
        const character = indistinctCharacter(ctx.value.replace(EDGE_SPACE, ''));
        if (!character) return;
        const reason = indistinctReason(character);
        ctx.issues.push({
          code: 'custom',
          message: reason.en,
          input: ctx.value,
          params: { reasonPtBr: reason.ptBr, codePoint: character.codePoint },
          abort: true,
        });
      })
      .trim()
      .normalize('NFC')
      .min(1, { error: 'must not be empty' })
      .max(max, { error: `must be at most ${max} characters` })
      // Never fails after the check above; it is there for the JSON Schema.
      .regex(NAME_PATTERN, { error: 'must not contain invisible or control characters' })
  );
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

/**
 * `httpsUrl()`, but also a plain `http:` URL to a loopback address (127.0.0.0/8, ::1, localhost).
 * Only a Z-API on this machine (the sandbox) can reach such a URL, so only a client talking to one
 * sends it: see `withLoopbackWebhooks()`.
 */
export function httpsOrLoopbackUrl() {
  return z
    .string({ error: textTypeError })
    .max(MAX_URL_LENGTH, { error: `must be at most ${MAX_URL_LENGTH} characters`, abort: true })
    .regex(/^https?:\/\//, { error: 'must be an https:// URL', abort: true })
    .check((ctx) => {
      const reason = urlProblem(ctx.value, true);
      if (reason) ctx.issues.push({ code: 'custom', message: reason, input: ctx.value });
    });
}

/** Whether a URL's host name is a loopback address: 127.0.0.0/8, [::1] or localhost. */
export function isLoopbackHostname(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

function urlProblem(value: string, loopbackHttp = false): string | undefined {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\s\x00-\x1F\x7F-\x9F]/.test(value)) return 'must not contain spaces or control characters';
  const url = URL.parse(value);
  const plainToLoopback =
    loopbackHttp && url?.protocol === 'http:' && isLoopbackHostname(url.hostname);
  if (
    url === null ||
    url.hostname.length === 0 ||
    (url.protocol !== 'https:' && !plainToLoopback)
  ) {
    return loopbackHttp && url?.protocol === 'http:'
      ? 'must be an https:// URL (plain http only to a loopback address)'
      : 'must be a valid absolute https:// URL';
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
