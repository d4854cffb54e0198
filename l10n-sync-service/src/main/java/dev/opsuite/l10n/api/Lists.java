package dev.opsuite.l10n.api;

import dev.opsuite.common.paging.Cursor;
import dev.opsuite.l10n.catalogue.Page;
import dev.opsuite.l10n.catalogue.Paging;
import java.util.List;
import java.util.function.Function;

/** Paging parameters in, list pages out. */
final class Lists {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private Lists() {}

    static Paging paging(String limit, String offset, String after, String prefix) {
        int l = Params.intOr("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        int o = Params.intOr("offset", offset, 0, Integer.MAX_VALUE, 0);
        String a = Params.afterUid(after, prefix);
        return new Paging(l + 1, o, a);
    }

    static <E, V> ListPage<V> page(Page<E> page, Function<E, V> view, Function<V, String> uidOf) {
        int limit = page.limit() - 1;
        List<V> views = page.rows().stream().map(view).toList();
        if (views.size() <= limit) {
            return new ListPage<>(views, page.total(), null);
        }
        List<V> items = views.subList(0, limit);
        return new ListPage<>(List.copyOf(items), page.total(), Cursor.encode(uidOf.apply(items.get(limit - 1))));
    }
}
