// Z-API accepts only https webhooks. The sandbox also accepts plain http to a loopback address, so
// a test can receive its callbacks on a local server without a certificate.

const LOOPBACK_HOSTS = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Whether the sandbox accepts this webhook URL: https anywhere, or http to loopback. */
export function acceptedWebhookUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const url = URL.parse(value);
  if (url === null || url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return url.hostname !== '';
  return url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname);
}
