import { readdirSync, readFileSync } from 'node:fs';
import {
  CreateInstanceInput,
  EnableCallsInput,
  InstanceCredentials,
  ListInstancesInput,
  PairingCodeInput,
  SubscribeInstanceInput,
  UpdateWebhooksInput,
  validate,
  withLoopbackWebhooks,
  type Problem,
} from '@zapikit/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionNameForField } from './commands/option-names.js';
import { en, ptBR } from './i18n/index.js';
import { describeOptionProblems, reasonIn } from './messages.js';

const problemsOf = (schema: z.ZodType, input: unknown): Problem[] => {
  const result = validate(schema, input);
  if (result.success) throw new Error(`${JSON.stringify(input)} was accepted`);
  return result.problems;
};

// Inputs that make the schema package give each reason it words: its rules (rules.ts), the
// fields' own messages, and problems.ts's defaults for checks without a message of their own.
const REFUSED: [string, z.ZodType, unknown][] = [
  ['a missing name', CreateInstanceInput, {}],
  ['a name that is no text', CreateInstanceInput, { name: 5 }],
  ['an empty name', CreateInstanceInput, { name: '  ' }],
  ['a long name', CreateInstanceInput, { name: 'n'.repeat(101) }],
  ['a name with a zero-width space', CreateInstanceInput, { name: 'lo\u200bja' }],
  ['a session name with a control', CreateInstanceInput, { name: 'a', sessionName: 'a\u0007b' }],
  ['an unknown field', CreateInstanceInput, { name: 'a', colour: 'blue' }],
  ['a flag that is no boolean', CreateInstanceInput, { name: 'a', callRejectAuto: 'yes' }],
  [
    'a plain http webhook',
    CreateInstanceInput,
    { name: 'a', deliveryCallbackUrl: 'http://x.example' },
  ],
  [
    'a webhook with a space',
    CreateInstanceInput,
    { name: 'a', deliveryCallbackUrl: 'https://a b' },
  ],
  ['a webhook without a host', CreateInstanceInput, { name: 'a', deliveryCallbackUrl: 'https://' }],
  [
    'a webhook with credentials',
    CreateInstanceInput,
    { name: 'a', deliveryCallbackUrl: 'https://u:p@x.example' },
  ],
  [
    'a very long webhook',
    CreateInstanceInput,
    { name: 'a', deliveryCallbackUrl: `https://x.example/${'a'.repeat(2048)}` },
  ],
  ['a page that is no number', ListInstancesInput, { page: 'one' }],
  ['a fractional page', ListInstancesInput, { page: 1.5 }],
  ['page 0', ListInstancesInput, { page: 0 }],
  ['a huge page size', ListInstancesInput, { pageSize: 10_000 }],
  ['an unknown middleware', ListInstancesInput, { middleware: 'desktop' }],
  ['calls as a text', SubscribeInstanceInput, { withCalls: 'yes' }],
  ['calls removed', EnableCallsInput, { withCalls: false }],
  ['an id and token with a slash', InstanceCredentials, { id: 'a/b', token: 'c/d' }],
  ['a short phone', PairingCodeInput, { phone: '12' }],
  [
    'plain http to a host that is not loopback',
    withLoopbackWebhooks(CreateInstanceInput),
    { name: 'a', deliveryCallbackUrl: 'http://hooks.example/in' },
  ],
  ['no webhook at all', UpdateWebhooksInput, {}],
  ['no object', CreateInstanceInput, 'a'],
  ['no list', z.array(z.string()), 'a'],
  ['no date', z.date(), 'a'],
  ['too many items', z.array(z.string()).max(1), ['a', 'b']],
  ['too few items', z.array(z.string()).min(2), ['a']],
  ['too short a text', z.string().min(3), 'a'],
  ['too big a number', z.number().max(3), 4],
  ['not a multiple', z.number().multipleOf(5), 7],
  ['a value not listed', z.enum(['a', 'b']), 'c'],
  ['a malformed e-mail', z.email(), 'a'],
  ['nothing matching a union', z.union([z.string(), z.number()]), true],
];

const everyProblem = REFUSED.flatMap(([what, schema, input]) =>
  problemsOf(schema, input).map((problem) => [what, problem] as const),
);

describe('reasonIn', () => {
  it.each(everyProblem)('words %s the same in English as the schema does', (_, problem) => {
    expect(reasonIn(problem, en)).toBe(problem.reason);
  });

  it.each(everyProblem)('translates %s into Portuguese', (_, problem) => {
    const translated = reasonIn(problem, ptBR);
    expect(translated).not.toBe(problem.reason);
    if (problem.reasonPtBr !== undefined) expect(translated).toBe(problem.reasonPtBr);
  });

  it('formats the numbers in a reason for the reader', () => {
    const [problem] = problemsOf(CreateInstanceInput, {
      name: 'a',
      deliveryCallbackUrl: `https://x.example/${'a'.repeat(2048)}`,
    });
    expect(problem && reasonIn(problem, ptBR)).toBe('precisa ter no máximo 2.048 caracteres');
  });

  it('keeps a reason it does not know in English', () => {
    expect(reasonIn({ reason: 'must be shiny' }, ptBR)).toBe('must be shiny');
  });
});

// A tripwire for reasons added to the schema later: every reason its source spells out (a
// literal starting "must" or "is"), with each `${…}` taken as a number, is translated, but for
// those only answers from Z-API give (never shown as an option problem) and those built from
// words the inputs above already cover.
const SCHEMA_SOURCE = new URL('../../../packages/schema/src/', import.meta.url);
const NOT_INPUT_REASONS = new Set([
  'must be OK',
  'must be a base64 image data URL',
  'is not 7',
  'must be 7',
  'must be a Z-API 7 (letters, digits, - and _)',
  'must not contain 7 (7)',
]);
const spelledOut = readdirSync(SCHEMA_SOURCE)
  .filter((file) => file.endsWith('.ts') && !file.includes('.test.'))
  .flatMap((file) => [
    ...readFileSync(new URL(file, SCHEMA_SOURCE), 'utf8').matchAll(/(['`])((?:must|is) [^'`]*)\1/g),
  ])
  .map((match) => (match[2] ?? '').replace(/\$\{[^}]*\}/g, '7'))
  .filter((reason) => !NOT_INPUT_REASONS.has(reason));

describe('the reasons spelled out in the schema source', () => {
  it('are found', () => {
    expect(spelledOut).toContain('must not contain a user name or password');
    expect(spelledOut).toContain('must be at most 7 characters');
  });

  it.each([...new Set(spelledOut)])('%s is translated', (reason) => {
    expect(reasonIn({ reason }, en)).toBe(reason);
    expect(reasonIn({ reason }, ptBR)).not.toBe(reason);
  });
});

describe('describeOptionProblems', () => {
  const problems = problemsOf(CreateInstanceInput, {
    name: 'a',
    deliveryCallbackUrl: 'http://insecure.example/hook',
    receivedAndDeliveryCallbackUrl: 'not a url',
  });

  it('names each Discord option, in English', () => {
    expect(describeOptionProblems(problems, optionNameForField, en)).toBe(
      [
        '• `delivery-callback-url`: must be an https:// URL',
        '• `received-delivery-callback-url`: must be an https:// URL',
      ].join('\n'),
    );
  });

  it('names each Discord option, in Portuguese', () => {
    expect(describeOptionProblems(problems, optionNameForField, ptBR)).toBe(
      [
        '• `delivery-callback-url`: precisa ser uma URL https://',
        '• `received-delivery-callback-url`: precisa ser uma URL https://',
      ].join('\n'),
    );
  });

  it('names a field without an option by its path, and an unknown reason in English', () => {
    const odd: Problem[] = [
      { path: ['nested', 0], reason: 'is required', message: 'nested.0 is required' },
      { path: [], reason: 'must be shiny', message: 'input must be shiny' },
    ];
    const none = () => undefined;
    expect(describeOptionProblems(odd, none, en)).toBe(
      '• nested.0 is required\n• input must be shiny',
    );
    expect(describeOptionProblems(odd, none, ptBR)).toBe(
      '• nested.0: é obrigatório\n• input: must be shiny',
    );
  });
});
