/**
 * Queues: what waits for the Caf officers and the providers ({@link RoutingQueues}: referrals to route, offers
 * waiting for an answer or past their deadline, a page at a time with {@link SqlPages}), and routing's metrics
 * ({@code RoutingMetrics}). {@link RoutingQueues} is a named interface ({@code queue}): the home page and the daily
 * digest show its counts.
 */
package fr.passerelle.routing.queue;
