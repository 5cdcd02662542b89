package dev.parley.gateway.auth;

import dev.parley.gateway.validation.ContractOperation;
import dev.parley.gateway.validation.ContractRole;
import dev.parley.gateway.validation.OperationIndex;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Enforces each operation's {@code x-parley-roles} from {@code openapi.yaml} for every request,
 * before any route runs: an operation that is not {@code public} needs credentials (401) of one of
 * its roles (403 otherwise).
 *
 * <p>Routes still state their roles with {@link Access#allow} and check ownership themselves; this
 * gate makes the contract authoritative, so an operation added to the contract is protected even
 * before its route says anything, and a route can never be more open than its contract entry.
 */
final class ContractAccess implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext ctx) {
    Optional<OperationIndex.Match> m = OperationIndex.of(ctx);
    if (m.isEmpty() || m.get().operation().isPublic()) {
      ctx.next();
      return;
    }
    if (Access.permits(ctx, roles(m.get().operation()))) {
      ctx.next();
    }
  }

  /** The {@link Role}s an operation's {@code x-parley-roles} allow. */
  static Set<Role> roles(ContractOperation op) {
    Set<Role> out = EnumSet.noneOf(Role.class);
    for (ContractRole r : op.roles()) {
      switch (r) {
        case CONSUMER -> out.add(Role.CONSUMER);
        case PARTNER -> out.add(Role.PARTNER);
        case AUDITOR -> out.add(Role.AUDITOR);
        case PUBLIC -> out.addAll(EnumSet.allOf(Role.class));
      }
    }
    return out;
  }
}
