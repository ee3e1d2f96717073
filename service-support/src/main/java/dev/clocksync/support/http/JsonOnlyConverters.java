package dev.clocksync.support.http;

import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;

/**
 * Message converters for JSON (and text and bytes) only. Spring adds a YAML and an XML converter to
 * every list it builds whenever their libraries are on the class path, as springdoc's swagger-core puts
 * Jackson 2's YAML module and the JAXB API on the services' test class path; such a converter reads a
 * body with none of the services' strict JSON settings (an unknown field taken, a fraction truncated).
 * The builder's list hook takes them out of the finished list, and out of the form converter's parts.
 */
public final class JsonOnlyConverters {

    private JsonOnlyConverters() {
    }

    /** Leaves YAML and XML out of the list the builder makes. */
    public static void apply(HttpMessageConverters.Builder<?> builder) {
        builder.configureMessageConvertersList(converters -> converters.removeIf(JsonOnlyConverters::speaksYamlOrXml))
                .configureMessageConverters(converter -> {
                    if (converter instanceof FormHttpMessageConverter form) {
                        form.setPartConverters(form.getPartConverters().stream()
                                .filter(part -> !speaksYamlOrXml(part)).toList());
                    }
                });
    }

    /** @return whether the converter reads or writes a YAML or XML media type */
    static boolean speaksYamlOrXml(HttpMessageConverter<?> converter) {
        for (MediaType type : converter.getSupportedMediaTypes()) {
            String subtype = type.getSubtype();
            String suffix = type.getSubtypeSuffix();
            if (subtype.equals("yaml") || subtype.equals("xml") || "yaml".equals(suffix) || "xml".equals(suffix)) {
                return true;
            }
        }
        return false;
    }
}
