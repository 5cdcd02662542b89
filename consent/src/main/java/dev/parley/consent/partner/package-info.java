/** Partners: the registered data controllers that consent is given to. */
package dev.parley.consent.partner;
