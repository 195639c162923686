package edu.tjhsst.director.manager.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import edu.tjhsst.director.manager.user.Passwords;
import edu.tjhsst.director.manager.user.Role;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * Creates accounts, one (the "New user" page, the API) or a list (the API's import), with the form's rules: every row
 * is checked before any is stored, and the rows are stored in one transaction, so a list is created whole or not at
 * all.
 */
@Service
class AccountImport {

	/** Rows in one call: a class or two, each hashed (about a tenth of a second), well within a call's time. */
	static final int MAX_ROWS = 100;

	/** BCrypt reads 72 bytes at most, and refuses more rather than ignore the rest. */
	static final int MAX_PASSWORD_BYTES = 72;

	/** Problems answered at most, so a wrong file's answer stays readable. */
	private static final int MAX_PROBLEMS = 50;

	/** One account to create; a missing role is a student's, a missing password (in a list) a new one. */
	record Row(String username, String email, String fullName, String role, String password) {

		static Row of(CreateUserForm form) {
			return new Row(form.username(), form.email(), form.fullName(), form.role().name(), form.password());
		}

	}

	/** @param password the new password, when one was made for the account, else null */
	record Created(String username, String password) {
	}

	/** @param skipped user names that were taken already, left as they were */
	record Outcome(boolean dryRun, List<Created> created, List<String> skipped) {
	}

	/** A checked row, to store. */
	private record Pending(CreateUserForm form, boolean generated) {
	}

	private final UserRepository users;

	private final PasswordEncoder encoder;

	private final Validator validator;

	private final TransactionTemplate transactions;

	AccountImport(UserRepository users, PasswordEncoder encoder, Validator validator,
			TransactionTemplate transactions) {
		this.users = users;
		this.encoder = encoder;
		this.validator = validator;
		this.transactions = transactions;
	}

	/**
	 * @param list whether the rows are a list: problems are named by row ("row 2 email"), a taken user name is
	 *        skipped rather than refused, and a missing password is made
	 * @param dryRun check the rows, store nothing
	 * @throws AccountsRefusedException naming each row's problems, when any row has one; nothing was stored
	 */
	Outcome create(List<Row> rows, boolean list, boolean dryRun) {
		if (rows == null || rows.isEmpty() || rows.size() > MAX_ROWS) {
			throw new AccountsRefusedException("Send 1 to " + MAX_ROWS + " accounts at a time; nothing was created.",
					Map.of(), false);
		}
		Map<String, String> problems = new LinkedHashMap<>();
		List<Pending> pending = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < rows.size(); i++) {
			String where = list ? "row " + (i + 1) + " " : "";
			Row row = rows.get(i);
			if (row == null) {
				problems.put(where.strip(), "Give an object with username, email, fullName, role and password.");
				continue;
			}
			Role role = role(row.role());
			if (role == null) {
				problems.put(where + "role", "The role is student, teacher or admin.");
			}
			boolean generated = list && (row.password() == null || row.password().isEmpty());
			CreateUserForm form = new CreateUserForm(strip(row.username()), strip(row.email()), strip(row.fullName()),
					role == null ? Role.STUDENT : role, generated ? Passwords.generate() : row.password());
			for (ConstraintViolation<CreateUserForm> violation : validator.validate(form)) {
				problems.putIfAbsent(where + violation.getPropertyPath(), violation.getMessage());
			}
			if (form.password() != null && form.password().getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
				problems.putIfAbsent(where + "password", "A password has at most " + MAX_PASSWORD_BYTES
						+ " bytes (as many plain letters and digits, fewer accented ones).");
			}
			String username = form.username();
			if (username != null && !seen.add(username)) {
				problems.put(where + "username", "The list has " + username + " twice.");
			}
			else if (username != null && users.existsByUsername(username)) {
				if (list) {
					skipped.add(username);
					continue;
				}
				problems.put(where + "username", "That user name is taken.");
			}
			pending.add(new Pending(form, generated));
		}
		if (!problems.isEmpty()) {
			Map<String, String> shown = new LinkedHashMap<>();
			problems.entrySet().stream().limit(MAX_PROBLEMS).forEach(problem -> shown.put(problem.getKey(),
					problem.getValue()));
			throw new AccountsRefusedException(problems.size() + (problems.size() == 1 ? " problem" : " problems")
					+ "; nothing was created.", shown, false);
		}
		if (!dryRun) {
			store(pending);
		}
		// A made password is answered once, after it is stored; a dry run's would never be used.
		List<Created> created = pending.stream().map(account -> new Created(account.form().username(),
				account.generated() && !dryRun ? account.form().password() : null)).toList();
		return new Outcome(dryRun, created, skipped);
	}

	private void store(List<Pending> pending) {
		// Hashed before the transaction: a tenth of a second each is not to be spent holding a connection.
		List<String> hashes = pending.stream().map(account -> encoder.encode(account.form().password())).toList();
		try {
			transactions.executeWithoutResult(status -> {
				for (int i = 0; i < pending.size(); i++) {
					CreateUserForm form = pending.get(i).form();
					users.create(form.username(), form.email(), form.fullName() == null ? "" : form.fullName(),
							form.role(), hashes.get(i));
				}
			});
		}
		catch (DuplicateKeyException ex) {
			throw new AccountsRefusedException("An account was created meanwhile by another request; nothing was "
					+ "created. Send it again.", Map.of(), true);
		}
	}

	private static Role role(String text) {
		if (text == null || text.isBlank()) {
			return Role.STUDENT;
		}
		for (Role role : Role.values()) {
			if (role.name().equalsIgnoreCase(text.strip())) {
				return role;
			}
		}
		return null;
	}

	private static String strip(String text) {
		return text == null ? null : text.strip();
	}

}
