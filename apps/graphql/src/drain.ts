/**
 * The gateway's shutdown bound, in one place (main.ts runs it; docs/deploy.md states it). On
 * SIGTERM, /ready says no and the server stops accepting at once; requests in flight may finish
 * normally until ANSWER_DEADLINE_MS; then every paid call still waiting for Z-API answers
 * ZAPI_OUTCOME_UNKNOWN (its claim records that), and any other request still waiting answers
 * ZAPI_TIMEOUT by BACKSTOP_MS. The process exits by DRAIN_MS.
 */
export const DRAIN_MS = 10_000;
/** When paid calls stop waiting for Z-API and answer with an unknown outcome. */
export const ANSWER_DEADLINE_MS = 5_000;
/** How long an unknown outcome's candidate lookup may take at the deadline. */
export const DEADLINE_LOOKUP_MS = 1_500;
/** When any request still unanswered gets ZAPI_TIMEOUT (paid calls have answered by then). */
export const BACKSTOP_MS = 9_000;
