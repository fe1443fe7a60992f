import { z } from 'zod';
import { UNREADABLE, type ValueReader } from './answer-values.js';
import { validate, type Problem } from './problems.js';

// Every answer schema is built twice from one description. The `lenient` build is the public
// schema: an optional field it cannot read becomes null and bumps `droppedSoFar`, nothing else,
// so a valid answer pays one comparison. Only when that counter moved does `readAnswer` parse the
// same input with the `reporting` build, whose optional fields fail where the lenient ones dropped
// a value: zod's issue paths then name each dropped field (content.3.created) for free.

/** Which build of an answer schema a shape is for. */
export type FieldMode = 'lenient' | 'reporting';

// Parsing is synchronous, so this counter moves only inside the parse that readAnswer watches.
let droppedSoFar = 0;
const reportingBuilds = new WeakMap<z.ZodType, z.ZodType>();

/** An optional answer field: read by `read`, null when unreadable (never a failure). */
export function optionalField<T>(mode: FieldMode, read: ValueReader<T>, expected: string) {
  const lenient = (value: unknown): T | null => {
    const result = read(value);
    if (result !== UNREADABLE) return result;
    droppedSoFar += 1;
    return null;
  };
  const reporting = (value: unknown, ctx: z.core.$RefinementCtx): T | null => {
    const result = read(value);
    if (result !== UNREADABLE) return result;
    ctx.issues.push({ code: 'custom', message: `is not ${expected}`, input: value });
    return null;
  };
  return z
    .unknown()
    .transform(mode === 'lenient' ? lenient : reporting)
    .optional();
}

/** A field the call cannot do without, read as leniently as `read` allows but never dropped. */
export function requiredField<T>(read: ValueReader<T>, expected: string) {
  return z.unknown().transform((value, ctx): T => {
    const result = read(value);
    if (result !== null && result !== UNREADABLE) return result;
    ctx.issues.push({
      code: 'custom',
      message: value === undefined || value === null ? 'is required' : `must be ${expected}`,
      input: value,
    });
    return z.NEVER;
  });
}

/** Builds an answer schema from its description in both modes; the lenient build is returned. */
export function answerSchema<S extends z.ZodType>(build: (mode: FieldMode) => S): S {
  const lenient = build('lenient');
  reportingBuilds.set(lenient, build('reporting'));
  return lenient;
}

/** The JSON kind of a value, which is all a log may say of it: answers carry tokens. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** An optional field of an answer that could not be read and was read as null. */
export interface DroppedField {
  /** Where it was, e.g. `['content', 3, 'created']`. */
  path: (string | number)[];
  /** What kind of value it held (never the value). */
  kind: ValueKind;
}

/** The outcome of {@link readAnswer}: the answer and the fields dropped, or every problem found. */
export type AnswerReading<T> =
  | { success: true; data: T; dropped: readonly DroppedField[] }
  | { success: false; problems: Problem[] };

const NOTHING_DROPPED: readonly DroppedField[] = Object.freeze([]);

/**
 * Parses a Z-API answer with one of this package's answer schemas. Fails only on the fields a call
 * needs; every optional field it could not read comes back as null and is listed in `dropped`.
 */
export function readAnswer<S extends z.ZodType>(
  schema: S,
  input: unknown,
): AnswerReading<z.output<S>> {
  const before = droppedSoFar;
  const result = validate(schema, input);
  if (!result.success) return result;
  if (droppedSoFar === before)
    return { success: true, data: result.data, dropped: NOTHING_DROPPED };
  return { success: true, data: result.data, dropped: droppedFields(schema, input) };
}

function droppedFields(schema: z.ZodType, input: unknown): DroppedField[] {
  const reporting = reportingBuilds.get(schema);
  const parsed = reporting?.safeParse(input);
  // A schema built without answerSchema cannot say where: report the answer as a whole.
  if (!parsed) return [{ path: [], kind: kindOf(input) }];
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    return { path, kind: kindOf(valueAt(input, path)) };
  });
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = Reflect.get(value, key);
  }
  return value;
}

function kindOf(value: unknown): ValueKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}
