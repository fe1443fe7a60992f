import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { format, pickLocale } from './i18n.js';
import { ptBR } from './pt-BR.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the catalogues', () => {
  it('hold the same keys in English and pt-BR', () => {
    expect(Object.keys(ptBR).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages, and no empty sentence', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ptBR[key]), key).toEqual(placeholders(en[key]));
      expect(ptBR[key].trim(), key).not.toBe('');
    }
  });

  it('pick the browser’s language, any Portuguese being pt-BR', () => {
    expect(pickLocale(['pt-PT', 'en'])).toBe('pt-BR');
    expect(pickLocale(['de', 'en-GB'])).toBe('en');
    expect(pickLocale(['fr'])).toBe('en');
    expect(format('pt-BR', 'instancesCount', { shown: 1, total: 2 })).toBe('1 de 2 instâncias');
  });
});
