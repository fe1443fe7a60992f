import { z } from 'zod';

/** What kind of value a field holds; surfaces pick a widget or option type from it. */
export const FIELD_KINDS = ['name', 'url', 'text', 'flag'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** Longest description a field may carry: Discord's limit for option descriptions. */
export const MAX_DESCRIPTION_LENGTH = 100;

/** The words that describe a field, declared beside it in the schema. */
export interface FieldMeta {
  /** English, shown by every surface. */
  description: string;
  /** Brazilian Portuguese, shown where the surface is localised (the Discord bot). */
  descriptionPtBr: string;
  kind: FieldKind;
}

// Stored under JSON Schema's `description` and two `x-` extension keywords, so the exported JSON
// Schema carries the same words as the zod schema.
const fieldMetaKeys = z.object({
  description: z.string().min(1).max(MAX_DESCRIPTION_LENGTH),
  'x-pt-BR': z.string().min(1).max(MAX_DESCRIPTION_LENGTH),
  'x-kind': z.enum(FIELD_KINDS),
});

/** Attaches a field's words to its schema; call it last, since later zod calls drop metadata. */
export function described<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  return schema.meta({
    description: meta.description,
    'x-pt-BR': meta.descriptionPtBr,
    'x-kind': meta.kind,
  });
}

/** One field of an object schema, as every surface needs to present it. */
export interface FieldDescription extends FieldMeta {
  name: string;
  required: boolean;
  /** Longest accepted text, for text-like kinds. */
  maxLength?: number;
}

const jsonSchemaObject = z.object({
  properties: z.record(z.string(), z.record(z.string(), z.unknown())),
  required: z.array(z.string()).optional(),
});

/**
 * Lists an object schema's fields with their words and limits, in declaration order. Read from
 * zod's own JSON Schema output, so it reports exactly what validation enforces.
 */
export function describeFields(schema: z.ZodObject): FieldDescription[] {
  const json = jsonSchemaObject.parse(rootDefinition(z.toJSONSchema(schema, { io: 'input' })));
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties).map(([name, property]) => {
    const keys = fieldMetaKeys.safeParse(property);
    if (!keys.success) {
      throw new Error(`Field "${name}" lacks its description metadata: ${keys.error.message}`);
    }
    const maxLength = typeof property.maxLength === 'number' ? property.maxLength : undefined;
    return {
      name,
      required: required.has(name),
      kind: keys.data['x-kind'],
      description: keys.data.description,
      descriptionPtBr: keys.data['x-pt-BR'],
      ...(maxLength === undefined ? {} : { maxLength }),
    };
  });
}

// A schema with a top-level `id` is emitted as `{ $ref: '#/$defs/<id>', $defs }`.
function rootDefinition(json: Record<string, unknown>): unknown {
  const ref = json.$ref;
  const defs = json.$defs as Record<string, unknown> | undefined;
  if (typeof ref === 'string' && ref.startsWith('#/$defs/') && defs) {
    return defs[ref.slice('#/$defs/'.length)];
  }
  return json;
}
