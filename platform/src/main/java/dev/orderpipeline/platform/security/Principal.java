package dev.orderpipeline.platform.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An authenticated caller.
 *
 * @param subject    stable id of the caller: the API key's name or the token's {@code sub}; goes into logs and
 *                   events ({@code requestedBy}), never a secret
 * @param customerId the customer this caller acts for, when it is bound to one (a shop front-end for a signed-in
 *                   customer); empty for staff and service callers
 * @param roles      what the caller may do
 */
public record Principal(String subject, Optional<String> customerId, Set<Role> roles) {

    public Principal {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(customerId, "customerId");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    /** True when the caller holds one of these roles, or is admin. An empty requirement is met by anyone. */
    public boolean hasAnyRole(final Collection<Role> required) {
        return required.isEmpty() || isAdmin() || required.stream().anyMatch(roles::contains);
    }

    /**
     * Whether the caller may see or act on data of this customer: admins may for every customer, a caller bound to
     * a customer only for that one, and an unbound non-admin caller for none.
     */
    public boolean mayActFor(final String customer) {
        return isAdmin() || customerId.filter(own -> own.equals(customer)).isPresent();
    }
}
