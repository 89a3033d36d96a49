/**
 * Benchmarks of the client against a bare Reactor Netty baseline and a loopback stub.
 */
@NullMarked
package dev.customllm.benchmarks;

import org.jspecify.annotations.NullMarked;
