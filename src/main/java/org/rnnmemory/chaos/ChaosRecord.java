package org.rnnmemory.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.Provenance;

/**
 * The {@code run.json} of a chaos study: the {@link Provenance} every output carries (start and end
 * time, status, git commit and dirty flag, libraries, platform, backend), the command, its
 * configuration ({@code config}) and the configuration's hash ({@link Provenance#hash} of the
 * pretty-printed {@code config}).
 */
public final class ChaosRecord {
    private ChaosRecord() {}

    private static final ObjectMapper SNAKE = Json.MAPPER.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** The configuration of a study over gains and network seeds: gains, network_seeds, settings, threads. */
    public static ObjectNode config(ChaosStudy study) {
        ObjectNode config = Json.object();
        ArrayNode g = config.putArray("gains");
        study.gains().forEach(g::add);
        ArrayNode s = config.putArray("network_seeds");
        study.seeds().forEach(s::add);
        config.set("settings", SNAKE.valueToTree(study.settings()));
        config.put("threads", study.threads());
        return config;
    }

    /**
     * The configuration of the analysis of one given network: the source, the network (hidden_size,
     * gain, dt_tau, network_seed, state_seed) and the settings.
     */
    public static ObjectNode config(ChaosNetwork network, ChaosSettings settings) {
        ObjectNode config = Json.object();
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
        return config;
    }

    /** The whole {@code run.json}: {@code provenance}'s keys, {@code command}, {@code config} and {@code config_hash}. */
    public static ObjectNode of(Provenance provenance, ObjectNode config) {
        ObjectNode o = provenance.toJson();
        o.put("command", "chaos");
        o.set("config", config);
        o.put(Provenance.CONFIG_HASH, Provenance.hash(Json.pretty(config)));
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
}
