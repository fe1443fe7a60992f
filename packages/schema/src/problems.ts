import type { z } from 'zod';

/** One thing wrong with an input: where, and a sentence a person understands. */
export interface Problem {
  /** Path of the field inside the input, e.g. `['receivedCallbackUrl']`; empty for the whole. */
  path: (string | number)[];
  /** What is wrong, without the field's name: "must be an https:// URL". */
  reason: string;
  /** The whole sentence, naming the field: "receivedCallbackUrl must be an https:// URL". */
  message: string;
  /** `reason` in Brazilian Portuguese, where the rule words it (the name rule does). */
  reasonPtBr?: string;
}

/** The outcome of {@link validate}: the parsed value, or every problem found. */
export type Validation<T> = { success: true; data: T } | { success: false; problems: Problem[] };

/** Parses `input` with `schema`, describing each failure as a {@link Problem}. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Validation<z.output<S>> {
  // Parsing with a per-parse error map leaves zod's fast path, so valid input (the hot path)
  // parses without one; only a failure is parsed again to word its problems.
  const fast = schema.safeParse(input);
  if (fast.success) return { success: true, data: fast.data };
  const worded = schema.safeParse(input, { error: defaultReason });
  const issues = worded.success ? fast.error.issues : worded.error.issues;
  return { success: false, problems: issues.flatMap(toProblems) };
}

/** Joins problems into one line for logs and error messages. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((problem) => problem.message).join('; ');
}

function toProblems(issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => problem([...path, key], 'is not a known field'));
  }
  const reasonPtBr =
    issue.code === 'custom' && typeof issue.params?.reasonPtBr === 'string'
      ? issue.params.reasonPtBr
      : undefined;
  return [problem(path, issue.message, reasonPtBr)];
}

function problem(path: (string | number)[], reason: string, reasonPtBr?: string): Problem {
  const field = path.length === 0 ? 'input' : path.join('.');
  return {
    path,
    reason,
    message: `${field} ${reason}`,
    ...(reasonPtBr === undefined ? {} : { reasonPtBr }),
  };
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
};

// Only consulted for checks without a message of their own: those, declared beside each rule,
// take precedence over a per-parse error map in zod 4.
function defaultReason(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${String(issue.maximum)} characters`
        : issue.origin === 'array'
          ? `must have at most ${String(issue.maximum)} items`
          : `must be at most ${String(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? 'must not be empty'
          : `must be at least ${String(issue.minimum)} characters`;
      }
      return issue.origin === 'array'
        ? `must have at least ${String(issue.minimum)} items`
        : `must be ${String(issue.minimum)} or more`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return 'is not valid';
  }
}
