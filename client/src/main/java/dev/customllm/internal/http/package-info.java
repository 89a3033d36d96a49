/**
 * Transport: one HTTP exchange with the service (connection settings, SSE decoding,
 * mapping of failures to the error model), and nothing more. Internal: no compatibility
 * promise; types here may change in any version.
 */
@NullMarked
package dev.customllm.internal.http;

import org.jspecify.annotations.NullMarked;
