/**
 * Agents: a completion model with instructions, context documents, tools and retrieval.
 */
@NullMarked
package dev.customllm.agent;

import org.jspecify.annotations.NullMarked;
