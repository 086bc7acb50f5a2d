package org.cix.federation.feature;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.google.inject.BindingAnnotation;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Marks a gRPC service served on the node's admin port (loopback, admin token). */
@BindingAnnotation
@Target({METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface AdminRpc {}
