/** An answer the sandbox writes: status, body (JSON unless a string or bytes) and headers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
