package org.cix.federation.console;

import com.google.gson.JsonObject;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import org.cix.federation.console.ConsoleSessions.Session;
import org.cix.federation.department.RejectsCsv;
import org.cix.federation.department.StaffCalls;
import org.cix.proto.v1.GetReceiptRequest;
import org.cix.proto.v1.ListSubmissionsRequest;
import org.cix.proto.v1.Receipt;
import org.cix.proto.v1.RowReject;
import org.cix.proto.v1.SubmitStart;

/**
 * A submitter's work: the department's latest submissions with their receipts, the upload of an
 * export (the page's script sends the file itself as the body, as the HTTP API takes it), a
 * receipt with its refused rows, and those rows as CSV to download.
 */
final class SubmissionPages {
  private final StaffCalls staff;
  private final Map<String, String> types;

  SubmissionPages(StaffCalls staff, Map<String, String> types) {
    this.staff = staff;
    this.types = types;
  }

  Answer list(Session me, Form query) {
    var list = staff.call(me.token(), s -> s.listSubmissions(ListSubmissionsRequest.newBuilder().setLimit(50).build()));
    return new Answer.Page("submissions", Map.of("submissions", list.getSubmissionsList(), "types", types));
  }

  /** The file as the body, its name, type and mapping in the query; answers JSON for the script. */
  Answer upload(Session me, Form query, InputStream body) throws IOException {
    JsonObject answer = new JsonObject();
    int status = 200;
    try {
      Receipt receipt = staff.submit(me.token(), SubmitStart.newBuilder().setFileName(query.get("file_name"))
          .setType(query.get("type")).setMappingYaml(query.get("mapping_yaml")).build(), body);
      answer.addProperty("submission", receipt.getSubmissionId());
    } catch (StatusRuntimeException e) {
      status = e.getStatus().getCode() == io.grpc.Status.Code.PERMISSION_DENIED ? 403 : 400;
      answer.addProperty("error", e.getStatus().getDescription());
    }
    return new Answer.Bytes(status, "application/json; charset=utf-8",
        answer.toString().getBytes(StandardCharsets.UTF_8), Map.of("Cache-Control", "no-store"));
  }

  Answer receipt(Session me, Form query) {
    return new Answer.Page("receipt", Map.of("receipt", fetch(me, query)));
  }

  Answer rejects(Session me, Form query) {
    Receipt receipt = fetch(me, query);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CSVPrinter csv = RejectsCsv.open(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
      for (RowReject reject : receipt.getRejectsList()) {
        RejectsCsv.print(csv, reject);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Answer.Bytes(200, "text/csv; charset=utf-8", bytes.toByteArray(), Map.of("Content-Disposition",
        "attachment; filename=\"submission-" + receipt.getSubmissionId() + ".rejects.csv\"", "Cache-Control",
        "no-store"));
  }

  private Receipt fetch(Session me, Form query) {
    long id = query.number("id", "submission");
    return staff.call(me.token(), s -> s.getReceipt(GetReceiptRequest.newBuilder().setSubmissionId(id).build()));
  }
}
