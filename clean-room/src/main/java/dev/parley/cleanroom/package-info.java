/** The clean room: identity tokens, partner datasets and aggregate insights. */
package dev.parley.cleanroom;
