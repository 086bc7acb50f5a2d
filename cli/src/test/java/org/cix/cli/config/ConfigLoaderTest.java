package org.cix.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.cix.core.link.LinkRole;
import org.cix.federation.link.LinkTarget;
import org.cix.federation.server.ServerLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void load_minimalFile_appliesDefaults() throws Exception {
    NodeConfig config = ConfigLoader.load(write("node:\n  keys: keys/cn\n  data: data/cn\n"));

    assertThat(config.keysDir()).isEqualTo(dir.resolve("keys/cn"));
    assertThat(config.dataDir()).isEqualTo(dir.resolve("data/cn"));
    assertThat(config.listenHost()).isEqualTo("0.0.0.0");
    assertThat(config.listenPort()).isEqualTo(7400);
    assertThat(config.adminPort()).isZero();
    assertThat(config.catalogDir()).isEmpty();
    assertThat(config.pilotAllowlist()).isEmpty();
    assertThat(config.parent()).isEmpty();
    assertThat(config.peers()).isEmpty();
    assertThat(config.limits()).isEqualTo(ServerLimits.defaults());
    assertThat(config.reconnect()).isEqualTo(ConfigLoader.defaultBackoff());
  }

  @Test
  void load_everyKey_isMapped() throws Exception {
    NodeConfig config = ConfigLoader.load(write("""
        node:
          keys: /etc/cix/keys
          data: /var/lib/cix
        catalog: catalog
        identifiers:
          pilot-allowlist: pilots.txt
        listen:
          host: 10.1.2.3
          port: 7500
        admin:
          port: 7501
        parent:
          node-id: bj
          address: bj.example.org:7400
        peers:
          - node-id: tj
            address: "[::1]:7600"
        limits:
          max-message-size: 8MiB
          keepalive-time: 20s
          keepalive-timeout: 5s
          permit-keepalive-time: 5s
          max-connection-idle: 10m
          max-connection-age: 12h
          max-connection-age-grace: 30s
          handshake-timeout: 3s
          threads: 8
        reconnect:
          initial-backoff: 500ms
          max-backoff: 1m
          jitter: 0.5
        """));

    assertThat(config.keysDir()).isEqualTo(Path.of("/etc/cix/keys"));
    assertThat(config.catalogDir()).contains(dir.resolve("catalog"));
    assertThat(config.pilotAllowlist()).contains(dir.resolve("pilots.txt"));
    assertThat(config.listenHost()).isEqualTo("10.1.2.3");
    assertThat(config.listenPort()).isEqualTo(7500);
    assertThat(config.adminPort()).isEqualTo(7501);
    assertThat(config.parent()).contains(new LinkTarget("bj", "bj.example.org", 7400, LinkRole.PARENT));
    assertThat(config.peers()).containsExactly(new LinkTarget("tj", "::1", 7600, LinkRole.PEER));
    assertThat(config.limits()).isEqualTo(new ServerLimits(8 * 1024 * 1024, Duration.ofSeconds(20),
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofHours(12),
        Duration.ofSeconds(30), Duration.ofSeconds(3), 8));
    assertThat(config.reconnect().initial()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.reconnect().max()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.reconnect().jitter()).isEqualTo(0.5);
  }

  @Test
  void load_manyMistakes_reportsEveryOneWithItsKey() throws Exception {
    Path file = write("""
        node:
          keys: keys
        listen:
          port: 70000
          hots: 127.0.0.1
        parent:
          node-id: Beijing_City
          address: nowhere
        peers:
          - node-id: tj
          - node-id: tj
            address: 127.0.0.1:7600
          - node-id: tj
            address: 127.0.0.1:7601
        limits:
          keepalive-time: soon
          max-message-size: 10TB
          threads: many
        reconnect:
          initial-backoff: 10s
          max-backoff: 1s
        storage: h2
        """);

    assertThatThrownBy(() -> ConfigLoader.load(file))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrder(
            "node.data: required",
            "listen.port: 70000 is out of range [0, 65535]",
            "listen.hots: unknown key",
            "parent.node-id: 'Beijing_City' is not a node id (lower-case letters, digits and '-')",
            "parent.address: expected host:port, got 'nowhere'",
            "peers[0].address: required",
            "peers[2].node-id: 'tj' is already linked above",
            "limits.keepalive-time: expected a duration such as 500ms, 30s, 15m, 24h or 7d, got 'soon'",
            "limits.max-message-size: expected a size such as 1048576, 512KiB or 16MiB, got '10TB'",
            "limits.threads: expected a whole number, got 'many' (string)",
            "reconnect.max-backoff: must not be shorter than initial-backoff",
            "storage: expected a section of keys, got 'h2' (string)"))
        .hasMessageStartingWith(file + ": 12 errors");
  }

  @Test
  void load_notYaml_saysSo() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(write("node: [unclosed\n")))
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml")))
        .hasMessageContaining("missing.yaml: 1 error").hasMessageContaining("file not found");
    assertThatThrownBy(() -> ConfigLoader.load(dir)).as("--config naming the node's folder (issue 23)")
        .hasMessageContaining("is a directory: name the YAML file in it").hasMessageNotContaining("IOException");
  }

  @Test
  void load_storage_postgres_andItsMistakes() throws Exception {
    NodeConfig config = ConfigLoader.load(write("""
        node: {keys: keys, data: data}
        storage:
          engine: postgres
          url: jdbc:postgresql://10.0.0.5:5432/cix
          user: cix_cn
          password-file: secrets/pg.password
        peers:
          - node-id: sh
            address: 10.0.0.9:7400
            subscribe: {types: [serious-dishonesty], regions: ["31"]}
        """));
    assertThat(config.storage()).isEqualTo(StorageConfig.postgres("jdbc:postgresql://10.0.0.5:5432/cix", "cix_cn",
        java.util.Optional.of(dir.resolve("secrets/pg.password"))));
    assertThat(ConfigLoader.load(write("""
        node: {keys: keys, data: data}
        storage: {engine: postgres, url: "jdbc:postgresql://h/cix", user: cix, partition-versions: 50000000}
        """)).storage().partitionVersions()).isEqualTo(50_000_000);
    assertThat(config.peers().get(0).subscription().getTypesList()).containsExactly("serious-dishonesty");
    assertThat(config.peers().get(0).subscription().getRegionsList()).containsExactly("31");
    assertThat(ConfigLoader.load(write("node: {keys: k, data: d}\n")).storage()).isEqualTo(StorageConfig.H2);

    assertThatThrownBy(() -> ConfigLoader.load(write("""
        node: {keys: keys, data: data}
        storage: {engine: postgres, url: "postgres://x/cix", pasword-file: p}
        """)))
        .hasMessageContaining("storage.url: expected jdbc:postgresql://HOST:PORT/DATABASE")
        .hasMessageContaining("storage.user")
        .hasMessageContaining("storage.pasword-file");
    assertThatThrownBy(() -> ConfigLoader.load(write("""
        node: {keys: keys, data: data}
        storage: {engine: postgres, url: "jdbc:postgresql://h/cix", user: cix, partition-versions: 100}
        """)))
        .hasMessageContaining("storage.partition-versions");
    assertThatThrownBy(() -> ConfigLoader.load(write("node: {keys: k, data: d}\nstorage: {engine: oracle}\n")))
        .hasMessageContaining("storage.engine: 'oracle' is not an engine (h2, postgres)");
  }

  @Test
  void load_frontEnd_onAStandby_recordingInTheWritersDatabase_andItsMistakes() throws Exception {
    NodeConfig config = ConfigLoader.load(write("""
        node: {keys: keys, data: data}
        storage: {engine: postgres, url: "jdbc:postgresql://10.0.0.6:5432/cix", user: cix_reader}
        front-end:
          max-lag: 5s
          writer-database:
            url: jdbc:postgresql://10.0.0.5:5432,10.0.0.6:5432/cix?targetServerType=primary
            user: cix_front_end
            password-file: secrets/front-end.password
        """));
    assertThat(config.frontEnd()).contains(new FrontEndConfig(Duration.ofSeconds(5), StorageConfig.postgres(
        "jdbc:postgresql://10.0.0.5:5432,10.0.0.6:5432/cix?targetServerType=primary", "cix_front_end",
        java.util.Optional.of(dir.resolve("secrets/front-end.password")))));
    assertThat(config.describe()).anyMatch(line -> line.startsWith("front-end = read front end, at most PT5S behind"));
    assertThat(ConfigLoader.load(write("node: {keys: k, data: d}\n")).frontEnd()).isEmpty();

    assertThatThrownBy(() -> ConfigLoader.load(write("""
        node: {keys: keys, data: data}
        parent: {node-id: cn, address: "10.0.0.1:7400"}
        front-end: {max-lag: 0s, writer: x}
        """)))
        .hasMessageContaining("front-end: a read front end reads a PostgreSQL standby")
        .hasMessageContaining("front-end: a read front end has no links")
        .hasMessageContaining("front-end.max-lag: must be longer than zero")
        .hasMessageContaining("front-end.writer-database: required")
        .hasMessageContaining("front-end.writer");
  }
}
