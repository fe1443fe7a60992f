// Property tests over whole Z-API answers: whatever Z-API puts in an optional field, or leaves
// out, or adds, an answer whose required fields are valid is read; one missing them is refused,
// naming the field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAnswer } from './answer-reading.js';
import {
  UNREADABLE,
  readChoice,
  readCount,
  readDate,
  readFlag,
  readText,
  type ValueReader,
} from './answer-values.js';
import { CreateInstanceResponse } from './create-instance.js';
import { InstanceStatus } from './lifecycle.js';
import { InstanceListPage, MIDDLEWARES } from './list-instances.js';

const dateForms = fc.oneof(
  fc
    .integer({ min: 946_684_800, max: 4_102_444_800 })
    .chain((seconds) =>
      fc.constantFrom<unknown>(
        seconds,
        String(seconds),
        seconds * 1000,
        String(seconds * 1000),
        new Date(seconds * 1000).toISOString(),
        new Date(seconds * 1000).toISOString().replace('Z', ''),
      ),
    ),
  fc.constantFrom<unknown>('', null),
);
const flagForms = fc.constantFrom<unknown>(true, false, 'true', 'FALSE', 1, 0, null, '');

// An optional field: a plausible form, garbage of any JSON kind, or absent (undefined).
const optional = (plausible: fc.Arbitrary<unknown>) =>
  fc.oneof(plausible, fc.jsonValue(), fc.constant(undefined));

const ITEM_FIELDS: Record<string, [ValueReader<unknown>, fc.Arbitrary<unknown>]> = {
  tenant: [readText, fc.string()],
  created: [readDate, dateForms],
  due: [readDate, dateForms],
  paymentStatus: [readText, fc.constantFrom('TRIAL', 'PAID', 'CANCELED')],
  receivedCallbackUrl: [readText, fc.webUrl()],
  receivedStatusCallbackUrl: [readText, fc.constant(null)],
  phoneConnected: [readFlag, flagForms],
  whatsappConnected: [readFlag, flagForms],
  middleware: [readChoice(MIDDLEWARES), fc.constantFrom('web', 'mobile', 'WEB')],
};
const COUNTERS = ['total', 'totalPage', 'pageSize', 'page'] as const;

const knownKeys = new Set([
  ...Object.keys(ITEM_FIELDS),
  'id',
  'name',
  'token',
  'content',
  ...COUNTERS,
]);
const extras = fc.dictionary(
  fc.string({ minLength: 1 }).filter((key) => !knownKeys.has(key) && key !== '__proto__'),
  fc.jsonValue(),
  { maxKeys: 3 },
);

// Builds an object from generated fields, leaving out those generated as undefined (absent).
function present(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

const item = fc
  .record({
    id: fc.stringMatching(/^[0-9A-F]{32}$/),
    name: fc.string(),
    token: fc.stringMatching(/^[0-9A-F]{24}$/),
    optional: fc.record(
      Object.fromEntries(
        Object.entries(ITEM_FIELDS).map(([key, [, plausible]]) => [key, optional(plausible)]),
      ),
    ),
    extra: extras,
  })
  .map(({ id, name, token, optional: fields, extra }) => ({
    ...extra,
    id,
    name,
    token,
    ...present(fields),
  }));

const page = fc
  .record({
    counters: fc.record(
      Object.fromEntries(
        COUNTERS.map((key) => [key, optional(fc.oneof(fc.nat(), fc.nat().map(String)))]),
      ),
    ),
    content: fc.array(item, { maxLength: 5 }),
    extra: extras,
  })
  .map(({ counters, content, extra }) => ({ ...extra, ...present(counters), content }));

// Which fields an answer's lenient reading must drop: those the readers cannot read.
function unreadable(
  fields: Record<string, unknown>,
  readers: Record<string, ValueReader<unknown>>,
) {
  return Object.keys(readers).filter(
    (key) => key in fields && readers[key]!(fields[key]) === UNREADABLE,
  );
}
const itemReaders = Object.fromEntries(
  Object.entries(ITEM_FIELDS).map(([key, [read]]) => [key, read]),
);
const counterReaders = Object.fromEntries(COUNTERS.map((key) => [key, readCount]));

describe('a list page', () => {
  it('is always read while its required fields are valid; unknown fields are kept; exactly the unreadable fields are dropped', () => {
    fc.assert(
      fc.property(page, (generated) => {
        // What arrives is JSON: compare against the wire form, where -0 has become 0.
        const answer = JSON.parse(JSON.stringify(generated)) as typeof generated;
        const read = readAnswer(InstanceListPage, answer);
        expect(read.success).toBe(true);
        if (!read.success) return;
        const expected = [
          ...unreadable(answer, counterReaders).map((key) => [key]),
          ...answer.content.flatMap((entry, index) =>
            unreadable(entry, itemReaders).map((key) => ['content', index, key]),
          ),
        ];
        expect(read.dropped.map((field) => field.path)).toEqual(expected);
        for (const [index, entry] of answer.content.entries()) {
          const parsed = read.data.content[index]!;
          expect(parsed).toMatchObject({ id: entry.id, name: entry.name, token: entry.token });
          for (const key of Object.keys(entry).filter((k) => !knownKeys.has(k))) {
            expect(parsed[key]).toEqual(entry[key as keyof typeof entry]);
          }
          for (const key of ['created', 'due'] as const) {
            const value = parsed[key];
            expect(value === null || value === undefined || value instanceof Date).toBe(true);
          }
        }
      }),
    );
  });

  it('is refused when an item lacks id, token or name, naming the field', () => {
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.constantFrom('id', 'token', 'name'),
        (content, at, field) => {
          const index = at % content.length;
          const broken = content.map((entry, i) => {
            if (i !== index) return entry;
            const { [field]: _gone, ...rest } = entry;
            return rest;
          });
          const read = readAnswer(InstanceListPage, { content: broken });
          expect(read.success).toBe(false);
          if (read.success) return;
          expect(read.problems.map((p) => p.message)).toContain(
            `content.${index}.${field} is required`,
          );
        },
      ),
    );
  });

  it('is refused without content', () => {
    const read = readAnswer(InstanceListPage, { total: 0, totalPage: 0, pageSize: 20, page: 1 });
    expect(read.success ? [] : read.problems.map((p) => p.message)).toEqual([
      'content is required',
    ]);
  });
});

describe('a status', () => {
  const connectedForms = fc.constantFrom<[unknown, boolean]>(
    [true, true],
    [false, false],
    ['true', true],
    ['False', false],
    [1, true],
    ['0', false],
  );

  it('reads connected in its plausible forms, whatever the other fields hold', () => {
    fc.assert(
      fc.property(
        connectedForms,
        optional(fc.string()),
        optional(flagForms),
        extras,
        ([connected, expected], error, smartphoneConnected, extra) => {
          const answer = { ...extra, ...present({ connected, error, smartphoneConnected }) };
          const read = readAnswer(InstanceStatus, answer);
          expect(read.success).toBe(true);
          if (!read.success) return;
          expect(read.data.connected).toBe(expected);
          expect(read.dropped.map((field) => field.path)).toEqual(
            unreadable(answer, { error: readText, smartphoneConnected: readFlag }).map((key) => [
              key,
            ]),
          );
        },
      ),
    );
  });

  it('is refused when connected is missing or not true or false', () => {
    const problems = (answer: unknown) => {
      const read = readAnswer(InstanceStatus, answer);
      return read.success ? [] : read.problems.map((p) => p.message);
    };
    expect(problems({ error: 'x' })).toEqual(['connected is required']);
    expect(problems({ connected: 'maybe' })).toEqual(['connected must be true or false']);
  });
});

describe('a create answer', () => {
  it('is read whatever due holds, and refused without id or token, naming it', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9A-F]{32}$/),
        fc.stringMatching(/^[0-9A-F]{24}$/),
        optional(dateForms),
        extras,
        fc.constantFrom('id', 'token'),
        (id, token, due, extra, required) => {
          const answer = { ...extra, ...present({ id, token, due }) };
          const read = readAnswer(CreateInstanceResponse, answer);
          expect(read.success).toBe(true);
          if (!read.success) return;
          expect(read.data).toMatchObject({ id, token });
          const expected = readDate(due);
          expect(read.data.due ?? null).toEqual(expected === UNREADABLE ? null : expected);
          expect(read.dropped).toHaveLength(expected === UNREADABLE ? 1 : 0);

          const { [required]: _gone, ...without } = answer;
          const refused = readAnswer(CreateInstanceResponse, without);
          expect(refused.success ? [] : refused.problems.map((p) => p.message)).toEqual([
            `${required} is required`,
          ]);
        },
      ),
    );
  });
});
