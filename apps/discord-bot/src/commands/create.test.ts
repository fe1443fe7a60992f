import { CreateInstanceInput, createInstanceFields } from '@zapikit/schema';
import { ApplicationCommandOptionType, type APIApplicationCommandBasicOption } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createCommand, optionFor } from './create.js';
import {
  CREATE_FIELD_NAMES,
  CREATE_OPTION_NAMES,
  SHORTENED_OPTION_NAMES,
  kebabCase,
  optionNameOf,
} from './option-names.js';

const options = (createCommand.data.options ?? []) as APIApplicationCommandBasicOption[];

describe('/zapi-create options, generated from the schema', () => {
  it('has exactly one option per schema field, and one field per option', () => {
    const fields = Object.keys(CreateInstanceInput.shape);
    expect(options).toHaveLength(fields.length);
    const fieldsBack = options.map((option) => CREATE_FIELD_NAMES.get(option.name));
    expect([...fieldsBack].sort()).toEqual([...fields].sort());
    expect(new Set(options.map((option) => option.name)).size).toBe(options.length);
  });

  it('puts name first and required, then the rest in the schema order', () => {
    expect(options[0]).toMatchObject({ name: 'name', required: true, min_length: 1 });
    const rest = createInstanceFields
      .filter((field) => !field.required)
      .map((field) => optionNameOf(field.name));
    expect(options.slice(1).map((option) => option.name)).toEqual(rest);
    expect(options.slice(1).every((option) => option.required === false)).toBe(true);
  });

  it('takes types, lengths and both languages from each field', () => {
    for (const field of createInstanceFields) {
      const option = options.find(
        (candidate) => candidate.name === CREATE_OPTION_NAMES.get(field.name),
      );
      expect(option, field.name).toBeDefined();
      expect(option).toMatchObject({
        description: field.description,
        description_localizations: { 'pt-BR': field.descriptionPtBr },
        required: field.required,
        type:
          field.kind === 'flag'
            ? ApplicationCommandOptionType.Boolean
            : ApplicationCommandOptionType.String,
      });
      if (field.kind !== 'flag') expect(option).toMatchObject({ max_length: field.maxLength });
    }
    expect(options.find((option) => option.name === 'call-reject-message')).toMatchObject({
      max_length: 500,
    });
    expect(options.find((option) => option.name === 'delivery-callback-url')).toMatchObject({
      max_length: 2048,
    });
  });

  it('derives kebab-case names and shortens only the declared ones, which need it', () => {
    expect(kebabCase('deliveryCallbackUrl')).toBe('delivery-callback-url');
    for (const [field, short] of Object.entries(SHORTENED_OPTION_NAMES)) {
      expect(field in CreateInstanceInput.shape, `${field} is a schema field`).toBe(true);
      expect(kebabCase(field).length, `${field} needs shortening`).toBeGreaterThan(32);
      expect(short.length).toBeLessThanOrEqual(32);
      expect(CREATE_OPTION_NAMES.get(field)).toBe(short);
    }
    for (const field of createInstanceFields) {
      if (!(field.name in SHORTENED_OPTION_NAMES))
        expect(CREATE_OPTION_NAMES.get(field.name)).toBe(kebabCase(field.name));
    }
  });

  it('refuses a field whose derived name Discord would not accept', () => {
    expect(() => optionNameOf('aFieldWhoseNameIsFarTooLongForDiscord')).toThrow(
      /SHORTENED_OPTION_NAMES/,
    );
  });

  it('refuses a text field without a length limit', () => {
    expect(() =>
      optionFor({
        name: 'unbounded',
        required: false,
        kind: 'text',
        description: 'x',
        descriptionPtBr: 'x',
      }),
    ).toThrow(/maxLength/);
  });
});
