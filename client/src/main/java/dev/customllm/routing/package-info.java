/**
 * Routers that spread the calls of one route over several deployments (clients or models)
 * of the same model, fail over when one is down, and keep a deployment that keeps failing
 * off the route for a while.
 */
@NullMarked
package dev.customllm.routing;

import org.jspecify.annotations.NullMarked;
