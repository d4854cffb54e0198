package dev.opsuite.l10n;

import dev.opsuite.devstack.test.DevstackResource;
import dev.opsuite.devstack.test.ServiceBootContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Also declares, for every test of this module, the devstack's PostgreSQL (schema l10n) and Kafka. */
@QuarkusTest
@QuarkusTestResource(
        value = DevstackResource.class,
        initArgs = {@ResourceArg(name = "schema", value = "l10n"), @ResourceArg(name = "extensions", value = "pg_trgm")
        })
class L10nBootTest extends ServiceBootContract {
    @Override
    protected String schema() {
        return "l10n";
    }
}
