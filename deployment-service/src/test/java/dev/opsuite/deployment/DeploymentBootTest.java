package dev.opsuite.deployment;

import dev.opsuite.devstack.test.DevstackResource;
import dev.opsuite.devstack.test.ServiceBootContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Also declares, for every test of this module, the devstack's PostgreSQL (schema deployment) and Kafka. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "schema", value = "deployment"))
class DeploymentBootTest extends ServiceBootContract {
    @Override
    protected String schema() {
        return "deployment";
    }
}
