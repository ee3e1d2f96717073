package dev.clocksync.support.http;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonOnlyConvertersTests {

    private static List<MediaType> mediaTypes(HttpMessageConverters converters) {
        List<MediaType> types = new ArrayList<>();
        for (HttpMessageConverter<?> converter : converters) {
            types.addAll(converter.getSupportedMediaTypes());
        }
        return types;
    }

    @Test
    void springWouldAddYamlAndXmlBecauseTheirLibrariesAreOnTheClassPath() {
        assertThat(mediaTypes(HttpMessageConverters.forServer().registerDefaults().build()))
                .contains(MediaType.APPLICATION_YAML, MediaType.APPLICATION_XML);
    }

    @Test
    void serverAndClientListsKeepJsonTextAndBytesOnly() {
        HttpMessageConverters.ServerBuilder server = HttpMessageConverters.forServer().registerDefaults();
        JsonOnlyConverters.apply(server);
        HttpMessageConverters.ClientBuilder client = HttpMessageConverters.forClient().registerDefaults();
        JsonOnlyConverters.apply(client);

        for (HttpMessageConverters converters : List.of(server.build(), client.build())) {
            assertThat(mediaTypes(converters))
                    .contains(MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM)
                    .doesNotContain(MediaType.APPLICATION_YAML, MediaType.APPLICATION_XML, MediaType.TEXT_XML);
            for (HttpMessageConverter<?> converter : converters) {
                if (converter instanceof FormHttpMessageConverter form) {
                    assertThat(form.getPartConverters()).isNotEmpty().noneMatch(JsonOnlyConverters::speaksYamlOrXml);
                }
            }
        }
    }
}
