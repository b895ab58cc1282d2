/**
 * What the routing rules refuse, each with the message to show: an excluded candidate, a full provider, an offer no
 * longer pending (answered, expired, cancelled). A named interface: the answer links of notifications explain them.
 */
@NamedInterface("refusal")
package fr.passerelle.routing.refusal;

import org.springframework.modulith.NamedInterface;
