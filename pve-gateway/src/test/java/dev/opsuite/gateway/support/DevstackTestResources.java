package dev.opsuite.gateway.support;

import dev.opsuite.devstack.test.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The test JVM's infrastructure, declared once (global): real PostgreSQL with the {@code gateway}
 * schema from devstack, and the small HTTP upstreams the routing tests proxy to.
 */
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "schema", value = "gateway"))
@QuarkusTestResource(TestUpstreams.class)
public class DevstackTestResources {}
