/** Deterministic synthetic partner data for the demo and the clean-room benchmark. */
package dev.parley.cleanroom.synth;
