import type { ZapiClient } from '@zapikit/client';
import type { InstanceListItem } from '@zapikit/schema';

/**
 * The phone connected to an instance, when Z-API's `/me` names it (international digits); else
 * undefined, also when the call fails. Z-API's page on `/me` does not list a `phone` field, so
 * it is read where present and never required: callers show the phone only when known.
 */
export async function connectedPhone(
  zapi: Pick<ZapiClient, 'getInstanceData'>,
  instance: InstanceListItem,
): Promise<string | undefined> {
  try {
    const data = (await zapi.getInstanceData(instance)) as Record<string, unknown>;
    const phone = typeof data.phone === 'string' ? data.phone.replace(/^\+/, '') : '';
    return /^\d{8,15}$/.test(phone) ? phone : undefined;
  } catch {
    return undefined;
  }
}
