import { describe, expect, it } from 'vitest';
import {
  INSTANCE_CALLBACK_URL_FIELDS,
  InstanceListItem,
  InstanceListPage,
  ListInstancesInput,
} from './list-instances.js';
import { validate } from './problems.js';

const messages = (input: unknown) => {
  const result = validate(ListInstancesInput, input);
  return result.success ? [] : result.problems.map((p) => p.message);
};

describe('ListInstancesInput', () => {
  it('defaults to the first page of 20', () => {
    expect(ListInstancesInput.parse({})).toEqual({ page: 1, pageSize: 20 });
  });
  it('takes page >= 1 and pageSize 1-100, whole numbers', () => {
    expect(messages({ page: 1, pageSize: 1 })).toEqual([]);
    expect(messages({ page: 1, pageSize: 100 })).toEqual([]);
    expect(messages({ page: 0 })).toEqual(['page must be 1 or more']);
    expect(messages({ pageSize: 0 })).toEqual(['pageSize must be 1 or more']);
    expect(messages({ pageSize: 101 })).toEqual(['pageSize must be at most 100']);
    expect(messages({ page: 1.5 })).toEqual(['page must be a whole number']);
    expect(messages({ page: '2' })).toEqual(['page must be a number']);
  });
  it('filters by middleware web or mobile only', () => {
    expect(messages({ middleware: 'web' })).toEqual([]);
    expect(messages({ middleware: 'mobile' })).toEqual([]);
    expect(messages({ middleware: 'desktop' })).toEqual(['middleware must be "web" or "mobile"']);
  });
  it('trims the query and refuses unknown keys', () => {
    expect(ListInstancesInput.parse({ query: '  shop  ' })).toMatchObject({ query: 'shop' });
    expect(messages({ q: 'x' })).toEqual(['q is not a known field']);
  });
});

describe('InstanceListPage', () => {
  const item = {
    id: '3C7A1B',
    name: 'Loja Centro',
    token: 'F00D',
    tenant: 'tenant-1',
    created: 1700000000000,
    due: 1700172800000,
    paymentStatus: 'TRIAL',
    deliveryCallbackUrl: 'https://hooks.example/delivery',
    receivedCallbackUrl: null,
    phoneConnected: false,
    whatsappConnected: false,
    middleware: 'web',
    somethingNew: { nested: true },
  };

  it('keeps extra upstream fields and normalises timestamps', () => {
    const page = InstanceListPage.parse({
      total: 1,
      totalPage: 1,
      pageSize: 20,
      page: 1,
      content: [item],
      extraTop: 'kept',
    });
    expect(page.extraTop).toBe('kept');
    expect(page.content[0]).toMatchObject({
      somethingNew: { nested: true },
      receivedCallbackUrl: null,
    });
    expect(page.content[0]?.due).toEqual(new Date(1700172800000));
    expect(page.content[0]?.created).toEqual(new Date(1700000000000));
  });

  it('refuses a page without content', () => {
    expect(
      InstanceListPage.safeParse({ total: 0, totalPage: 0, pageSize: 20, page: 1 }).success,
    ).toBe(false);
  });
});

describe('INSTANCE_CALLBACK_URL_FIELDS', () => {
  it('are exactly the list item’s URL fields: the create URLs plus receivedStatusCallbackUrl', () => {
    const listed = Object.keys(InstanceListItem.shape).filter((key) => key.endsWith('CallbackUrl'));
    expect([...INSTANCE_CALLBACK_URL_FIELDS].sort()).toEqual(listed.sort());
    expect(INSTANCE_CALLBACK_URL_FIELDS).toHaveLength(8);
  });
});
