package edu.tjhsst.director.manager.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import edu.tjhsst.director.manager.user.Role;
import edu.tjhsst.director.manager.user.User;

/**
 * A call signed in with a token. Its principal is the user the call acts as: the owner, but an administrator's token
 * without the {@code admin} scope acts as a teacher, so that everything the call reaches (which asks
 * {@link User#isAdmin()}) sees no administrator. Its authorities are the scopes (writing includes reading) and the
 * acting user's role.
 */
final class TokenAuthentication extends AbstractAuthenticationToken {

	private final User acting;

	TokenAuthentication(User owner, Set<Scope> scopes) {
		super(authorities(owner, scopes));
		this.acting = owner.isAdmin() && !scopes.contains(Scope.ADMIN) ? demoted(owner) : owner;
		setAuthenticated(true);
	}

	private static User demoted(User admin) {
		return new User(admin.id(), admin.username(), admin.email(), admin.fullName(), Role.TEACHER, admin.enabled(),
				admin.createdAt());
	}

	private static List<GrantedAuthority> authorities(User owner, Set<Scope> scopes) {
		List<GrantedAuthority> granted = new ArrayList<>();
		boolean admin = owner.isAdmin() && scopes.contains(Scope.ADMIN);
		// The administrators' scopes of an owner who is no longer an administrator grant nothing.
		scopes.stream().filter(scope -> !scope.administratorsOnly() || owner.isAdmin())
			.forEach(scope -> granted.add(new SimpleGrantedAuthority(scope.authority())));
		if (scopes.contains(Scope.SITES_WRITE) && !scopes.contains(Scope.SITES_READ)) {
			granted.add(new SimpleGrantedAuthority(Scope.SITES_READ.authority()));
		}
		granted.add(new SimpleGrantedAuthority(admin ? Role.ADMIN.authority() : owner.isAdmin()
				? Role.TEACHER.authority() : owner.role().authority()));
		return granted;
	}

	@Override
	public User getPrincipal() {
		return acting;
	}

	@Override
	public Object getCredentials() {
		// The secret is not kept past the check.
		return null;
	}

	@Override
	public String getName() {
		return acting.username();
	}

}
