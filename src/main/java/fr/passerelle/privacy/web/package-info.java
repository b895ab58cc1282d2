/** The pages of data protection: the notice, the administrators' retention, access log and rights pages. */
package fr.passerelle.privacy.web;
