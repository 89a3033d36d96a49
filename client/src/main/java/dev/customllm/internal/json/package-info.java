/**
 * The JSON mapper of the wire protocol, JSON Schemas generated from Java types, and the
 * reading of structured answers. Internal: no compatibility promise; types here may
 * change in any version.
 */
@NullMarked
package dev.customllm.internal.json;

import org.jspecify.annotations.NullMarked;
