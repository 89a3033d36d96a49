/**
 * HTTP plumbing: connection settings, JSON exchange, and mapping of failures to the error
 * model. Internal to the client: types here may change between versions.
 */
@NullMarked
package dev.customllm.http;

import org.jspecify.annotations.NullMarked;
