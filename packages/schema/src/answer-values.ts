// Readers for the optional values of Z-API's answers. Z-API documents few of their forms (its list
// page shows `"created": ""`), so each reader takes every plausible form and says UNREADABLE for
// the rest instead of failing: a field the toolkit does not need must never fail a call.

/** What a reader answers for a value it cannot read; the caller turns it into null. */
export const UNREADABLE: unique symbol = Symbol('unreadable');

/** Reads one value of an answer: the value, null when there is none, or UNREADABLE. */
export type ValueReader<T> = (value: unknown) => T | null | typeof UNREADABLE;

/**
 * Epoch numbers below this are seconds, from it on milliseconds. 1e11 seconds is the year 5138 and
 * 1e11 milliseconds is 1973-03-03, so every date Z-API can mean (2019 on) reads right either way.
 */
export const EPOCH_MILLIS_FROM = 100_000_000_000;

// Largest time a Date holds (ECMAScript: ±8.64e15 ms).
const MAX_DATE_MS = 8.64e15;
const EPOCH_NUMBER = /^\d{1,16}(?:\.\d{1,9})?$/;
// ISO-8601 as APIs write it: a date, optionally a time (T or space) and a zone (Z, ±HH, ±HHMM,
// ±HH:MM). Without a zone the time is read as UTC, so a reading never depends on the server's.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Reads a date: ISO-8601 (with or without a zone, UTC when none), epoch seconds or milliseconds as
 * a number or a digit string (told apart by {@link EPOCH_MILLIS_FROM}); `''`, `0` and null are no
 * date.
 */
export const readDate: ValueReader<Date> = (value) => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return UNREADABLE;
  const text = value.trim();
  if (text === '') return null;
  if (EPOCH_NUMBER.test(text)) return fromEpoch(Number(text));
  return fromIso(text);
};

function fromEpoch(epoch: number): Date | null | typeof UNREADABLE {
  if (!Number.isFinite(epoch) || epoch < 0) return UNREADABLE;
  // 0 is how such APIs write "never set"; 1970 is never a Z-API date.
  if (epoch === 0) return null;
  const millis = Math.round(epoch < EPOCH_MILLIS_FROM ? epoch * 1000 : epoch);
  return millis > MAX_DATE_MS ? UNREADABLE : new Date(millis);
}

function fromIso(text: string): Date | typeof UNREADABLE {
  const match = ISO_8601.exec(text);
  if (!match) return UNREADABLE;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [hour, minute, second] = [
    Number(match[4] ?? 0),
    Number(match[5] ?? 0),
    Number(match[6] ?? 0),
  ];
  if (hour > 23 || minute > 59 || second > 59) return UNREADABLE;
  const millis = Math.round(Number(`0.${match[7] ?? '0'}`) * 1000);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const date = new Date(utc);
  // Date.UTC rolls 2024-02-30 over into March (and years 0-99 into the 1900s): a date that moved
  // was not a real one.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return UNREADABLE;
  }
  const offset = zoneOffsetMinutes(match[8]);
  return offset === undefined ? UNREADABLE : new Date(utc - offset * 60_000);
}

function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

const TRUE_WORDS = new Set(['true', '1']);
const FALSE_WORDS = new Set(['false', '0']);

/** Reads true or false: booleans, `"true"`/`"false"` in any case, 1/0 and `"1"`/`"0"`. */
export const readFlag: ValueReader<boolean> = (value) => {
  if (typeof value === 'boolean') return value;
  if (value === null || value === undefined) return null;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return UNREADABLE;
  const word = value.trim().toLowerCase();
  if (word === '') return null;
  if (TRUE_WORDS.has(word)) return true;
  return FALSE_WORDS.has(word) ? false : UNREADABLE;
};

/** Reads a text: strings as they are, numbers and booleans written out. */
export const readText: ValueReader<string> = (value) => {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return UNREADABLE;
};

/** Reads a count: a whole number 0 or more, as a number or a digit string. */
export const readCount: ValueReader<number> = (value) => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    return /^\d{1,15}$/.test(text) ? Number(text) : UNREADABLE;
  }
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? value
    : UNREADABLE;
};

/** A reader for one of a few words, in any case and with surrounding white space. */
export function readChoice<const T extends string>(choices: readonly T[]): ValueReader<T> {
  return (value) => {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') return UNREADABLE;
    const word = value.trim().toLowerCase();
    if (word === '') return null;
    return choices.find((choice) => choice === word) ?? UNREADABLE;
  };
}

/** Reads a list of texts: an array of texts (numbers written out), or one text alone. */
export const readTextList: ValueReader<string[]> = (value) => {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) {
    const one = readText(value);
    return one === UNREADABLE || one === null ? one : [one];
  }
  const texts: string[] = [];
  for (const item of value as unknown[]) {
    const text = readText(item);
    if (text === UNREADABLE) return UNREADABLE;
    if (text !== null) texts.push(text);
  }
  return texts;
};
