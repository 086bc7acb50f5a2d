package org.cix.federation.department;

import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import io.grpc.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.cix.core.error.CixException;

/** The JSON side of the HTTP gateway: query parameters in, JSON replies and errors out, gRPC codes as HTTP statuses. */
final class HttpJson {
  private HttpJson() {}

  /** Query parameters onto the fields of {@code message} of the same name (proto or JSON name). */
  static void bindQuery(String rawQuery, Message.Builder message) {
    if (rawQuery == null) {
      return;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      FieldDescriptor field = message.getDescriptorForType().findFieldByName(key);
      if (field == null) {
        field = message.getDescriptorForType().getFields().stream().filter(f -> f.getJsonName().equals(key))
            .findFirst().orElse(null);
      }
      if (field == null || field.getType() != FieldDescriptor.Type.STRING || field.isRepeated()) {
        throw CixException.invalidInput("unknown query parameter '" + key + "' (fields: "
            + message.getDescriptorForType().getFields().stream().map(FieldDescriptor::getName).toList() + ")");
      }
      message.setField(field, value);
    }
  }

  static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static String error(String code, String message) {
    return "{\"code\": " + quote(code) + ", \"message\": " + quote(message) + "}\n";
  }

  static String quote(String s) {
    return new JsonPrimitive(s == null ? "" : s).toString();
  }

  /** The HTTP status of a gRPC code, as the gRPC-HTTP transcoding convention maps them. */
  static int httpStatus(Status.Code code) {
    return switch (code) {
      case OK -> 200;
      case INVALID_ARGUMENT, OUT_OF_RANGE -> 400;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, ABORTED -> 409;
      case FAILED_PRECONDITION -> 400;
      case RESOURCE_EXHAUSTED -> 429;
      case CANCELLED -> 499;
      case UNIMPLEMENTED -> 501;
      case UNAVAILABLE -> 503;
      case DEADLINE_EXCEEDED -> 504;
      default -> 500;
    };
  }
}
