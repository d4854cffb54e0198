package dev.opsuite.common.testapp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** Request body of the probe endpoints: exercises validation and JSON type errors. */
public record ProbeItem(
        @NotBlank String name, @Min(1) @Max(10) int count) {}
