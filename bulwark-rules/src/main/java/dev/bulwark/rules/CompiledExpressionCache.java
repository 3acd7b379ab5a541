package dev.bulwark.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelProtoAbstractSyntaxTree;
import dev.cel.expr.CheckedExpr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A disk cache of type-checked rule expressions, so a CLI run does not parse and type-check every
 * rule again: on a two-core machine that is most of the start-up time of a small scan.
 *
 * <p>Entries are keyed by a SHA-256 of the tool version, the target's variables and the
 * expression text, so a changed rule or a new version never reuses a stale entry. A corrupt or
 * unreadable entry is ignored and rewritten; write failures are ignored (the cache is an
 * optimization, never a requirement). Writes go through a temporary file and an atomic move, so
 * concurrent runs do not see half-written entries. Thread-safe.
 */
public final class CompiledExpressionCache {
    private final Path folder;
    private final String version;

    public CompiledExpressionCache(Path folder, String version) {
        this.folder = folder;
        this.version = version;
    }

    String key(String target, Collection<String> variables, String expression) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(version.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(CelEnvironment.DESCRIPTION.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(target.getBytes(StandardCharsets.UTF_8));
            for (String variable : new java.util.TreeSet<>(variables)) {
                digest.update((byte) 0);
                digest.update(variable.getBytes(StandardCharsets.UTF_8));
            }
            digest.update((byte) 1);
            digest.update(expression.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    Optional<CelAbstractSyntaxTree> get(String key) {
        Path file = folder.resolve(key + ".pb");
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            CheckedExpr checked = CheckedExpr.parseFrom(Files.readAllBytes(file));
            return Optional.of(CelProtoAbstractSyntaxTree.fromCheckedExpr(checked).getAst());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void put(String key, CelAbstractSyntaxTree ast) {
        try {
            Files.createDirectories(folder);
            byte[] bytes = CelProtoAbstractSyntaxTree.fromCelAst(ast).toCheckedExpr().toByteArray();
            Path temporary = Files.createTempFile(folder, key, ".tmp");
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, folder.resolve(key + ".pb"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, folder.resolve(key + ".pb"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // The cache only saves time; a read-only home folder must not fail the scan.
        }
    }
}
