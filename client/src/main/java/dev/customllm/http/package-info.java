/**
 * The HTTP layer under a client, for applications that send its requests on an HTTP stack
 * of their own choosing ({@link dev.customllm.http.HttpSender}).
 */
@NullMarked
package dev.customllm.http;

import org.jspecify.annotations.NullMarked;
