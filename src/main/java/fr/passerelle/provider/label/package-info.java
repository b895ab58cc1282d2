/**
 * AVIP labels of childminders: their lifecycle (granted, suspended, withdrawn, expired) and its append-only history.
 * A named interface: demo data grants labels.
 */
@NamedInterface("label")
package fr.passerelle.provider.label;

import org.springframework.modulith.NamedInterface;
