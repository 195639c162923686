package edu.tjhsst.director.common.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.common.terminal.TerminalMode;

/** The shell-server API's JSON: the field names the manager and the shell server have always used, both ways. */
class ShellApiJsonTests {

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void aGrantRequestIsWrittenWithItsFiveFieldsAndReadBack() throws Exception {
		GrantRequest request = GrantRequest.of("alice", "mysite", TerminalMode.EXEC, null, true);
		assertThat(written(request)).isEqualTo(
				"{\"username\":\"alice\",\"site\":\"mysite\",\"mode\":\"EXEC\",\"command\":null,\"tty\":true}");
		assertThat(json.readValue(written(request), GrantRequest.class)).isEqualTo(request);
	}

	@Test
	void aGrantRequestWithoutAKnownModeHasNoneAndWithoutTtyWantsNoTerminal() throws Exception {
		GrantRequest request = json.readValue("{\"username\":\"alice\",\"site\":\"s\",\"mode\":\"shell\"}",
				GrantRequest.class);
		assertThat(request.terminalMode()).isEmpty();
		assertThat(request.wantsTty()).isFalse();
		assertThat(new GrantRequest("alice", "s", null, null, null).terminalMode()).isEmpty();
		assertThat(new GrantRequest("alice", "s", "SFTP", null, false).terminalMode()).contains(TerminalMode.SFTP);
	}

	@Test
	void signInsAreWrittenWithTheNamesTheManagerReads() throws Exception {
		assertThat(written(new PasswordSignIn("alice", "secret", "10.0.0.1")))
			.isEqualTo("{\"username\":\"alice\",\"password\":\"secret\",\"address\":\"10.0.0.1\"}");
		assertThat(written(new KeySignIn("alice", "ssh-ed25519 AAAA")))
			.isEqualTo("{\"username\":\"alice\",\"key\":\"ssh-ed25519 AAAA\"}");
		assertThat(json.readValue("{\"username\":\"alice\",\"key\":\"k\"}", KeySignIn.class))
			.isEqualTo(new KeySignIn("alice", "k"));
	}

	@Test
	void aPasswordSignInNeverShowsItsPassword() {
		assertThat(new PasswordSignIn("alice", "secret", "10.0.0.1").toString()).contains("alice")
			.doesNotContain("secret");
	}

	@Test
	void aUsersSitesAreReadIgnoringFieldsAReaderDoesNotKnowAndWrittenAsBefore() throws Exception {
		ShellSite[] sites = json.readValue("[{\"id\":3,\"name\":\"alpha\",\"type\":\"PHP\",\"availability\":"
				+ "\"DISABLED\",\"added\":\"later\"}]", ShellSite[].class);
		assertThat(sites).containsExactly(new ShellSite(3, "alpha", SiteType.PHP, SiteAvailability.DISABLED));
		assertThat(written(sites[0]))
			.isEqualTo("{\"id\":3,\"name\":\"alpha\",\"type\":\"PHP\",\"availability\":\"DISABLED\"}");
	}

	@Test
	void aShellGrantIsItsTokenAndSite() throws Exception {
		assertThat(written(new ShellGrant("t0ken", "mysite"))).isEqualTo("{\"token\":\"t0ken\",\"site\":\"mysite\"}");
		assertThat(json.readValue("{\"token\":\"t0ken\",\"site\":\"mysite\"}", ShellGrant.class))
			.isEqualTo(new ShellGrant("t0ken", "mysite"));
	}

	/** The JSON text, its fields in the record's order. */
	private String written(Object value) throws Exception {
		return json.writeValueAsString(value);
	}

}
