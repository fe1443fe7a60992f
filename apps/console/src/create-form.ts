import fields from './create-fields.json';

/** One field of the create form, as @zapikit/schema describes it (create-fields.json). */
export interface CreateField {
  name: string;
  required: boolean;
  kind: 'name' | 'url' | 'text' | 'flag';
  description: string;
  descriptionPtBr: string;
  maxLength?: number;
}

/** The form's fields, in the schema's order. */
export const CREATE_FIELDS = fields as readonly CreateField[];

export type FormValues = Record<string, string | boolean>;

/** Why a field is refused before sending, as a catalogue key. */
export type FieldProblem = 'required' | 'tooLong' | 'notHttps';

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');
}

/**
 * The same rules the gateway applies, checked while typing so most mistakes never leave the
 * page: required, at most maxLength, webhooks https (plain http to loopback on the sandbox, as
 * the gateway allows there). The gateway's userErrors remain the authority.
 */
export function checkField(
  field: CreateField,
  value: string | boolean | undefined,
  sandbox: boolean,
): FieldProblem | undefined {
  if (field.kind === 'flag') return undefined;
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return field.required ? 'required' : undefined;
  if (field.maxLength !== undefined && text.length > field.maxLength) return 'tooLong';
  if (field.kind === 'url') {
    try {
      const url = new URL(text);
      if (url.protocol === 'https:') return undefined;
      if (sandbox && url.protocol === 'http:' && isLoopback(url.hostname)) return undefined;
      return 'notHttps';
    } catch {
      return 'notHttps';
    }
  }
  return undefined;
}

/** Every field's problem, by field name; empty when the form may be sent. */
export function checkForm(values: FormValues, sandbox: boolean): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const field of CREATE_FIELDS) {
    const problem = checkField(field, values[field.name], sandbox);
    if (problem) problems[field.name] = problem;
  }
  return problems;
}

/** The createInstance input: trimmed text, empty text left out, flags only when ticked. */
export function toInput(values: FormValues): Record<string, string | boolean> {
  const input: Record<string, string | boolean> = {};
  for (const field of CREATE_FIELDS) {
    const value = values[field.name];
    if (field.kind === 'flag') {
      if (value === true) input[field.name] = true;
    } else if (typeof value === 'string' && value.trim() !== '') {
      input[field.name] = value.trim();
    }
  }
  return input;
}

/**
 * One idempotency key per submission: the same input sent again (a double click, a retry after
 * a lost answer) carries the same key, so the gateway creates at most once; a changed input is
 * a new submission with a new key. `settle()` after a definite answer starts afresh.
 */
export class SubmissionKeys {
  #fingerprint: string | undefined;
  #key: string | undefined;
  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  /** The key for this input: the last one while the input is unchanged. */
  keyFor(input: unknown): string {
    const fingerprint = JSON.stringify(input);
    if (this.#key === undefined || fingerprint !== this.#fingerprint) {
      this.#fingerprint = fingerprint;
      this.#key = this.newKey();
    }
    return this.#key;
  }

  /** The submission got a definite answer: the next one gets a new key. */
  settle(): void {
    this.#key = undefined;
    this.#fingerprint = undefined;
  }
}
