import type { ZapiErrorCode } from '@zapikit/client';
import type { Problem } from '@zapikit/schema';
import type { Messages } from './i18n/index.js';

/** What a member reads for each failure code the client reports, in their language. */
export function zapiErrorSentence(code: ZapiErrorCode, t: Messages): string {
  return t.errors.zapi[code]();
}

type Reasons = Messages['reasons'];

/**
 * Every reason `@zapikit/schema` words (rules.ts, problems.ts and the fields' own messages), as
 * the English it produces and the catalogue key that says it in any language. The English
 * catalogue repeats each reason exactly: reasons.test.ts renders every produced reason through
 * this table and back.
 */
const REASONS: readonly { pattern: RegExp; say: (t: Reasons, match: RegExpExecArray) => string }[] =
  [
    { pattern: /^is required$/, say: (t) => t.required() },
    { pattern: /^is not a known field$/, say: (t) => t.notKnownField() },
    { pattern: /^is not valid$/, say: (t) => t.notValid() },
    { pattern: /^must be a text$/, say: (t) => t.mustBeText() },
    { pattern: /^must be a number$/, say: (t) => t.mustBeNumber() },
    { pattern: /^must be a whole number$/, say: (t) => t.mustBeWholeNumber() },
    { pattern: /^must be true or false$/, say: (t) => t.mustBeTrueOrFalse() },
    { pattern: /^must be an object$/, say: (t) => t.mustBeObject() },
    { pattern: /^must be a list$/, say: (t) => t.mustBeList() },
    { pattern: /^must be a date$/, say: (t) => t.mustBeDate() },
    { pattern: /^must be true \(calls cannot be removed\)$/, say: (t) => t.mustBeTrueCalls() },
    { pattern: /^must not be empty$/, say: (t) => t.notEmpty() },
    {
      pattern: /^must be at most (\d+) characters$/,
      say: (t, [, max]) => t.atMostCharacters({ max: Number(max) }),
    },
    {
      pattern: /^must be at least (\d+) characters$/,
      say: (t, [, min]) => t.atLeastCharacters({ min: Number(min) }),
    },
    {
      pattern: /^must have at most (\d+) items$/,
      say: (t, [, max]) => t.atMostItems({ max: Number(max) }),
    },
    {
      pattern: /^must have at least (\d+) items$/,
      say: (t, [, min]) => t.atLeastItems({ min: Number(min) }),
    },
    { pattern: /^must be at most (\d+)$/, say: (t, [, max]) => t.atMost({ max: Number(max) }) },
    { pattern: /^must be (\d+) or more$/, say: (t, [, min]) => t.orMore({ min: Number(min) }) },
    {
      pattern: /^must be a multiple of (\d+)$/,
      say: (t, [, divisor]) => t.multipleOf({ divisor: Number(divisor) }),
    },
    { pattern: /^must be one of: (.+)$/, say: (t, [, values = '']) => t.oneOf({ values }) },
    { pattern: /^must be "web" or "mobile"$/, say: (t) => t.webOrMobile() },
    {
      pattern: /^must be a valid (\S+)$/,
      say: (t, [, format = '']) => t.validFormat({ format }),
    },
    { pattern: /^must not contain control characters$/, say: (t) => t.noControlCharacters() },
    {
      pattern: /^must not contain invisible or control characters$/,
      say: (t) => t.noInvisibleCharacters(),
    },
    { pattern: /^must be an https:\/\/ URL$/, say: (t) => t.httpsUrl() },
    {
      pattern: /^must be an https:\/\/ URL \(plain http only to a loopback address\)$/,
      say: (t) => t.httpsOrLoopbackUrl(),
    },
    { pattern: /^must be a valid absolute https:\/\/ URL$/, say: (t) => t.validHttpsUrl() },
    {
      pattern: /^must not contain spaces or control characters$/,
      say: (t) => t.noSpacesInUrl(),
    },
    {
      pattern: /^must not contain a user name or password$/,
      say: (t) => t.noCredentialsInUrl(),
    },
    {
      pattern: /^must be a Z-API instance id \(letters, digits, - and _\)$/,
      say: (t) => t.zapiInstanceId(),
    },
    {
      pattern: /^must be a Z-API instance token \(letters, digits, - and _\)$/,
      say: (t) => t.zapiInstanceToken(),
    },
    {
      pattern: /^must be a phone number in international form, digits only \(5511999999999\)$/,
      say: (t) => t.phoneNumber(),
    },
    { pattern: /^must change at least one webhook$/, say: (t) => t.someWebhook() },
  ];

/**
 * Why a value was refused, in the reader's language: the schema's own Portuguese where it gives
 * one (the name rule does), else the catalogue's words for a reason it knows, else the schema's
 * English, unchanged, for a reason added to the schema since.
 */
export function reasonIn(problem: Pick<Problem, 'reason' | 'reasonPtBr'>, t: Messages): string {
  if (problem.reasonPtBr !== undefined && t.locale === 'pt-BR') return problem.reasonPtBr;
  for (const { pattern, say } of REASONS) {
    const match = pattern.exec(problem.reason);
    if (match) return say(t.reasons, match);
  }
  return problem.reason;
}

/**
 * One line per problem, naming the Discord option (not the schema field) and what is wrong:
 * "`delivery-callback-url`: must be an https URL", in the reader's language.
 */
export function describeOptionProblems(
  problems: readonly Problem[],
  optionNameOf: (field: string) => string | undefined,
  t: Messages,
): string {
  return problems
    .map((problem) => {
      const field = problem.path[0];
      const option = typeof field === 'string' ? optionNameOf(field) : undefined;
      const reason = reasonIn(problem, t);
      if (option !== undefined) return `• \`${option}\`: ${reason}`;
      const path = problem.path.length === 0 ? 'input' : problem.path.join('.');
      return `• ${t.errors.fieldProblem({ field: path, reason })}`;
    })
    .join('\n');
}
