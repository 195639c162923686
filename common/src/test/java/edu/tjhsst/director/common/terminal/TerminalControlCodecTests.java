package edu.tjhsst.director.common.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.terminal.TerminalControl.Eof;
import edu.tjhsst.director.common.terminal.TerminalControl.Exit;
import edu.tjhsst.director.common.terminal.TerminalControl.Failure;
import edu.tjhsst.director.common.terminal.TerminalControl.Input;
import edu.tjhsst.director.common.terminal.TerminalControl.Resize;

/** The terminal WebSocket's control messages, byte for byte as the components have always sent them. */
class TerminalControlCodecTests {

	@Test
	void eachMessageIsWrittenAsTheComponentsSendIt() {
		assertThat(TerminalControlCodec.encode(new Resize(80, 24)))
			.isEqualTo("{\"type\":\"resize\",\"cols\":80,\"rows\":24}");
		assertThat(TerminalControlCodec.encode(new Eof())).isEqualTo("{\"type\":\"eof\"}");
		assertThat(TerminalControlCodec.encode(new Exit(0))).isEqualTo("{\"type\":\"exit\",\"code\":0}");
		assertThat(TerminalControlCodec.encode(new Exit(137))).isEqualTo("{\"type\":\"exit\",\"code\":137}");
		assertThat(TerminalControlCodec.encode(new Failure("the session's process was lost")))
			.isEqualTo("{\"type\":\"error\",\"message\":\"the session's process was lost\"}");
		assertThat(TerminalControlCodec.encode(new Input("ls\r"))).isEqualTo("{\"type\":\"input\",\"data\":\"ls\\r\"}");
	}

	@Test
	void aMessageWithQuotesOrControlCharactersStaysOneJsonString() {
		String text = TerminalControlCodec.encode(new Failure("cannot run \"x\"\n\tbecause \\ é"));
		assertThat(text).isEqualTo("{\"type\":\"error\",\"message\":\"cannot run \\\"x\\\"\\n\\tbecause \\\\ é\"}");
		assertThat(TerminalControlCodec.decode(text)).contains(new Failure("cannot run \"x\"\n\tbecause \\ é"));
	}

	@Test
	void everyMessageReadsBackAsItself() {
		for (TerminalControl control : new TerminalControl[] { new Input("echo hi\n"), new Resize(1, 1000), new Eof(),
				new Exit(0), new Exit(255), new Failure("the terminal cannot be started right now") }) {
			assertThat(TerminalControlCodec.decode(TerminalControlCodec.encode(control))).contains(control);
		}
	}

	@Test
	void aResizeOutsideOneToAThousandOrNotInWholeNumbersIsNotUnderstood() {
		assertThat(TerminalControlCodec.decode("{\"type\":\"resize\",\"cols\":0,\"rows\":24}")).isEmpty();
		assertThat(TerminalControlCodec.decode("{\"type\":\"resize\",\"cols\":80,\"rows\":1001}")).isEmpty();
		assertThat(TerminalControlCodec.decode("{\"type\":\"resize\",\"cols\":\"80\",\"rows\":24}")).isEmpty();
		assertThat(TerminalControlCodec.decode("{\"type\":\"resize\",\"cols\":80.5,\"rows\":24}")).isEmpty();
		assertThat(TerminalControlCodec.decode("{\"type\":\"resize\",\"cols\":80}")).isEmpty();
	}

	@Test
	void unknownTypesAndInputWithoutTextAreNotUnderstood() {
		assertThat(TerminalControlCodec.decode("{\"type\":\"reboot\"}")).isEmpty();
		assertThat(TerminalControlCodec.decode("{\"data\":\"ls\"}")).isEmpty();
		assertThat(TerminalControlCodec.decode("{\"type\":\"input\",\"data\":5}")).isEmpty();
		assertThat(TerminalControlCodec.decode("[1,2]")).isEmpty();
	}

	@Test
	void anExitOrErrorMissingItsDetailStillEndsTheSession() {
		assertThat(TerminalControlCodec.decode("{\"type\":\"exit\"}")).contains(new Exit(1));
		assertThat(TerminalControlCodec.decode("{\"type\":\"error\"}"))
			.contains(new Failure(TerminalControl.UNKNOWN_FAILURE));
	}

	@Test
	void textThatIsNotJsonIsRefused() {
		assertThatThrownBy(() -> TerminalControlCodec.decode("{\"type\":"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> TerminalControlCodec.decode("resize 80 24"))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
