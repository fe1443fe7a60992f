import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EPOCH_MILLIS_FROM,
  UNREADABLE,
  readChoice,
  readCount,
  readDate,
  readFlag,
  readText,
} from './answer-values.js';

// Whole seconds from 2000 to 2100, as Z-API's dates are: every form can carry them exactly.
const instant = fc
  .integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 })
  .map((seconds) => seconds * 1000);
const offsetMinutes = fc.integer({ min: -14 * 60, max: 14 * 60 });

function isoAtOffset(millis: number, offset: number): string {
  const local = new Date(millis + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

describe('readDate', () => {
  it('reads epoch ms and seconds, as numbers and digit strings, and ISO-8601, to one instant', () => {
    fc.assert(
      fc.property(instant, offsetMinutes, (millis, offset) => {
        const iso = new Date(millis).toISOString();
        const forms = [
          millis,
          String(millis),
          millis / 1000,
          String(millis / 1000),
          iso,
          iso.replace('.000Z', 'Z'),
          iso.replace('Z', ''), // no zone: read as UTC
          iso.replace('T', ' '),
          isoAtOffset(millis, offset),
          isoAtOffset(millis, offset).replace(/:(\d\d)$/, '$1'),
          ` ${String(millis)} `,
        ];
        for (const form of forms) expect(readDate(form), String(form)).toEqual(new Date(millis));
      }),
    );
  });

  it('reads a date without a time as midnight UTC', () => {
    expect(readDate('2026-11-25')).toEqual(new Date(Date.UTC(2026, 10, 25)));
  });

  it('tells seconds from milliseconds at EPOCH_MILLIS_FROM', () => {
    expect(readDate(EPOCH_MILLIS_FROM - 1)).toEqual(new Date((EPOCH_MILLIS_FROM - 1) * 1000));
    expect(readDate(EPOCH_MILLIS_FROM)).toEqual(new Date(EPOCH_MILLIS_FROM));
    expect(readDate(1_700_000_000.5)).toEqual(new Date(1_700_000_000_500));
  });

  it('reads "", 0, null and absence as no date', () => {
    for (const none of ['', '  ', 0, '0', null, undefined]) expect(readDate(none)).toBeNull();
  });

  it('says UNREADABLE for what is not a date, never a wrong date', () => {
    for (const bad of [
      'tomorrow',
      '2024-02-30',
      '2024-13-01',
      '2024-01-01T25:00:00Z',
      '0099-01-01',
      '2024-01-01T00:00:00+25:00',
      -1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1e17,
      '12345678901234567',
      true,
      {},
      [],
    ]) {
      expect(readDate(bad), JSON.stringify(bad)).toBe(UNREADABLE);
    }
  });

  it('never throws, and answers a valid Date, null or UNREADABLE for anything', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.string(), fc.double(), fc.date().map(String)),
        (value) => {
          const read = readDate(value);
          if (read instanceof Date) expect(Number.isNaN(read.getTime())).toBe(false);
          else expect([null, UNREADABLE]).toContain(read);
        },
      ),
    );
  });
});

describe('the other readers', () => {
  it('readFlag takes booleans, "true"/"false" in any case and 1/0', () => {
    for (const yes of [true, 'true', ' TRUE ', 1, '1']) expect(readFlag(yes)).toBe(true);
    for (const no of [false, 'false', 'False', 0, '0']) expect(readFlag(no)).toBe(false);
    for (const none of [null, undefined, '']) expect(readFlag(none)).toBeNull();
    for (const bad of ['yes', 2, {}, []]) expect(readFlag(bad)).toBe(UNREADABLE);
  });

  it('readText writes numbers and booleans out, and refuses objects', () => {
    expect(readText('x')).toBe('x');
    expect(readText(12)).toBe('12');
    expect(readText(false)).toBe('false');
    expect(readText(null)).toBeNull();
    expect(readText({ a: 1 })).toBe(UNREADABLE);
  });

  it('readCount takes whole numbers 0 or more, also as digit strings', () => {
    fc.assert(
      fc.property(fc.nat(), (count) => {
        expect(readCount(count)).toBe(count);
        expect(readCount(String(count))).toBe(count);
      }),
    );
    for (const bad of [-1, 1.5, '1.5', 'ten', {}]) expect(readCount(bad)).toBe(UNREADABLE);
    expect(readCount('')).toBeNull();
  });

  it('readChoice takes its words in any case', () => {
    const read = readChoice(['web', 'mobile']);
    expect(read(' Mobile ')).toBe('mobile');
    expect(read('desktop')).toBe(UNREADABLE);
    expect(read(null)).toBeNull();
  });
});
