package edu.tjhsst.director.manager.admin;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import edu.tjhsst.director.common.user.UserNames;
import edu.tjhsst.director.manager.user.Role;

/** What an administrator fills in to create an account. */
record CreateUserForm(
		@NotBlank(message = "Enter a user name.")
		@Pattern(regexp = UserNames.REGEX, message = UserNames.RULE)
		String username,
		@NotBlank(message = "Enter an e-mail address.") @Email(message = "Enter a valid e-mail address.")
		@Size(max = 254, message = "That e-mail address is too long.")
		String email,
		@Size(max = 100, message = "Keep the full name under 100 characters.")
		String fullName,
		@NotNull(message = "Choose a role.")
		Role role,
		@NotNull(message = "Enter a password of at least 10 characters.")
		@Size(min = 10, max = 200, message = "A password has at least 10 characters.")
		String password) {

	static CreateUserForm empty() {
		return new CreateUserForm("", "", "", Role.STUDENT, "");
	}

}
