import { z } from 'zod';
import { described, type FieldMeta } from './field-meta.js';
import { httpsOrLoopbackUrl } from './rules.js';

/**
 * The same object schema, except that its webhook URL fields (kind `url`) also accept plain
 * `http:` to a loopback address. For a client whose Z-API is on this machine (the sandbox): it
 * alone can reach such a URL, so a test can receive real callbacks without a certificate. Every
 * other rule, the words of each field and the object's own refinements stay as they are.
 */
export function withLoopbackWebhooks<S extends z.ZodObject>(schema: S): S {
  const replaced: Record<string, z.ZodType> = {};
  const shape: Record<string, z.ZodType> = schema.shape;
  for (const [name, field] of Object.entries(shape)) {
    const meta = z.globalRegistry.get(field);
    if (meta?.['x-kind'] !== 'url') continue;
    const words: FieldMeta = {
      description: String(meta.description),
      descriptionPtBr: String(meta['x-pt-BR']),
      kind: 'url',
    };
    const url = httpsOrLoopbackUrl();
    replaced[name] = described(field.safeParse(undefined).success ? url.optional() : url, words);
  }
  return schema.safeExtend(replaced) as unknown as S;
}
