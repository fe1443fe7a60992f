/**
 * The media type yoga's result processor answers a single (non-streamed) result with, for a
 * request's Accept header; undefined when only a streaming processor (SSE, multipart) would
 * match. Yoga picks the first listed utf-8 type that `application/json` or
 * `application/graphql-response+json` matches, preferring `application/json` when a wildcard
 * matches both; an absent header counts as `*\/*`.
 */
export function regularMediaType(accept: string | undefined): string | undefined {
  if (accept === undefined || accept === '') return 'application/json';
  for (const entry of accept.replace(/\s/g, '').toLowerCase().split(',')) {
    const [type = '', ...params] = entry.split(';');
    const charset = params.find((param) => param.includes('charset='));
    if (charset !== undefined && charset !== 'charset=utf-8') continue;
    const [pre, suf] = type.split('/');
    if (pre !== '*' && pre !== 'application') continue;
    if (suf === '*' || suf === 'json') return 'application/json';
    if (suf === 'graphql-response+json') return 'application/graphql-response+json';
  }
  return undefined;
}
