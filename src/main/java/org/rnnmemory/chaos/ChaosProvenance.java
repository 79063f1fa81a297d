package org.rnnmemory.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.io.Json;

/**
 * The {@code run.json} of a chaos study: resolved configuration and its hash, seeds, git commit and
 * dirty flag (when run inside a git work tree), library versions, Java/OS/arch, ND4J backend,
 * thread settings, start and end time, status.
 */
public final class ChaosProvenance {
    private ChaosProvenance() {}

    private static final ObjectMapper SNAKE = Json.MAPPER.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    public static ObjectNode of(ChaosStudy study, Instant start, Instant end, String status) {
        ObjectNode o = Json.object();
        o.put("command", "chaos");
        ObjectNode config = o.putObject("config");
        ArrayNode g = config.putArray("gains");
        study.gains().forEach(g::add);
        ArrayNode s = config.putArray("network_seeds");
        study.seeds().forEach(s::add);
        config.set("settings", SNAKE.valueToTree(study.settings()));
        config.put("threads", study.threads());
        o.put("config_hash", Integer.toHexString(Json.pretty(config).hashCode()));
        o.set("environment", environment());
        o.put("start", start.toString());
        o.put("end", end.toString());
        o.put("status", status);
        return o;
    }

    /**
     * The {@code run.json} of the analysis of one given network: {@code config} holds the source, the
     * network (hidden_size, gain, dt_tau, network_seed, state_seed) and the settings.
     */
    public static ObjectNode of(ChaosNetwork network, ChaosSettings settings, Instant start, Instant end,
                                String status) {
        ObjectNode o = Json.object();
        o.put("command", "chaos");
        ObjectNode config = o.putObject("config");
        config.put("source", network.source());
        ObjectNode net = config.putObject("network");
        net.put("hidden_size", network.hiddenSize());
        net.put("gain", network.network().gain());
        net.put("dt_tau", network.dtTau());
        if (network.networkSeed() == null) {
            net.putNull("network_seed");
        } else {
            net.put("network_seed", network.networkSeed().longValue());
        }
        net.put("state_seed", network.stateSeed());
        config.set("settings", SNAKE.valueToTree(settings));
        o.put("config_hash", Integer.toHexString(Json.pretty(config).hashCode()));
        o.set("environment", environment());
        o.put("start", start.toString());
        o.put("end", end.toString());
        o.put("status", status);
        return o;
    }

    /** The settings recorded in a {@code run.json} written by {@link #of}. */
    public static ChaosSettings settings(JsonNode runJson) {
        try {
            return SNAKE.treeToValue(runJson.get("config").get("settings"), ChaosSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("run.json: cannot read config.settings: " + e.getOriginalMessage(), e);
        }
    }

    static ObjectNode environment() {
        ObjectNode e = Json.object();
        e.put("java", System.getProperty("java.version"));
        e.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        e.put("arch", System.getProperty("os.arch"));
        e.put("available_processors", Runtime.getRuntime().availableProcessors());
        e.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
        e.put("nd4j_backend", Nd4j.getBackend().getClass().getName());
        ObjectNode libs = e.putObject("libraries");
        libs.put("nd4j-api", version("org.nd4j", "nd4j-api"));
        libs.put("ejml-ddense", org.ejml.EjmlVersion.VERSION);
        libs.put("xchart", version("org.knowm.xchart", "xchart"));
        libs.put("tablesaw-core", version("tech.tablesaw", "tablesaw-core"));
        e.put("git_commit", git("rev-parse", "HEAD"));
        String status = git("status", "--porcelain", "--untracked-files=no");
        if (status == null) {
            e.putNull("git_dirty");
        } else {
            e.put("git_dirty", !status.isBlank());
        }
        return e;
    }

    /** Version from the artifact's Maven pom.properties on the class path, or null. */
    static String version(String group, String artifact) {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = ChaosProvenance.class.getResourceAsStream(path)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }

    /** Output of a git command in the working directory, or null when git is unavailable. */
    static String git(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] outBytes = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return null;
            }
            return new String(outBytes, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
