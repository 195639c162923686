package edu.tjhsst.director.common.nginx;

import java.util.List;
import java.util.Map;

import com.samskivert.mustache.MustacheException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NginxTemplatesTests {

	private final NginxTemplates templates = new NginxTemplates();

	@Test
	void valuesAreInsertedWithoutHtmlEscaping() {
		assertThat(templates.render("test/sample.conf", Map.of("host", "a.example", "path", "/x&y")))
			.isEqualTo("server_name a.example;\nroot /x&y;\n");
	}

	@Test
	void aMissingValueIsAnErrorRatherThanAnEmptyString() {
		assertThatThrownBy(() -> templates.render("test/sample.conf", Map.of("host", "a.example")))
			.isInstanceOf(MustacheException.class);
	}

	@Test
	void anUnknownTemplateIsReportedByName() {
		assertThatThrownBy(() -> templates.render("nope", Map.of())).hasMessageContaining("nope");
	}

	@Test
	void onlyNamesWithADotAreKeysOfAMapSoNoneIsOneOfItsWords() {
		assertThat(NginxTemplates.mapKeys(List.of("tom.example.org", "default.example.org")))
			.containsExactly("tom.example.org", "default.example.org");
		for (String word : List.of("default", "include", "hostnames", "volatile")) {
			assertThatThrownBy(() -> NginxTemplates.mapKeys(List.of("a.example.org", word))).as(word)
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining(word);
		}
	}

	@Test
	void nginxMessagesAreCutToTheirExplanation() {
		String output = "nginx: [emerg] unknown directive \"bogus\" in /x/site-1.conf:1\n"
				+ "nginx: configuration file /x/nginx.conf test failed\n";
		assertThat(NginxMessages.clean(output)).isEqualTo("unknown directive \"bogus\" in /x/site-1.conf:1");
	}

}
