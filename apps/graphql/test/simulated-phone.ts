import { request } from 'undici';
import type { Sandbox } from '@zapikit/sandbox';

/**
 * Drives the sandbox's simulated phone over HTTP, as an end-to-end test or another tool would:
 * `POST /__sandbox/instances/{id}/connect` or `/disconnect` with the partner token.
 */
export async function simulatePhone(
  sandbox: Sandbox,
  action: 'connect' | 'disconnect',
  id: string,
): Promise<void> {
  const res = await request(
    `${sandbox.url}/__sandbox/instances/${encodeURIComponent(id)}/${action}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.partnerToken}` },
    },
  );
  const text = await res.body.text();
  if (res.statusCode !== 200)
    throw new Error(`sandbox ${action} answered ${res.statusCode}: ${text}`);
}
