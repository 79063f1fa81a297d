package org.rnnmemory.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.rnnmemory.config.ConfigNode.MapNode;
import org.rnnmemory.config.ConfigNode.Origin;

/**
 * Loads an {@link ExperimentSpec} from YAML, strictly: unknown keys, wrong types (no coercion),
 * out-of-range values, duplicate keys and malformed YAML are {@link ConfigException}s naming the
 * file, line and dotted key. Absent keys take the System A value.
 */
public final class ExperimentLoader {
    private ExperimentLoader() {}

    /**
     * Reads {@code file}, then applies {@code overrides} in order.
     *
     * @param overrides {@code PATH=VALUE} strings as given to {@code --set}, VALUE parsed as YAML
     *     ({@code training.epochs=2}, {@code seeds=[3]}, {@code network.init.input={pcs: [1], of: memory}})
     */
    public static ExperimentSpec load(Path file, List<String> overrides) {
        return Binder.spec(withOverrides(readFile(file), overrides));
    }

    /**
     * Parses YAML text. {@code sourceName} names the text in messages, and its folder is where
     * relative {@code vector:} paths resolve (the working folder when it has none).
     */
    public static ExperimentSpec parse(String yaml, String sourceName, List<String> overrides) {
        return Binder.spec(withOverrides(readText(yaml, sourceName, baseDir(sourceName)), overrides));
    }

    static MapNode withOverrides(MapNode root, List<String> overrides) {
        MapNode out = root;
        for (String arg : overrides) {
            out = Overrides.apply(out, arg);
        }
        return out;
    }

    /** The top-level mapping of a YAML file. */
    static MapNode readFile(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), null, "file not found");
        } catch (CharacterCodingException e) {
            throw new ConfigException(file.toString(), null, "not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), null, "cannot read: " + e);
        }
        return readText(text, file.toString(), file.toAbsolutePath().getParent());
    }

    /** The top-level mapping of a YAML text; empty documents and other top-level values are errors. */
    static MapNode readText(String text, String sourceName, Path baseDir) {
        ConfigNode root = YamlReader.read(text, "", line -> new Origin(sourceName + ":" + line, baseDir));
        if (root == null) {
            throw new ConfigException(sourceName + ":1", null, "the document is empty; expected a mapping");
        }
        if (!(root instanceof MapNode m)) {
            throw new ConfigException(root.origin().where(), null,
                    "the top level must be a mapping of keys, found " + Fields.describe(root));
        }
        return m;
    }

    private static Path baseDir(String sourceName) {
        try {
            Path parent = Path.of(sourceName).toAbsolutePath().getParent();
            return parent != null ? parent : Path.of("").toAbsolutePath();
        } catch (InvalidPathException e) {
            return Path.of("").toAbsolutePath();
        }
    }
}
