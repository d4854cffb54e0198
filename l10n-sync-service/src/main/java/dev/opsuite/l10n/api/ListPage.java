package dev.opsuite.l10n.api;

import dev.opsuite.common.paging.Cursor;
import java.util.List;
import java.util.function.Function;

/** {@code {"items":[…],"total":n,"next":"<cursor>"|null}}. */
public record ListPage<T>(List<T> items, Long total, String next) {

    /** From up to limit+1 fetched rows: the extra one only says there is a next page. */
    public static <T> ListPage<T> of(List<T> fetched, int limit, Long total, Function<T, String> uidOf) {
        if (fetched.size() <= limit) {
            return new ListPage<>(List.copyOf(fetched), total, null);
        }
        List<T> page = List.copyOf(fetched.subList(0, limit));
        return new ListPage<>(page, total, Cursor.encode(uidOf.apply(page.get(limit - 1))));
    }
}
