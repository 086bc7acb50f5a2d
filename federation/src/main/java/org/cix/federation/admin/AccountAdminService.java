package org.cix.federation.admin;

import static org.cix.federation.rpc.StatusMapping.answer;

import io.grpc.stub.StreamObserver;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.cix.core.account.Accounts;
import org.cix.core.account.Role;
import org.cix.core.error.CixException;
import org.cix.proto.v1.AccountAdminGrpc;
import org.cix.proto.v1.AccountInfo;
import org.cix.proto.v1.AccountList;
import org.cix.proto.v1.AddAccountRequest;
import org.cix.proto.v1.AddedAccount;
import org.cix.proto.v1.ListAccountsRequest;
import org.cix.proto.v1.RevokeAccountRequest;

/** The node's accounts as its operator (admin port) or an account with the admin role (department API) manages them. */
public final class AccountAdminService extends AccountAdminGrpc.AccountAdminImplBase {
  /** How the audit log names the operator at the node's own host. */
  static final String OPERATOR = "operator (admin port)";

  private final Accounts accounts;
  private final Supplier<String> actor;

  /** On the admin port: the operator acts. */
  public AccountAdminService(Accounts accounts) {
    this(accounts, () -> OPERATOR);
  }

  /**
   * Wherever else: {@code actor} names who acts in the audit log, and refuses the call (throws)
   * when the caller may not manage accounts.
   */
  public AccountAdminService(Accounts accounts, Supplier<String> actor) {
    this.accounts = accounts;
    this.actor = actor;
  }

  @Override
  public void addAccount(AddAccountRequest request, StreamObserver<AddedAccount> response) {
    answer(response, () -> {
      String by = actor.get();
      Optional<char[]> password = request.getPassword().isEmpty() ? Optional.empty()
          : Optional.of(request.getPassword().toCharArray());
      Optional<PublicKey> key = request.getSystemPublicKey().isEmpty() ? Optional.empty()
          : Optional.of(publicKey(request.getSystemPublicKey().toByteArray()));
      Accounts.Added added = accounts.add(new Accounts.NewAccount(request.getName(), request.getDepartment(),
          request.getRolesList().stream().map(Role::of).collect(Collectors.toSet()),
          Duration.ofDays(request.getValidDays() == 0 ? 365 : request.getValidDays()), password, key), by);
      AddedAccount.Builder answer = AddedAccount.newBuilder().setAccount(AccountProtos.account(added.account()));
      try {
        if (added.certificate().isPresent()) {
          answer.setCertificate(com.google.protobuf.ByteString.copyFrom(added.certificate().get().getEncoded()));
        }
        answer.setIssuer(com.google.protobuf.ByteString.copyFrom(accounts.issuer().certificate().getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
      return answer.build();
    });
  }

  @Override
  public void listAccounts(ListAccountsRequest request, StreamObserver<AccountList> response) {
    answer(response, () -> {
      actor.get();
      AccountList.Builder list = AccountList.newBuilder();
      accounts.all().forEach(a -> list.addAccounts(AccountProtos.account(a)));
      return list.build();
    });
  }

  @Override
  public void revokeAccount(RevokeAccountRequest request, StreamObserver<AccountInfo> response) {
    answer(response, () -> AccountProtos.account(accounts.revoke(request.getName(), actor.get())));
  }

  private static PublicKey publicKey(byte[] der) {
    X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
    for (String algorithm : new String[] {"EC", "Ed25519", "RSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(spec);
      } catch (GeneralSecurityException e) {
        // try the next
      }
    }
    throw CixException.invalidInput("the system's public key is not an EC, Ed25519 or RSA key (X.509 DER)");
  }
}
