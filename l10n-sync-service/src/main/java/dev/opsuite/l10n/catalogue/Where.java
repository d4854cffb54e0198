package dev.opsuite.l10n.catalogue;

import io.quarkus.panache.common.Parameters;
import java.util.ArrayList;
import java.util.List;

/** A small HQL where-clause builder with named parameters (values never concatenated). */
final class Where {
    private final List<String> clauses = new ArrayList<>();
    private final Parameters params = new Parameters();

    Where eq(String column, Object value) {
        if (value != null) {
            String param = "p" + clauses.size();
            clauses.add(column + " = :" + param);
            params.and(param, value);
        }
        return this;
    }

    Where clause(String clause, String param, Object value) {
        clauses.add(clause);
        params.and(param, value);
        return this;
    }

    /** A copy with the keyset condition added (the total is counted without it). */
    Where after(String afterUid) {
        Where w = new Where();
        w.clauses.addAll(clauses);
        params.map().forEach(w.params::and);
        return afterUid == null ? w : w.clause("uid > :after", "after", afterUid);
    }

    String query() {
        return clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
    }

    Parameters params() {
        return params;
    }

    static int from(Paging paging) {
        return paging.afterUid() == null ? paging.offset() : 0;
    }
}
