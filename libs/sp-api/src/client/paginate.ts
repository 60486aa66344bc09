import type { SpApiResponse } from './sp-api-http-client';

/** How the next page is requested. */
export type PageRequestStyle =
  /** Repeat every original parameter and add the token (Orders 2026 `paginationToken`, Listings/Catalog `pageToken`). */
  | 'repeat-params'
  /** Send the token as the only parameter (Reports/Feeds `getReports`/`getFeeds` `nextToken`, as their models require). */
  | 'token-only';

/** Describes one paginated operation for {@link paginate}. */
export interface PaginationSpec<P extends object, R> {
  /** Query parameter carrying the token (`paginationToken`, `pageToken`, `nextToken`). */
  tokenParam: string;
  style: PageRequestStyle;
  /** Reads the next token from a page; undefined on the last page. */
  nextToken(page: R): string | undefined;
  /** Fetches one page with the given parameters. */
  fetch(params: P): Promise<SpApiResponse<R>>;
}

/**
 * Async iterator over every page of a token-paginated operation, starting with `params`.
 * Each page request goes through the client's limiter, so iterating never bursts past the plan.
 *
 * @example for await (const page of paginate(params, spec)) for (const order of page.data.orders) …
 */
export async function* paginate<P extends object, R>(params: P, spec: PaginationSpec<P, R>): AsyncGenerator<SpApiResponse<R>> {
  let current: P = params;
  const seen = new Set<string>();
  for (;;) {
    const page = await spec.fetch(current);
    yield page;
    const token = spec.nextToken(page.data);
    // A repeated token would loop forever; Amazon never does this, a faulty emulator might.
    if (!token || seen.has(token)) return;
    seen.add(token);
    current = spec.style === 'repeat-params' ? { ...params, [spec.tokenParam]: token } : ({ [spec.tokenParam]: token } as unknown as P);
  }
}

/** Flattens pages into items. */
export async function* paginateItems<P extends object, R, I>(
  params: P,
  spec: PaginationSpec<P, R>,
  items: (page: R) => readonly I[] | undefined,
): AsyncGenerator<I> {
  for await (const page of paginate(params, spec)) yield* items(page.data) ?? [];
}
