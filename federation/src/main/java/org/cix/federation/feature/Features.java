package org.cix.federation.feature;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import io.grpc.BindableService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cix.core.sync.ChangeLogFollower;

/**
 * The features a node runs, and what they bind: the admin RPC services it serves and the
 * followers of its change log, each set in the order the features are given.
 */
public final class Features {
  private final Injector injector;

  private Features(Injector injector) {
    this.injector = injector;
  }

  /** Every feature of a node, in the order their services are listed and their followers run. */
  public static List<Module> standard() {
    return List.of(new StatusFeature(), new IngestFeature(), new AuditFeature(), new PackagesFeature(),
        new CorrectionsFeature(), new QualityFeature(), new GrantsFeature(), new RevocationFeature(),
        new DepartmentsFeature(), new CertificatesFeature(), new AccountsFeature(), new BackupFeature());
  }

  /** Binds {@code features} over {@code runtime}; a feature that binds nothing of a kind leaves its set empty. */
  public static Features of(NodeRuntime runtime, List<Module> features) {
    List<Module> modules = new ArrayList<>();
    modules.add(new AbstractModule() {
      @Override
      protected void configure() {
        binder().requireExplicitBindings();
        bind(NodeRuntime.class).toInstance(runtime);
        Multibinder.newSetBinder(binder(), BindableService.class, AdminRpc.class);
        Multibinder.newSetBinder(binder(), ChangeLogFollower.class);
      }
    });
    modules.addAll(features);
    return new Features(Guice.createInjector(Stage.PRODUCTION, modules));
  }

  public List<BindableService> adminServices() {
    return List.copyOf(injector.getInstance(Key.get(new TypeLiteral<Set<BindableService>>() { }, AdminRpc.class)));
  }

  public List<ChangeLogFollower> followers() {
    return List.copyOf(injector.getInstance(Key.get(new TypeLiteral<Set<ChangeLogFollower>>() { })));
  }
}
