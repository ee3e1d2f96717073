package dev.clocksync.support.http;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;

import java.util.List;

/**
 * Message converters for JSON (and text and bytes) only. Spring adds a YAML and an XML converter to
 * every list it builds whenever their libraries are on the class path, and springdoc's swagger-core
 * puts Jackson 2's YAML module and the JAXB API there (in the services' tests now; it was at run time
 * too before the OpenAPI documents were generated at build time). A body sent as
 * {@code application/yaml} was then read by a Jackson 2 mapper with none of the services' strict JSON
 * settings (an unknown field taken, a fraction truncated), and each list built such a mapper, loading
 * Jackson 2 (about 500 classes) for formats no service speaks. Setting those two slots to a placeholder stops the detection; the
 * placeholder is taken out of the finished list.
 */
public final class JsonOnlyConverters {

    private JsonOnlyConverters() {
    }

    /** Leaves YAML and XML out of the list the builder makes. */
    public static void apply(HttpMessageConverters.Builder<?> builder) {
        builder.withYamlConverter(new Declined(MediaType.APPLICATION_YAML))
                .withXmlConverter(new Declined(MediaType.TEXT_XML))
                .configureMessageConvertersList(converters -> converters.removeIf(Declined.class::isInstance));
    }

    /** Holds a converter slot: reads and writes nothing, and never stays in a list. */
    record Declined(MediaType type) implements HttpMessageConverter<Object> {

        @Override
        public boolean canRead(Class<?> type, MediaType mediaType) {
            return false;
        }

        @Override
        public boolean canWrite(Class<?> type, MediaType mediaType) {
            return false;
        }

        @Override
        public List<MediaType> getSupportedMediaTypes() {
            return List.of(type);
        }

        @Override
        public Object read(Class<?> type, HttpInputMessage input) {
            throw new HttpMessageNotReadableException("no " + this.type + " here", input);
        }

        @Override
        public void write(Object body, MediaType contentType, HttpOutputMessage output) {
            throw new HttpMessageNotWritableException("no " + type + " here");
        }
    }
}
