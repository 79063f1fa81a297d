package org.rnnmemory.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
    @TempDir
    Path tmp;

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", "-c", "core.hooksPath=/dev/null"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "git " + String.join(" ", args) + " timed out");
        assertEquals(0, p.exitValue(), "git " + String.join(" ", args) + ": " + out);
    }

    /** HEAD's commit read from the .git directory itself, without asking git. */
    private static String headFromFiles(Path repo) throws IOException {
        String head = Files.readString(repo.resolve(".git/HEAD")).trim();
        assertTrue(head.startsWith("ref: "), head);
        return Files.readString(repo.resolve(".git").resolve(head.substring(5))).trim();
    }

    @Test
    void detectsCommitAndDirtyFlagOfAGitCheckout() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("src/a.txt"), "one\n");
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "first");
        String commit = headFromFiles(repo);
        assertTrue(commit.matches("[0-9a-f]{40}"), commit);

        assertEquals(new Provenance.Git(commit, false), Provenance.gitState(repo));
        assertEquals(new Provenance.Git(commit, false), Provenance.gitState(repo.resolve("src")));

        Files.writeString(repo.resolve("src/a.txt"), "two\n");
        assertEquals(new Provenance.Git(commit, true), Provenance.gitState(repo));
    }

    @Test
    void untrackedFileMakesTheCheckoutDirty() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("a.txt"), "one\n");
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "first");
        Files.writeString(repo.resolve("new.txt"), "x\n");

        assertEquals(true, Provenance.gitState(repo).dirty());
    }

    /**
     * The build writes the commit it builds into the classes (Maven's generate-resources phase); the
     * tests run from the checkout that was built, so it is this checkout's HEAD, or an ancestor of it
     * when a commit landed while the build ran.
     */
    @Test
    void theBuildCommitIsTheCheckoutsHeadWhenBuiltFromIt() throws Exception {
        Path basedir = Path.of("").toAbsolutePath();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(basedir.resolve(".git"))
                && !Provenance.gitState(basedir).commit().equals("unknown"), "not built from a git checkout git can read");
        Provenance.Git build = Provenance.buildCommit();
        assertTrue(build.commit().matches("[0-9a-f]{40}"), build.commit());
        git(basedir, "merge-base", "--is-ancestor", build.commit(), "HEAD");
        assertTrue(build.dirty() != null, "dirty flag missing");
        assertEquals(build, Provenance.capture(tmp).build());
    }

    @Test
    void buildPropertiesAreReadStrictly() {
        String c = "0123456789abcdef0123456789abcdef01234567";
        assertEquals(new Provenance.Git(c, true), buildOf("git.commit.id.full=" + c + "\ngit.dirty=true\n"));
        assertEquals(new Provenance.Git(c, false), buildOf("git.dirty=false\ngit.commit.id.full=" + c + "\n"));
        assertEquals(new Provenance.Git(c, null), buildOf("git.commit.id.full=" + c + "\n"));
        assertEquals(Provenance.Git.UNKNOWN, buildOf("git.commit.id.full=abc123\ngit.dirty=false\n"));
        assertEquals(Provenance.Git.UNKNOWN, buildOf(""));
        assertEquals(Provenance.Git.UNKNOWN, EnvironmentProbes.build(null));
    }

    private static Provenance.Git buildOf(String text) {
        return EnvironmentProbes.build(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void outsideAGitCheckoutTheCommitIsUnknown() {
        Provenance.Git g = Provenance.gitState(tmp);
        assertEquals("unknown", g.commit());
        assertNull(g.dirty());
    }

    @Test
    void jsonHasEveryKeyAndTheRunTimes() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("a.txt"), "one\n");
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "first");
        Instant start = Instant.parse("2024-05-01T12:00:00.123456Z");

        Provenance running = Provenance.capture(repo, Clock.fixed(start, ZoneOffset.UTC));
        ObjectNode json = running.finish("completed", start.plusSeconds(90)).toJson();

        assertEquals(Set.of("status", "start_utc", "end_utc", "git", "build", "libraries", "java", "os", "cpu",
                "hostname", "env", "backend"), keys(json));
        assertEquals("completed", json.get("status").textValue());
        assertEquals("2024-05-01T12:00:00.123Z", json.get("start_utc").textValue());
        assertEquals("2024-05-01T12:01:30.123Z", json.get("end_utc").textValue());
        assertEquals(headFromFiles(repo), json.at("/git/commit").textValue());
        assertFalse(json.at("/git/dirty").booleanValue());
        assertEquals(Set.of("commit", "dirty"), keys(json.get("git")));
        assertEquals(Set.of("commit", "dirty"), keys(json.get("build")));
        assertEquals(Set.of("version", "vendor", "max_heap_bytes"), keys(json.get("java")));
        assertEquals(Set.of("name", "version", "arch"), keys(json.get("os")));
        assertEquals(Set.of("model", "cores"), keys(json.get("cpu")));
        assertEquals(Set.of("OMP_NUM_THREADS"), keys(json.get("env")));
        assertEquals(Set.of("name", "device", "blas_vendor", "omp_threads", "blas_threads", "blas_core", "blas_core_source"),
                keys(json.get("backend")));

        assertEquals(System.getProperty("java.version"), json.at("/java/version").textValue());
        assertEquals(Runtime.getRuntime().maxMemory(), json.at("/java/max_heap_bytes").longValue());
        assertEquals(System.getProperty("os.arch"), json.at("/os/arch").textValue());
        assertEquals(Runtime.getRuntime().availableProcessors(), json.at("/cpu/cores").intValue());
        assertEquals(System.getenv("OMP_NUM_THREADS"), json.at("/env/OMP_NUM_THREADS").textValue());
        assertTrue(json.at("/backend/name").textValue().endsWith("Backend"), json.get("backend").toString());
        assertNotEquals("unknown", json.at("/backend/device").textValue());
    }

    @Test
    void libraryVersionsComeFromTheJars() {
        ObjectNode json = Provenance.capture(tmp).toJson();
        JsonNode libs = json.get("libraries");
        assertTrue(keys(libs).containsAll(Set.of("nd4j-api", "datavec-api", "tablesaw-core", "jackson-databind")),
                libs.toString());
        assertEquals("1.0.0-M2.1", libs.get("nd4j-api").textValue());
        assertEquals("1.0.0-M2.1", libs.get("datavec-api").textValue());
        assertEquals("1.0.0-M2.1", libs.get("nd4j-native").textValue());
        assertEquals("0.10.1", libs.get("progressbar").textValue());
        // ND4J's shaded Jackson jar carries an older jackson-databind pom.properties; the version
        // must be the one of the Jackson classes in use, as their jar manifest states.
        assertEquals(com.fasterxml.jackson.databind.ObjectMapper.class.getPackage().getImplementationVersion(),
                libs.get("jackson-databind").textValue());
        assertTrue(libs.get("tablesaw-core").textValue().matches("\\d+\\.\\d+.*"), libs.toString());
    }

    @Test
    void aRunningRecordHasNoEndTime() {
        Provenance p = Provenance.capture(tmp, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        ObjectNode json = p.toJson();
        assertEquals("running", json.get("status").textValue());
        assertTrue(json.get("end_utc").isNull());
        assertEquals("1970-01-01T00:00:00Z", json.get("start_utc").textValue());
    }

    @Test
    void rejectsAnEndBeforeTheStartAndABlankStatus() {
        Provenance p = Provenance.capture(tmp, Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.finish("completed", Instant.parse("2023-12-31T23:59:59Z")));
        assertTrue(e.getMessage().contains("must not be before start"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.finish(" "));
        assertTrue(e.getMessage().contains("status must not be blank"), e.getMessage());
    }

    @Test
    void cpuModelIsTheFirstModelNameLine() throws IOException {
        Path cpuinfo = tmp.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel\t\t: 85\n"
                + "model name\t: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz\n\nprocessor\t: 1\nmodel name\t: other\n");
        assertEquals("Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz", EnvironmentProbes.cpuModel(cpuinfo));
        Files.writeString(cpuinfo, "processor\t: 0\nCPU part\t: 0xd0c\n");
        assertEquals("unknown", EnvironmentProbes.cpuModel(cpuinfo));
        assertEquals("unknown", EnvironmentProbes.cpuModel(tmp.resolve("absent")));
    }

    @Test
    void deviceNamesTheCudaDevicesOrTheCpu() {
        Properties cuda = new Properties();
        cuda.put("backend", "CUDA");
        cuda.put("cuda.devicesInformation", List.of(Map.of("cuda.deviceName", "NVIDIA A100-SXM4-40GB"),
                Map.of("cuda.deviceName", "NVIDIA A100-SXM4-40GB")));
        assertEquals("CUDA: NVIDIA A100-SXM4-40GB, NVIDIA A100-SXM4-40GB", EnvironmentProbes.device(cuda));

        Properties cpu = new Properties();
        cpu.put("backend", "CPU");
        assertEquals("CPU", EnvironmentProbes.device(cpu));
        assertEquals("unknown", EnvironmentProbes.device(new Properties()));
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
