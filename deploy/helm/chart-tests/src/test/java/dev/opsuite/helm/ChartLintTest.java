package dev.opsuite.helm;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

class ChartLintTest {

    @Test
    void strictLintOfTheChartPasses() {
        LintResult result = HelmChart.lint();
        assertFalse(result.isFailed(), () -> "helm lint --strict failed:\n" + String.join("\n", result.getMessages()));
    }
}
