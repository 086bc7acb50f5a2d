package org.cix.federation.department;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OpenAPI 3 description of the department API's HTTP/JSON side, generated from the proto
 * service and message definitions as {@link HttpGateway} transcodes them (proto3 JSON names,
 * 64-bit integers as strings, enums as their names, bytes as base64).
 */
final class OpenApi {
  private OpenApi() {}

  /** {@code services}: each by the path prefix its methods are served under. */
  static String of(Map<String, ServiceDescriptor> services) {
    JsonObject root = new JsonObject();
    root.addProperty("openapi", "3.0.3");
    JsonObject info = new JsonObject();
    info.addProperty("title", "cix department API");
    info.addProperty("version", "v1");
    info.addProperty("description", "Generated from the services " + String.join(", ", services.values().stream()
        .map(ServiceDescriptor::getFullName).toList()) + ". Authenticate with the client certificate of an account, "
        + "or with \"Authorization: Bearer <token>\" from Login.");
    root.add("info", info);
    JsonObject paths = new JsonObject();
    Map<String, Descriptor> schemas = new LinkedHashMap<>();
    Deque<Descriptor> pending = new ArrayDeque<>();
    for (Map.Entry<String, ServiceDescriptor> service : services.entrySet()) {
      for (MethodDescriptor method : service.getValue().getMethods()) {
        JsonObject post = new JsonObject();
        post.addProperty("operationId", method.getName());
        JsonObject body = new JsonObject();
        JsonObject content = new JsonObject();
        if (method.isClientStreaming()) {
          FieldDescriptor first = method.getInputType().getFields().stream()
              .filter(f -> f.getType() == FieldDescriptor.Type.MESSAGE).findFirst().orElseThrow();
          JsonArray parameters = new JsonArray();
          for (FieldDescriptor field : first.getMessageType().getFields()) {
            JsonObject parameter = new JsonObject();
            parameter.addProperty("name", field.getName());
            parameter.addProperty("in", "query");
            parameter.add("schema", type(field, pending));
            parameters.add(parameter);
          }
          post.add("parameters", parameters);
          JsonObject binary = new JsonObject();
          binary.addProperty("type", "string");
          binary.addProperty("format", "binary");
          JsonObject octets = new JsonObject();
          octets.add("schema", binary);
          content.add("application/octet-stream", octets);
          post.addProperty("description", "The first message's fields from the query string, the file as the body.");
        } else {
          JsonObject json = new JsonObject();
          json.add("schema", ref(method.getInputType(), pending));
          content.add("application/json", json);
        }
        body.add("content", content);
        post.add("requestBody", body);
        JsonObject responses = new JsonObject();
        JsonObject ok = new JsonObject();
        ok.addProperty("description", method.getOutputType().getName());
        JsonObject okContent = new JsonObject();
        JsonObject okJson = new JsonObject();
        okJson.add("schema", ref(method.getOutputType(), pending));
        okContent.add("application/json", okJson);
        ok.add("content", okContent);
        responses.add("200", ok);
        JsonObject error = new JsonObject();
        error.addProperty("description", "{\"code\": gRPC status name, \"message\": why} with the HTTP status of the "
            + "code (400, 401, 403, 404, 429, 503...)");
        responses.add("default", error);
        post.add("responses", responses);
        JsonObject item = new JsonObject();
        item.add("post", post);
        paths.add(service.getKey() + method.getName(), item);
      }
    }
    root.add("paths", paths);
    while (!pending.isEmpty()) {
      Descriptor message = pending.pop();
      if (!schemas.containsKey(message.getFullName())) {
        schemas.put(message.getFullName(), message);
        message.getFields().forEach(f -> type(f, pending));
      }
    }
    JsonObject components = new JsonObject();
    JsonObject schemaObjects = new JsonObject();
    for (Descriptor message : schemas.values()) {
      JsonObject schema = new JsonObject();
      schema.addProperty("type", "object");
      JsonObject properties = new JsonObject();
      message.getFields().forEach(f -> properties.add(f.getJsonName(), type(f, new ArrayDeque<>())));
      schema.add("properties", properties);
      schemaObjects.add(message.getFullName(), schema);
    }
    components.add("schemas", schemaObjects);
    root.add("components", components);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
  }

  private static JsonObject type(FieldDescriptor field, Deque<Descriptor> pending) {
    JsonObject one = new JsonObject();
    switch (field.getJavaType()) {
      case STRING -> one.addProperty("type", "string");
      case BOOLEAN -> one.addProperty("type", "boolean");
      case INT -> {
        one.addProperty("type", "integer");
        one.addProperty("format", "int32");
      }
      case LONG -> {
        one.addProperty("type", "string");
        one.addProperty("format", "int64");
      }
      case FLOAT, DOUBLE -> one.addProperty("type", "number");
      case BYTE_STRING -> {
        one.addProperty("type", "string");
        one.addProperty("format", "byte");
      }
      case ENUM -> {
        one.addProperty("type", "string");
        JsonArray values = new JsonArray();
        field.getEnumType().getValues().stream().map(EnumValueDescriptor::getName).forEach(values::add);
        one.add("enum", values);
      }
      case MESSAGE -> one = ref(field.getMessageType(), pending);
    }
    if (!field.isRepeated()) {
      return one;
    }
    JsonObject array = new JsonObject();
    array.addProperty("type", "array");
    array.add("items", one);
    return array;
  }

  private static JsonObject ref(Descriptor message, Deque<Descriptor> pending) {
    pending.push(message);
    JsonObject ref = new JsonObject();
    ref.addProperty("$ref", "#/components/schemas/" + message.getFullName());
    return ref;
  }
}
