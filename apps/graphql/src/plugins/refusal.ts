const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/**
 * The media type of a refusal: the GraphQL-over-HTTP one when the client accepts it, since only
 * then do clients such as Apollo Client read a non-2xx body (with `application/json` Apollo
 * reports a bare "Received status code 401"); plain JSON for everyone else.
 */
export function refusalType(accept: string | null): string {
  return accept?.toLowerCase().includes(GRAPHQL_RESPONSE)
    ? `${GRAPHQL_RESPONSE}; charset=utf-8`
    : 'application/json; charset=utf-8';
}

/**
 * A request refused before GraphQL runs, in the shape every GraphQL client surfaces:
 * `{ errors: [{ message, extensions: { code } }] }` with the status and, for a 401, the
 * `WWW-Authenticate` challenge.
 */
export function refusal(
  fetchAPI: { Response: typeof Response },
  request: Request,
  refused: { status: 401 | 403; code: string; message: string; challenge?: string },
): Response {
  return new fetchAPI.Response(
    JSON.stringify({ errors: [{ message: refused.message, extensions: { code: refused.code } }] }),
    {
      status: refused.status,
      headers: {
        'content-type': refusalType(request.headers.get('accept')),
        ...(refused.challenge ? { 'www-authenticate': refused.challenge } : {}),
      },
    },
  );
}
