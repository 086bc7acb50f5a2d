package org.cix.federation.console;

import java.util.Map;

/** What a console request answers: a page, a redirect after a form, or bytes to download. */
sealed interface Answer {
  /** The template {@code template} made from {@code model} (the session's fields are added). */
  record Page(int status, String template, Map<String, Object> model) implements Answer {
    Page(String template, Map<String, Object> model) {
      this(200, template, model);
    }
  }

  /** 303 See Other: after a form, the browser fetches {@code to}. */
  record Redirect(String to) implements Answer {}

  /** A download or a script's answer. */
  record Bytes(int status, String contentType, byte[] body, Map<String, String> headers) implements Answer {}
}
