package dev.parley.cleanroom.oprf;

import dev.parley.cleanroom.group.RistrettoElement;
import java.util.List;
import java.util.Objects;

/**
 * The server's answer in VOPRF mode: the evaluated elements and one DLEQ proof covering them all.
 *
 * @param evaluatedElements skS * blindedElements[i], in request order
 * @param proof the batched proof that each was computed with the key behind pkS
 */
public record VerifiableEvaluation(List<RistrettoElement> evaluatedElements, DleqProof proof) {
  /** Copies the list and checks that nothing is missing. */
  public VerifiableEvaluation {
    evaluatedElements = List.copyOf(evaluatedElements);
    Objects.requireNonNull(proof, "proof");
  }
}
