import { Locale } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  CATALOGUES,
  en,
  guildMessages,
  memberMessages,
  messagesFor,
  ptBR,
  type Messages,
} from './index.js';

type Sentence = (params?: Record<string, unknown>) => string;

/** Every sentence of a catalogue by its dotted key (`list.title`), and every other value. */
function leaves(node: unknown, prefix = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'object' && value !== null) {
      for (const [inner, leaf] of leaves(value, path)) found.set(inner, leaf);
    } else {
      found.set(path, value);
    }
  }
  return found;
}

const english = leaves(en);
const portuguese = leaves(ptBR);
const sentenceKeys = [...english]
  .filter(([, value]) => typeof value === 'function')
  .map(([k]) => k);

// Parameter values that no sentence holds by itself, recognisable however a locale groups them.
const MARKER_BASE = 987_650;

/**
 * Renders a sentence with parameters that record which ones it reads. Each parameter is its own
 * marker number, which both texts and numbers can carry: a sentence that shows a parameter shows
 * its marker, grouped as its locale groups digits ("987,651", "987.651") or not.
 */
function render(sentence: Sentence): { text: string; read: string[]; shown: string[] } {
  const markers = new Map<number, string>();
  const params = new Proxy(
    {},
    {
      get(_, key) {
        if (typeof key !== 'string') return undefined;
        const existing = [...markers].find(([, name]) => name === key);
        if (existing) return existing[0];
        const marker = MARKER_BASE + markers.size;
        markers.set(marker, key);
        return marker;
      },
    },
  );
  const text = sentence(params);
  expect(typeof text).toBe('string');
  expect(text.trim()).not.toBe('');
  const shown = [...text.matchAll(/\d{1,3}(?:[.,\u00a0\u202f]\d{3})+|\d+/g)]
    .map((match) => markers.get(Number(match[0].replace(/\D/g, ''))))
    .filter((name) => name !== undefined);
  return { text, read: [...markers.values()].sort(), shown: [...new Set(shown)].sort() };
}

describe('the message catalogues', () => {
  it('hold the same sentences in every language, and nothing else', () => {
    for (const catalogue of Object.values(CATALOGUES)) {
      const keys = leaves(catalogue);
      expect([...keys.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, value] of keys) expect(typeof value, key).toBe(typeof english.get(key));
    }
  });

  it.each(sentenceKeys)('%s uses the same parameters in English and Portuguese', (key) => {
    const inEnglish = render(english.get(key) as Sentence);
    const inPortuguese = render(portuguese.get(key) as Sentence);
    expect(inPortuguese.read, 'parameters read').toEqual(inEnglish.read);
    expect(inPortuguese.shown, 'parameters shown').toEqual(inEnglish.shown);
  });

  // Words Portuguese borrows as they are; anything else left in English is a missed translation.
  const SAME_IN_BOTH = new Set(['common.fieldId', 'common.qrCodeButton']);

  it('translate every sentence but the few words Portuguese shares with English', () => {
    const untranslated = sentenceKeys.filter(
      (key) =>
        !SAME_IN_BOTH.has(key) &&
        render(english.get(key) as Sentence).text === render(portuguese.get(key) as Sentence).text,
    );
    expect(untranslated).toEqual([]);
  });

  it('format numbers for each locale', () => {
    expect(en.list.title({ page: 2, pages: 1_234, total: 12_345 })).toBe(
      'Instances: page 2 of 1,234 (12,345 in all)',
    );
    expect(ptBR.list.title({ page: 2, pages: 1_234, total: 12_345 })).toBe(
      'Instâncias: página 2 de 1.234 (12.345 no total)',
    );
    expect(ptBR.reasons.atMostCharacters({ max: 2048 })).toBe(
      'precisa ter no máximo 2.048 caracteres',
    );
    expect(ptBR.reasons.atMostCharacters({ max: 1 })).toBe('precisa ter no máximo 1 caractere');
    expect(en.create.drainedCheck({ name: 'x', minutes: 1 })).toMatch(/for 1 minute meanwhile/);
    // Waits read in whole minutes when they are some, else in seconds, counted per locale.
    expect(en.connect.timedOut({ name: 'x', id: 'i', seconds: 300 })).toMatch(/within 5 minutes\./);
    expect(ptBR.connect.timedOut({ name: 'x', id: 'i', seconds: 60 })).toMatch(/em 1 minuto\./);
    expect(en.events.disconnectedNote({ seconds: 1 })).toMatch(/after 1 second\./);
    expect(ptBR.events.disconnectedNote({ seconds: 90 })).toMatch(/após 90 segundos\./);
    expect(ptBR.events.disconnectedNote({ seconds: 1_230 })).toMatch(/após 1\.230 segundos\./);
  });
});

describe('messagesFor', () => {
  it('answers Portuguese to pt-BR and English to every other locale', () => {
    expect(messagesFor(Locale.PortugueseBR)).toBe(ptBR);
    for (const locale of [
      Locale.EnglishUS,
      Locale.EnglishGB,
      Locale.SpanishES,
      'xx',
      undefined,
      null,
    ]) {
      expect(messagesFor(locale)).toBe(en);
    }
  });

  it('reads the member from an interaction and the server from a guild', () => {
    expect(memberMessages({ locale: 'pt-BR' })).toBe(ptBR);
    expect(memberMessages({ locale: 'en-US' })).toBe(en);
    expect(guildMessages({ preferredLocale: 'pt-BR' })).toBe(ptBR);
    expect(guildMessages(null)).toBe(en);
  });
});

// Compile-time checks (the package's typecheck runs over tests): a Portuguese catalogue missing
// a sentence, or giving one a parameter of another type, does not compile.
const { empty: _empty, ...listWithoutEmpty } = ptBR.list;
// @ts-expect-error: `list.empty` is missing
export const incomplete: Messages = { ...ptBR, list: listWithoutEmpty };
export const mistyped: Messages = {
  ...ptBR,
  // @ts-expect-error: `page` is a number
  list: { ...ptBR.list, noSuchPage: (p: { page: string }) => `Não existe a página ${p.page}.` },
};
