/**
 * A command that probes an OpenAI-compatible service and reports what it supports and
 * what the starter does about each difference.
 */
@NullMarked
package dev.customllm.conformance;

import org.jspecify.annotations.NullMarked;
