package edu.tjhsst.director.manager.user;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads accounts for Spring Security's form login. */
@Service
class DirectorUserDetailsService implements UserDetailsService {

	private final UserRepository users;

	DirectorUserDetailsService(UserRepository users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		User user = users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
		String hash = users.passwordHash(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
		return org.springframework.security.core.userdetails.User.withUsername(user.username())
			.password(hash)
			.authorities(user.role().authority())
			.disabled(!user.enabled())
			.build();
	}

}
