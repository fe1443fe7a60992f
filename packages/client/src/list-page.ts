import type { InstanceListItem, InstanceListPage } from '@zapikit/schema';

type Counter = 'total' | 'totalPage' | 'pageSize' | 'page';

/**
 * Z-API's page of the partner's instances as it answered it (`content`, `totalPage`, unknown
 * fields kept), its counters always numbers: Z-API's where it sent readable ones, else derived
 * from the request and the content (then `total` counts the instances up to this page, a lower
 * bound, and `totalPage` is one more than this page while pages come full).
 */
// An intersection, not Omit: the page keeps unknown fields, and Omit over its index signature
// would lose the known ones.
export type ZapiInstancePage = InstanceListPage & Record<Counter, number>;

/**
 * A page of the partner's instances in the toolkit's words, the same shape as the gateway's
 * `InstancePage`: `items` and `totalPages` (counters as in {@link ZapiInstancePage}).
 */
export interface InstancePage {
  items: InstanceListItem[];
  total: number;
  totalPages: number;
  page: number;
  pageSize: number;
}

/** Z-API's page in the toolkit's words. */
export function toInstancePage(page: ZapiInstancePage): InstancePage {
  return {
    items: page.content,
    total: page.total,
    totalPages: page.totalPage,
    page: page.page,
    pageSize: page.pageSize,
  };
}

/** The page and size a list call asked for. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** Whether no page follows this one, from Z-API's counters where it sent them, else the content. */
export function isLastPage(answer: InstanceListPage, asked: PageRequest): boolean {
  if (answer.content.length === 0) return true;
  const page = answer.page ?? asked.page;
  if (answer.totalPage != null) return page >= answer.totalPage;
  const size = sizeOf(answer, asked);
  if (answer.total != null) return page * size >= answer.total;
  return answer.content.length < size;
}

/** The page with every counter filled in (see {@link ZapiInstancePage}). */
export function completePage(answer: InstanceListPage, asked: PageRequest): ZapiInstancePage {
  const page = answer.page ?? asked.page;
  const pageSize = sizeOf(answer, asked);
  const total = answer.total ?? (page - 1) * pageSize + answer.content.length;
  const totalPage =
    answer.totalPage ??
    (answer.total != null
      ? Math.ceil(answer.total / pageSize)
      : isLastPage(answer, asked)
        ? page
        : page + 1);
  return { ...answer, total, totalPage, pageSize, page };
}

// A size of 0 says nothing about paging: the request's own size is the better guess.
function sizeOf(answer: InstanceListPage, asked: PageRequest): number {
  return answer.pageSize || asked.pageSize;
}
