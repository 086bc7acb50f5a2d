package org.cix.storage;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.cix.core.error.CixException;
import org.cix.crypto.hash.Hashes;
import org.cix.crypto.pki.CertIdentity;
import org.cix.crypto.pki.DerChains;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealHeader;

/** Seals (header and signature, once per batch) and the certificate chains of the nodes that sealed them. */
final class SealRows {
  private static final HexFormat HEX = HexFormat.of();
  private static final List<String> SEAL_COLUMNS =
      List.of("seal_id", "origin_node", "leaf_count", "header", "signature", "sealed_at");

  private SealRows() {}

  /** Keeps a seal; {@code mayExist}: a received seal may be held already (kept as it is). */
  static void insert(Connection c, Database.Engine engine, Seal seal, boolean mayExist) throws SQLException {
    SealHeader header = header(seal);
    try (PreparedStatement s = c.prepareStatement(mayExist ? Upserts.sql(engine, "seal", SEAL_COLUMNS, true)
        : "INSERT INTO seal (" + String.join(", ", SEAL_COLUMNS) + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setBytes(1, HEX.parseHex(header.getSealId()));
      s.setString(2, header.getOriginNode());
      s.setInt(3, header.getLeafCount());
      s.setBytes(4, seal.getHeader().toByteArray());
      s.setBytes(5, seal.getSignature().toByteArray());
      s.setLong(6, header.getSealedAtMillis());
      s.executeUpdate();
    }
  }

  static Optional<Seal> read(Database database, String sealId) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT header, signature FROM seal WHERE seal_id = ?")) {
      s.setBytes(1, HEX.parseHex(sealId));
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(Seal.newBuilder().setHeader(ByteString.copyFrom(r.getBytes(1)))
            .setSignature(ByteString.copyFrom(r.getBytes(2))).build());
      }
    } catch (SQLException e) {
      throw Transactions.failure("read seal " + sealId, e);
    }
  }

  /** Keeps (or replaces) the chain of an origin certificate, found later by its leaf's SHA-256. */
  static void mergeOriginChain(Connection c, Database.Engine engine, List<X509Certificate> chain)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(Upserts.sql(engine, "origin_certificate",
        List.of("cert_sha256", "node_id", "chain"), true))) {
      X509Certificate leaf = chain.get(0);
      s.setBytes(1, Hashes.sha256(DerChains.encode(List.of(leaf)).get(0)));
      s.setString(2, CertIdentity.of(leaf).nodeId().orElse(""));
      s.setBytes(3, DerChains.pack(chain));
      s.executeUpdate();
    } catch (CertificateParsingException e) {
      throw new SQLException("origin certificate without an identity: " + e.getMessage(), e);
    }
  }

  static Optional<List<X509Certificate>> originChain(Database database, byte[] certSha256) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT chain FROM origin_certificate WHERE cert_sha256 = ?")) {
      s.setBytes(1, certSha256);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(DerChains.unpack(r.getBytes(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw Transactions.failure("read an origin certificate", e);
    } catch (CertificateException e) {
      throw new CixException(CixException.Kind.UNAVAILABLE, "a stored origin certificate is unreadable: "
          + e.getMessage(), e);
    }
  }

  private static SealHeader header(Seal seal) throws SQLException {
    try {
      return SealHeader.parseFrom(seal.getHeader());
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("unreadable seal header", e);
    }
  }
}
