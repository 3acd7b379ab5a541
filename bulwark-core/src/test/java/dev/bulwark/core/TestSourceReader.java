package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.source.SourceReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestSourceReader {
    private final SourceReader reader = new SourceReader(64);

    @Test
    void readsUtf8AndStripsTheByteOrderMark() {
        byte[] bytes = "\uFEFFkind: Pod\n".getBytes(StandardCharsets.UTF_8);
        SourceReader.Outcome outcome = reader.read(new ByteArrayInputStream(bytes), "-");
        assertThat(outcome.file().orElseThrow().content()).isEqualTo("kind: Pod\n");
    }

    @Test
    void refusesOversizedBinaryAndInvalidInput() {
        assertThat(reader.read(new ByteArrayInputStream(new byte[100]), "-").skipped().orElseThrow()).contains("limit");
        assertThat(reader.read(new ByteArrayInputStream(new byte[] {'a', 0, 'b'}), "-").skipped().orElseThrow())
                .contains("binary");
        byte[] latin1 = "a: 1\nb: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(reader.read(new ByteArrayInputStream(latin1), "-").skipped().orElseThrow())
                .contains("invalid UTF-8 at line 2");
    }
}
