package org.cix.crypto.pem;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.cix.crypto.keys.KeyPairs;

/**
 * PEM files of certificates and private keys. Writes are atomic (a temporary file moved into
 * place) and private keys are created owner-only (0600) from the first byte. Every failure names
 * the file.
 */
public final class PemFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

  private PemFiles() {}

  public static void writeCertificates(Path file, List<X509Certificate> certificates) {
    writeAtomically(file, toPem(certificates), PUBLIC);
  }

  /** Writes a certificate revocation list (PEM "X509 CRL"). */
  public static void writeCrl(Path file, X509CRL crl) {
    writeAtomically(file, toPem(List.of(crl)), PUBLIC);
  }

  /** Reads a certificate revocation list written by {@link #writeCrl} (or by openssl). */
  public static X509CRL readCrl(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object = parser.readObject();
      if (!(object instanceof X509CRLHolder holder)) {
        throw new KeyMaterialException(file, "expected a certificate revocation list, found " + describe(object));
      }
      return new JcaX509CRLConverter().getCRL(holder);
    } catch (NoSuchFileException e) {
      throw new KeyMaterialException(file, "missing");
    } catch (IOException | CRLException | IllegalArgumentException e) {
      throw new KeyMaterialException(file, "not a readable PEM revocation list (" + e.getMessage() + ")", e);
    }
  }

  /** Writes certification requests (PEM "CERTIFICATE REQUEST"), in order. */
  public static void writeRequests(Path file, List<PKCS10CertificationRequest> requests) {
    writeAtomically(file, toPem(requests), PUBLIC);
  }

  /** Reads the certification requests of {@code file}, in order. */
  public static List<PKCS10CertificationRequest> readRequests(Path file) {
    List<PKCS10CertificationRequest> requests = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (!(object instanceof PKCS10CertificationRequest request)) {
          throw new KeyMaterialException(file, "expected certification requests, found " + describe(object));
        }
        requests.add(request);
      }
    } catch (NoSuchFileException e) {
      throw new KeyMaterialException(file, "missing");
    } catch (IOException | IllegalArgumentException e) {
      throw new KeyMaterialException(file, "not a readable PEM request file (" + e.getMessage() + ")", e);
    }
    return requests;
  }

  public static void writePrivateKey(Path file, PrivateKey key) {
    writeAtomically(file, toPem(List.of(key)), OWNER_ONLY);
  }

  /** Writes a small secret (such as a token) owner-only. */
  public static void writeSecret(Path file, String secret) {
    writeAtomically(file, secret, OWNER_ONLY);
  }

  /** Reads a secret written by {@link #writeSecret}, refusing it when others can read it. */
  public static String readSecret(Path file) {
    PrivateFiles.requireOwnerOnly(file);
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new KeyMaterialException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  public static List<X509Certificate> readCertificates(Path file) {
    List<X509Certificate> certificates = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (!(object instanceof X509CertificateHolder holder)) {
          throw new KeyMaterialException(file, "expected certificates, found " + describe(object));
        }
        certificates.add(converter.getCertificate(holder));
      }
    } catch (NoSuchFileException e) {
      throw new KeyMaterialException(file, "missing");
    } catch (IOException | CertificateException | IllegalArgumentException e) {
      throw new KeyMaterialException(file, "not a readable PEM certificate file (" + e.getMessage() + ")", e);
    }
    if (certificates.isEmpty()) {
      throw new KeyMaterialException(file, "holds no certificate");
    }
    return certificates;
  }

  public static PrivateKey readPrivateKey(Path file) {
    PrivateFiles.requireOwnerOnly(file);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (object instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      throw new KeyMaterialException(file, "expected a private key, found " + describe(object));
    } catch (NoSuchFileException e) {
      throw new KeyMaterialException(file, "missing");
    } catch (PEMException e) {
      throw new KeyMaterialException(file, "not a usable private key (" + e.getMessage() + ")", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new KeyMaterialException(file, "not a readable PEM private key (" + e.getMessage() + ")", e);
    }
  }

  /** A private key and the certificate chain it belongs to. */
  public record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {}

  /** Reads a key and its certificate chain, refusing a key that does not match the certificate. */
  public static KeyAndChain readKeyAndChain(Path keyFile, Path certFile) {
    PrivateKey key = readPrivateKey(keyFile);
    List<X509Certificate> chain = readCertificates(certFile);
    if (!KeyPairs.matches(key, chain.get(0).getPublicKey())) {
      throw new KeyMaterialException(keyFile, "does not match the certificate in " + certFile);
    }
    return new KeyAndChain(key, chain);
  }

  private static String describe(Object object) {
    return object == null ? "nothing" : object.getClass().getSimpleName();
  }

  private static String toPem(List<?> objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode PEM", e);
    }
    return out.toString();
  }

  private static void writeAtomically(Path file, String content, Set<PosixFilePermission> permissions) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(permissions));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp);
      }
      Files.writeString(tmp, content, StandardCharsets.US_ASCII, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (FileAlreadyExistsException e) {
      throw new KeyMaterialException(tmp, "left over from an interrupted write; remove it", e);
    } catch (IOException e) {
      throw new KeyMaterialException(file, "cannot write: " + e.getMessage(), e);
    }
  }
}
