/**
 * Telemetry: the observations and meters of the client's calls. Internal: no
 * compatibility promise; types here may change in any version.
 */
@NullMarked
package dev.customllm.internal.telemetry;

import org.jspecify.annotations.NullMarked;
