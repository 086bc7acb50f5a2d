package org.cix.federation.console;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.TimeZone;
import org.cix.core.record.ChinaDate;

/**
 * The console's FreeMarker templates ({@code .ftlh}: every value is HTML-escaped unless a template
 * says otherwise), with times in Beijing time and numbers written plainly.
 */
final class Templates {
  private final Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);

  Templates() {
    configuration.setClassForTemplateLoading(Templates.class, "/org/cix/federation/console/templates");
    configuration.setDefaultEncoding("UTF-8");
    configuration.setOutputEncoding("UTF-8");
    configuration.setTimeZone(TimeZone.getTimeZone(ChinaDate.ZONE));
    configuration.setNumberFormat("computer");
    configuration.setDateTimeFormat("yyyy-MM-dd HH:mm:ss");
    configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    configuration.setLogTemplateExceptions(false);
    configuration.setWrapUncheckedExceptions(true);
    configuration.setFallbackOnNullLoopVariable(false);
  }

  /** The page {@code name} ({@code name.ftlh}) made from {@code model}. */
  String render(String name, Map<String, Object> model) {
    try {
      StringWriter out = new StringWriter();
      configuration.getTemplate(name + ".ftlh").process(model, out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      throw new IllegalStateException("the console's page " + name + " could not be made: " + e.getMessage(), e);
    }
  }
}
