import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { get } from '../api.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type Query = Record<string, string | number | boolean | null | undefined | string[]>;

interface Options {
  key: readonly unknown[];
  path: string;
  query?: Query;
  limit?: number;
  /** keep showing the old rows while a changed query loads (lists with filters) */
  keepPrevious?: boolean;
}

/** A keyset-paginated list endpoint as one flat list with "load more". */
export function useCursorList<T>({ key, path, query = {}, limit = 50, keepPrevious = false }: Options) {
  const q = useInfiniteQuery({
    queryKey: [...key, query, limit],
    queryFn: ({ pageParam }) => get<Page<T>>(path, { ...query, limit, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
  return {
    items: q.data?.pages.flatMap((p) => p.items) ?? [],
    isPending: q.isPending,
    /** showing the previous query's rows while the new ones load */
    isStale: q.isPlaceholderData,
    error: q.error,
    hasMore: q.hasNextPage,
    loadingMore: q.isFetchingNextPage,
    loadMore: () => void q.fetchNextPage(),
  };
}
