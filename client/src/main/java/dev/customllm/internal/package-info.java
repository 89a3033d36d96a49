/**
 * The client's plumbing: transport, resilience, telemetry, wire types and model
 * implementations. Internal: no compatibility promise; nothing here is API, and any type
 * may change or disappear in any version. Use {@link dev.customllm.CustomLlmClient} and
 * the types of the other packages instead.
 */
@NullMarked
package dev.customllm.internal;

import org.jspecify.annotations.NullMarked;
